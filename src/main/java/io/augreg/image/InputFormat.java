package io.augreg.image;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import io.augreg.core.AugregException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * How an image becomes a network input column: resized to {@code width × height} (area
 * interpolation when shrinking, bilinear when enlarging; untouched when already that size),
 * converted to RGB (3 channels) or gray (1 channel), flattened row, then column, then channel (the
 * numpy reference's {@code reshape(-1)} of an {@code H × W × C} RGB array), divided by 255 and
 * optionally standardized per channel: {@code x = (p/255 − mean_c) / std_c}.
 *
 * <p>Immutable and thread-safe; {@link #encode} allocates only OpenCV temporaries, released before
 * it returns.
 *
 * @param width input width in pixels, &gt;= 1
 * @param height input height in pixels, &gt;= 1
 * @param channels 3 (RGB) or 1 (gray)
 * @param mean per-channel mean subtracted after /255 (length {@code channels}); zeros = none
 * @param std per-channel standard deviation divided by (length {@code channels}, each &gt; 0)
 */
public record InputFormat(int width, int height, int channels, double[] mean, double[] std) {

  /** Validates and copies. */
  public InputFormat {
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
      throw new AugregException("--size sides must be in [1, 65535], got " + width + "x" + height);
    }
    if (channels != 1 && channels != 3) {
      throw new AugregException("--channels must be 1 (gray) or 3 (RGB), got " + channels);
    }
    if (mean == null || std == null || mean.length != channels || std.length != channels) {
      throw new AugregException("normalization needs one mean and one std per channel (" + channels + ")");
    }
    mean = mean.clone();
    std = std.clone();
    for (int c = 0; c < channels; c++) {
      if (!Double.isFinite(mean[c]) || !(std[c] > 0) || Double.isInfinite(std[c])) {
        throw new AugregException(
            "normalization must have finite means and stds > 0, got mean "
                + Arrays.toString(mean) + " std " + Arrays.toString(std));
      }
    }
  }

  /**
   * Pixels / 255 without standardization (the reference's scaling).
   *
   * @param width input width
   * @param height input height
   * @param channels 3 or 1
   * @return the format
   */
  public static InputFormat scaled(int width, int height, int channels) {
    double[] zeros = new double[channels];
    double[] ones = new double[channels];
    Arrays.fill(ones, 1.0);
    return new InputFormat(width, height, channels, zeros, ones);
  }

  /** This format with the given per-channel statistics. */
  public InputFormat withNormalization(double[] mean, double[] std) {
    return new InputFormat(width, height, channels, mean, std);
  }

  /** Whether a mean/std standardization is applied after /255. */
  public boolean standardized() {
    for (int c = 0; c < channels; c++) {
      if (mean[c] != 0 || std[c] != 1) {
        return true;
      }
    }
    return false;
  }

  /** Per-channel means (a copy). */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** Per-channel stds (a copy). */
  @Override
  public double[] std() {
    return std.clone();
  }

  /** The number of network inputs: width · height · channels. */
  public int features() {
    return width * height * channels;
  }

  /**
   * Writes the input column of {@code image} into column {@code col} of a row-major (features ×
   * cols) array: feature f = (row · width + column) · channels + channel.
   *
   * @param image an 8-bit Mat with 1, 3 (BGR) or 4 (BGRA) channels, any size
   * @param dst row-major destination
   * @param cols number of columns of {@code dst}
   * @param col the column to fill
   */
  public void encode(Mat image, double[] dst, int cols, int col) {
    byte[] px = pixels(image);
    int n = features();
    double[] scale = new double[channels];
    double[] shift = new double[channels];
    for (int c = 0; c < channels; c++) {
      // x = (p / 255 - mean) / std = p * (1 / (255 std)) - mean / std; exact /255 when unnormalized
      scale[c] = 1.0 / std[c];
      shift[c] = mean[c];
    }
    boolean plain = !standardized();
    for (int f = 0; f < n; f++) {
      double v = (px[f] & 0xFF) / 255.;
      if (!plain) {
        int c = f % channels;
        v = (v - shift[c]) * scale[c];
      }
      dst[f * cols + col] = v;
    }
  }

  /**
   * The 8-bit values of {@code image} at this format's size and channels, in feature order.
   *
   * @param image an 8-bit Mat with 1, 3 or 4 channels
   * @return {@link #features()} bytes
   */
  public byte[] pixels(Mat image) {
    try (Mat sized = new Mat();
        Mat converted = new Mat()) {
      Mat src = image;
      if (image.cols() != width || image.rows() != height) {
        boolean shrink = image.cols() >= width && image.rows() >= height;
        try (Size size = new Size(width, height)) {
          opencv_imgproc.resize(image, sized, size, 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
        }
        src = sized;
      }
      int code = conversion(src.channels());
      if (code >= 0) {
        opencv_imgproc.cvtColor(src, converted, code);
        src = converted;
      }
      byte[] out = new byte[features()];
      int rowBytes = width * channels;
      try (BytePointer p = src.data()) {
        long step = src.step();
        for (int r = 0; r < height; r++) {
          p.position(r * step).get(out, r * rowBytes, rowBytes);
        }
      }
      return out;
    }
  }

  private int conversion(int have) {
    if (channels == 3) {
      return switch (have) {
        case 1 -> COLOR_GRAY2RGB;
        case 3 -> COLOR_BGR2RGB;
        case 4 -> COLOR_BGRA2RGB;
        default -> throw new AugregException("unsupported channel count " + have);
      };
    }
    return switch (have) {
      case 1 -> -1;
      case 3 -> COLOR_BGR2GRAY;
      case 4 -> COLOR_BGRA2GRAY;
      default -> throw new AugregException("unsupported channel count " + have);
    };
  }

  /** A JSON-friendly description (for model files). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("width", width);
    m.put("height", height);
    m.put("channels", channels);
    m.put("order", channels == 3 ? "RGB, flattened row, column, channel" : "gray, flattened row, column");
    m.put("scale", "1/255");
    m.put("mean", Arrays.stream(mean).boxed().toList());
    m.put("std", Arrays.stream(std).boxed().toList());
    return m;
  }

  /**
   * Rebuilds a format from {@link #toMap()}'s keys.
   *
   * @param m the map (numbers may be any {@link Number})
   * @return the format
   * @throws AugregException when a key is missing or malformed
   */
  public static InputFormat fromMap(Map<String, ?> m) {
    try {
      int c = ((Number) m.get("channels")).intValue();
      return new InputFormat(
          ((Number) m.get("width")).intValue(),
          ((Number) m.get("height")).intValue(),
          c,
          toArray(m.get("mean")),
          toArray(m.get("std")));
    } catch (ClassCastException | NullPointerException e) {
      throw new AugregException("model input description is incomplete: " + m, e);
    }
  }

  private static double[] toArray(Object o) {
    List<?> list = (List<?>) o;
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputFormat f
        && f.width == width
        && f.height == height
        && f.channels == channels
        && Arrays.equals(f.mean, mean)
        && Arrays.equals(f.std, std);
  }

  @Override
  public int hashCode() {
    return ((width * 31 + height) * 31 + channels) * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return width + "x" + height + "x" + channels + (standardized() ? " mean " + Arrays.toString(mean)
        + " std " + Arrays.toString(std) : " /255");
  }
}
