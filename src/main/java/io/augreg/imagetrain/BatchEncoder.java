package io.augreg.imagetrain;

import io.augreg.image.InputFormat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes images into a batch matrix the way {@link InputFormat#encode} does, in two cheap steps:
 * {@link #stage} copies an image's 8-bit values, already in feature order (RGB or gray), into one
 * row of a byte staging area ({@code mb} rows of {@link #stride()} bytes); {@link #encode} then converts the whole
 * staging area at once into the row-major {@code features × mb} double matrix through a 256-entry
 * table per channel. The values are bit for bit those of {@code InputFormat.encode} (the table
 * holds the same expression), but no Mat or array is allocated per image and the double matrix is
 * written row by row instead of one scattered column per image.
 *
 * <p>Thread-safe for distinct staging rows; {@link #stage} uses a per-thread byte buffer.
 */
final class BatchEncoder {
  private final InputFormat format;
  private final int features;
  /**
   * Bytes from one staging row to the next: the features plus 64, so that the rows read together
   * by {@link #encode} do not all fall into the same L1 cache set (64·64·3 = 12 288 is a multiple
   * of 4 096; unpadded, the 32 rows of a batch evict each other and encoding is 4 times slower).
   */
  private final int stride;
  private final int pixels;
  /** {@code table[c][v]}: the encoded value of 8-bit value v in channel c. */
  private final double[][] table;
  private final ThreadLocal<byte[]> buffers;

  /**
   * @param format the network input format
   */
  BatchEncoder(InputFormat format) {
    this.format = format;
    this.features = format.features();
    this.stride = features + 64;
    this.pixels = format.width() * format.height();
    int ch = format.channels();
    double[] mean = format.mean();
    double[] std = format.std();
    boolean plain = !format.standardized();
    table = new double[ch][256];
    for (int c = 0; c < ch; c++) {
      // the expression of InputFormat.encode: x = p / 255, then (x − mean) · (1 / std) when standardized
      double scale = 1.0 / std[c];
      for (int v = 0; v < 256; v++) {
        double x = v / 255.;
        table[c][v] = plain ? x : (x - mean[c]) * scale;
      }
    }
    int bytes = format.width() * format.height() * 4;
    buffers = ThreadLocal.withInitial(() -> new byte[bytes]);
  }

  /** Bytes per staging row; a staging area for {@code mb} columns has {@code mb · stride()} bytes. */
  int stride() {
    return stride;
  }

  /**
   * Copies the feature-order 8-bit values of {@code image} into {@code stage[row·stride ..]}.
   * Images of the input size with 1, 3 (BGR) or 4 (BGRA) channels are converted here (channel
   * swap, gray replicated, alpha dropped: what {@code cvtColor} does for those codes, exactly);
   * anything else (another size, a colour image for a gray network) goes through {@link
   * InputFormat#pixels}.
   *
   * @param image an 8-bit image
   * @param stage the staging area
   * @param row the staging row (the column of the batch)
   */
  void stage(Mat image, byte[] stage, int row) {
    int have = image.channels();
    boolean packed =
        image.cols() == format.width()
            && image.rows() == format.height()
            && image.depth() == opencv_core.CV_8U
            && image.isContinuous()
            && direct(have);
    if (!packed) {
      System.arraycopy(format.pixels(image), 0, stage, row * stride, features);
      return;
    }
    byte[] px = buffers.get();
    try (BytePointer p = image.data()) {
      p.get(px, 0, pixels * have);
    }
    stage(px, have, stage, row);
  }

  /**
   * Like {@link #stage(Mat, byte[], int)} for packed 8-bit pixels already in a Java array.
   *
   * @param px packed pixels (BGR, BGRA or gray, rows of {@code width · channels} bytes)
   * @param width image width
   * @param height image height
   * @param channels 1, 3 or 4
   * @param stage the staging area
   * @param row the staging row
   */
  void stage(byte[] px, int width, int height, int channels, byte[] stage, int row) {
    if (width == format.width() && height == format.height() && direct(channels)) {
      stage(px, channels, stage, row);
      return;
    }
    try (Mat m = new Mat(height, width, opencv_core.CV_8UC(channels));
        BytePointer p = m.data()) {
      p.put(px, 0, width * height * channels);
      System.arraycopy(format.pixels(m), 0, stage, row * stride, features);
    }
  }

  /** Whether images with {@code have} channels are converted here (else by InputFormat). */
  private boolean direct(int have) {
    return format.channels() == 3 ? have == 1 || have == 3 || have == 4 : have == 1;
  }

  /** Converts input-size packed pixels to feature order into staging row {@code row}. */
  private void stage(byte[] px, int have, byte[] stage, int row) {
    int off = row * stride;
    int n = pixels * have;
    if (format.channels() == 1) {
      System.arraycopy(px, 0, stage, off, n);
    } else if (have == 1) {
      // GRAY2RGB: the gray value in all three channels
      for (int i = 0, o = off; i < pixels; i++, o += 3) {
        byte g = px[i];
        stage[o] = g;
        stage[o + 1] = g;
        stage[o + 2] = g;
      }
    } else {
      // BGR(A)2RGB: R = byte 2, G = byte 1, B = byte 0 of each pixel; alpha dropped
      for (int i = 0, o = off; i < n; i += have, o += 3) {
        stage[o] = px[i + 2];
        stage[o + 1] = px[i + 1];
        stage[o + 2] = px[i];
      }
    }
  }

  /**
   * Converts the first {@code mb} staging rows into the row-major {@code features × mb} matrix
   * {@code x}: {@code x[f·mb + c] = table[f mod channels][stage[c·stride + f]]}.
   *
   * @param stage the staging area
   * @param mb the number of columns
   * @param x the destination (at least {@code features · mb} values)
   */
  void encode(byte[] stage, int mb, double[] x) {
    int ch = format.channels();
    for (int p = 0; p < pixels; p++) {
      for (int k = 0; k < ch; k++) {
        int f = p * ch + k;
        double[] t = table[k];
        int out = f * mb;
        // x[f, c] = table_k[stage[c, f]] for every column c
        for (int c = 0, in = f; c < mb; c++, in += stride) {
          x[out + c] = t[stage[in] & 0xFF];
        }
      }
    }
  }
}
