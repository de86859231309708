package io.augreg.augment;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Point operations on 8-bit images through a 256-entry lookup table, in Java on packed bytes: one
 * pass to read, one to map. Alpha (the 4th channel) is never summed nor mapped.
 */
final class LutKernel {
  private LutKernel() {}

  /**
   * Sum of the colour values: Σ over pixels and colour channels (alpha excluded).
   *
   * @param b packed pixels
   * @param n number of bytes
   * @param channels channels per pixel
   * @return the sum
   */
  static long colourSum(byte[] b, int n, int channels) {
    long total = 0;
    if (channels != 4) {
      // chunks of at most 2^23 bytes keep the int partial sum exact
      for (int start = 0; start < n; start += 1 << 23) {
        int end = Math.min(n, start + (1 << 23));
        int s = 0;
        for (int i = start; i < end; i++) {
          s += b[i] & 0xFF;
        }
        total += s;
      }
      return total;
    }
    for (int i = 0; i < n; i += 4) {
      total += (b[i] & 0xFF) + (b[i + 1] & 0xFF) + (b[i + 2] & 0xFF);
    }
    return total;
  }

  /**
   * The centre a contrast gain scales around: the mean of all colour values ({@code gray =
   * false}), or the mean luma ({@code gray = true}, ITU-R BT.601 on BGR(A) pixels as OpenCV's and
   * PIL's grayscale conversion, the centre torchvision's and PIL's contrast use; for one channel
   * the plain mean).
   *
   * @param b packed pixels
   * @param n number of bytes
   * @param channels channels per pixel (1, 3 or 4; alpha excluded)
   * @param gray luma instead of all values
   * @return the mean
   */
  static double mean(byte[] b, int n, int channels, boolean gray) {
    if (!gray || channels == 1) {
      long count = channels == 4 ? n / 4 * 3L : n;
      return (double) colourSum(b, n, channels) / count;
    }
    // luma mean = (0.114·ΣB + 0.587·ΣG + 0.299·ΣR) / pixels, the sums exact in longs
    long sb = 0;
    long sg = 0;
    long sr = 0;
    for (int i = 0; i < n; i += channels) {
      sb += b[i] & 0xFF;
      sg += b[i + 1] & 0xFF;
      sr += b[i + 2] & 0xFF;
    }
    return (0.114 * sb + 0.587 * sg + 0.299 * sr) / (n / channels);
  }

  /**
   * PIL's centre of {@code ImageEnhance.Contrast}: {@code int(mean(L) + 0.5)} with PIL's integer
   * luma {@code L = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16} (for one channel, the value itself).
   *
   * @param b packed pixels, BGR(A) order
   * @param n number of bytes
   * @param channels channels per pixel (1, 3 or 4; alpha excluded)
   * @return the rounded mean luma, 0..255
   */
  static int pilMeanLuma(byte[] b, int n, int channels) {
    if (channels == 1) {
      return (int) Math.floor((double) colourSum(b, n, 1) / n + 0.5);
    }
    long sum = 0;
    for (int i = 0; i < n; i += channels) {
      sum += ((b[i + 2] & 0xFF) * 19595 + (b[i + 1] & 0xFF) * 38470 + (b[i] & 0xFF) * 7471 + 0x8000) >> 16;
    }
    return (int) Math.floor((double) sum / (n / channels) + 0.5);
  }

  /**
   * Fills {@code lut[v]} with PIL's {@code Image.blend(M, v, a)} for v = 0..255: {@code t = (float)
   * M + a·(float) (v − M)} in single precision, then 0 if {@code t <= 0}, 255 if {@code t >= 255},
   * else {@code t} truncated.
   *
   * @param a the blend factor, in single precision as PIL's
   * @param m the constant image's value
   * @param lut 256 entries
   */
  static void pilBlend(float a, int m, byte[] lut) {
    for (int v = 0; v < 256; v++) {
      float t = (float) m + a * (float) (v - m);
      lut[v] = (byte) (t <= 0 ? 0 : (t >= 255 ? 255 : (int) t));
    }
  }

  /**
   * Maps every colour value through {@code lut}; alpha is copied.
   *
   * @param src packed input
   * @param dst packed output (may be {@code src})
   * @param n number of bytes
   * @param channels channels per pixel
   * @param lut 256 entries
   */
  static void map(byte[] src, byte[] dst, int n, int channels, byte[] lut) {
    if (channels != 4) {
      for (int i = 0; i < n; i++) {
        dst[i] = lut[src[i] & 0xFF];
      }
      return;
    }
    for (int i = 0; i < n; i += 4) {
      dst[i] = lut[src[i] & 0xFF];
      dst[i + 1] = lut[src[i + 1] & 0xFF];
      dst[i + 2] = lut[src[i + 2] & 0xFF];
      dst[i + 3] = src[i + 3];
    }
  }

  /**
   * Fills {@code lut[v] = saturate(round(a·v + b))} for v = 0..255 (round half to even).
   *
   * @param a the gain
   * @param b the offset
   * @param lut 256 entries
   */
  static void linear(double a, double b, byte[] lut) {
    for (int v = 0; v < 256; v++) {
      double y = Math.rint(a * v + b);
      lut[v] = (byte) (y < 0 ? 0 : (y > 255 ? 255 : (int) y));
    }
  }

  /**
   * Maps every colour value of {@code src} through {@code lut} with OpenCV's {@code LUT} (alpha
   * kept): {@code dst = lut[src]}.
   */
  static void cvMap(Mat src, Mat dst, byte[] lut) {
    org.bytedeco.opencv.global.opencv_core.LUT(src, Scratch.get().cvLut(lut, src.channels()), dst);
  }

  /**
   * Maps each colour channel through its own table, computed from that channel's histogram by
   * {@code table} (read in Java), with OpenCV's {@code LUT} (alpha kept).
   */
  static void perChannelTables(Mat src, Mat dst, HistogramTable table) {
    Scratch s = Scratch.get();
    int n = Pixels.byteCount(src);
    byte[] b = s.bytesA(n);
    Pixels.read(src, b);
    int colours = io.augreg.augment.kernel.Colour.histograms(b, n, src.channels(), s.hist, s.histSpare);
    for (int c = 0; c < colours; c++) {
      table.fill(s.hist, 256 * c, s.luts, 256 * c);
    }
    org.bytedeco.opencv.global.opencv_core.LUT(src, s.cvLutPerChannel(s.luts, src.channels()), dst);
  }

  /** A table of one channel from its histogram. */
  interface HistogramTable {
    /**
     * Fills {@code lut[lutOff .. lutOff+256)} from {@code hist[off .. off+256)}.
     *
     * @param hist histograms
     * @param off this channel's offset
     * @param lut tables
     * @param lutOff this channel's offset
     */
    void fill(int[] hist, int off, byte[] lut, int lutOff);
  }

  /**
   * Reads {@code src} into one buffer, lets {@code op} write the result into a second one, writes
   * that to {@code dst} (allocated like {@code src}).
   */
  static void run2(Mat src, Mat dst, Op2 op) {
    Scratch s = Scratch.get();
    int n = Pixels.byteCount(src);
    byte[] in = s.bytesA(n);
    byte[] out = s.bytesB(n);
    Pixels.read(src, in);
    op.apply(in, out, src.cols(), src.rows(), src.channels(), s);
    dst.create(src.rows(), src.cols(), src.type());
    Pixels.write(out, dst);
  }

  /** An operation from one packed buffer into another. */
  interface Op2 {
    /**
     * Writes the result of {@code in} into {@code out}.
     *
     * @param in packed input pixels
     * @param out packed output, same size
     * @param w width
     * @param h height
     * @param channels channels per pixel
     * @param s the thread's scratch
     */
    void apply(byte[] in, byte[] out, int w, int h, int channels, Scratch s);
  }

  /**
   * Reads {@code src}, lets {@code op} transform the packed bytes, writes them to {@code dst}
   * (allocated like {@code src}).
   */
  static void run(Mat src, Mat dst, Op op) {
    Scratch s = Scratch.get();
    int n = Pixels.byteCount(src);
    byte[] in = s.bytesA(n);
    Pixels.read(src, in);
    op.apply(in, n, src.channels(), s);
    dst.create(src.rows(), src.cols(), src.type());
    Pixels.write(in, dst);
  }

  /** An in-place operation on packed bytes. */
  interface Op {
    /**
     * Transforms {@code b[0..n)} in place.
     *
     * @param b packed pixels
     * @param n number of bytes
     * @param channels channels per pixel
     * @param s the thread's scratch
     */
    void apply(byte[] b, int n, int channels, Scratch s);
  }
}
