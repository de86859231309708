package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random resized crop, like torchvision's {@code RandomResizedCrop}: a box whose area is a
 * fraction {@code scale} of the image and whose aspect ratio w/h is drawn log-uniformly from
 * {@code ratio}, placed uniformly inside the image, then resized back to the input size (or to
 * {@code size=WxH}). Up to 10 draws look for a box that fits; otherwise the largest centred box
 * with the ratio clamped to the range is used. The box is always inside the image.
 *
 * <p>Spec: {@code crop scale=0.08..1 ratio=0.75..1.3333333333333333 interp=linear [size=WxH]}.
 *
 * @param scale area fraction range, within (0, 1]
 * @param ratio aspect-ratio (width/height) range, positive
 * @param width output width, or 0 for the input width
 * @param height output height, or 0 for the input height
 * @param interp the resize interpolation
 */
public record Crop(Range scale, Range ratio, int width, int height, Interp interp)
    implements Transform<Crop.CropParams> {

  /**
   * One crop box and its output size.
   *
   * @param x left column of the box
   * @param y top row of the box
   * @param w box width
   * @param h box height
   * @param outWidth output width
   * @param outHeight output height
   * @param interp the resize interpolation
   */
  public record CropParams(int x, int y, int w, int h, int outWidth, int outHeight, Interp interp)
      implements Params {
    /** Validates a non-empty box at non-negative coordinates and a positive output size. */
    public CropParams {
      if (x < 0 || y < 0 || w < 1 || h < 1 || outWidth < 1 || outHeight < 1) {
        throw new AugregException(
            "crop parameters: bad box x=" + x + " y=" + y + " w=" + w + " h=" + h
                + " out=" + outWidth + "x" + outHeight);
      }
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", x);
      m.put("y", y);
      m.put("w", w);
      m.put("h", h);
      m.put("out_w", outWidth);
      m.put("out_h", outHeight);
      m.put("interp", interp.specName());
      return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public int outputWidth(int width, int height) {
      return outWidth;
    }

    @Override
    public int outputHeight(int width, int height) {
      return outHeight;
    }
  }

  /** Validates the options. */
  public Crop {
    if (scale.lo() <= 0 || scale.hi() > 1) {
      throw new AugregException("crop: scale must be within (0, 1], got " + scale);
    }
    if (ratio.lo() <= 0) {
      throw new AugregException("crop: ratio must be positive, got " + ratio);
    }
    if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
      throw new AugregException("crop: size must be WxH with both positive, got " + width + "x" + height);
    }
  }

  static Crop fromOptions(Options o) {
    Range scale = o.range("scale", new Range(0.08, 1), Double.MIN_VALUE, 1);
    Range ratio = o.range("ratio", new Range(3.0 / 4, 4.0 / 3), Double.MIN_VALUE, 1e6);
    int[] size = o.size("size");
    Interp interp = o.interp("interp", Interp.LINEAR, Interp.values());
    o.finish();
    return new Crop(scale, ratio, size == null ? 0 : size[0], size == null ? 0 : size[1], interp);
  }

  @Override
  public String name() {
    return "crop";
  }

  @Override
  public CropParams sample(SplittableRandom rng, int imgW, int imgH, int channels) {
    int outW = width == 0 ? imgW : width;
    int outH = height == 0 ? imgH : height;
    double area = (double) imgW * imgH;
    double logLo = Math.log(ratio.lo());
    double logHi = Math.log(ratio.hi());
    for (int attempt = 0; attempt < 10; attempt++) {
      // target area = area·U(scale), aspect r = exp(U(log lo, log hi)); w = round(√(A·r)), h = round(√(A/r))
      double target = area * scale.sample(rng);
      double r = Math.exp(logLo == logHi ? logLo : logLo + (logHi - logLo) * rng.nextDouble());
      int w = (int) Math.rint(Math.sqrt(target * r));
      int h = (int) Math.rint(Math.sqrt(target / r));
      if (w > 0 && h > 0 && w <= imgW && h <= imgH) {
        int x = rng.nextInt(imgW - w + 1);
        int y = rng.nextInt(imgH - h + 1);
        return new CropParams(x, y, w, h, outW, outH, interp);
      }
    }
    // fallback: the whole image, or the largest centred box with the ratio clamped into range
    double inRatio = (double) imgW / imgH;
    int w = imgW;
    int h = imgH;
    if (inRatio < ratio.lo()) {
      h = (int) Math.max(1, Math.min(imgH, Math.rint(w / ratio.lo())));
    } else if (inRatio > ratio.hi()) {
      w = (int) Math.max(1, Math.min(imgW, Math.rint(h * ratio.hi())));
    }
    return new CropParams((imgW - w) / 2, (imgH - h) / 2, w, h, outW, outH, interp);
  }

  @Override
  public void apply(Mat src, Mat dst, CropParams p) {
    if (p.x() + p.w() > src.cols() || p.y() + p.h() > src.rows()) {
      throw new AugregException(
          "crop parameters: box " + p.w() + "x" + p.h() + "+" + p.x() + "+" + p.y()
              + " outside a " + src.cols() + "x" + src.rows() + " image");
    }
    Scratch s = Scratch.get();
    Mat roi = s.roi.of(src, p.x(), p.y(), p.w(), p.h());
    opencv_imgproc.resize(roi, dst, s.size(p.outWidth(), p.outHeight()), 0, 0, p.interp().cvFlag());
  }

  @Override
  public CropParams paramsFromMap(Map<String, Object> map) {
    return new CropParams(
        ParamMaps.integer(map, "crop", "x"),
        ParamMaps.integer(map, "crop", "y"),
        ParamMaps.integer(map, "crop", "w"),
        ParamMaps.integer(map, "crop", "h"),
        ParamMaps.integer(map, "crop", "out_w"),
        ParamMaps.integer(map, "crop", "out_h"),
        ParamMaps.interp(map, "crop"));
  }

  @Override
  public String toSpec() {
    return "crop scale="
        + scale.toSpec()
        + " ratio="
        + ratio.toSpec()
        + (width == 0 ? "" : " size=" + width + "x" + height)
        + " interp="
        + interp.specName();
  }

  @Override
  public Class<CropParams> paramsType() {
    return CropParams.class;
  }
}
