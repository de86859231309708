package io.augreg.augment;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Per-thread temporaries of the transforms and the pipeline, sized once and reused so the hot path
 * allocates no native memory: two ping-pong images, an affine matrix, a size, a rectangle, a zero
 * scalar and Java byte buffers. {@link #release()} frees the current thread's native memory
 * deterministically (batch workers call it when they finish).
 */
final class Scratch implements AutoCloseable {
  private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();

  /** Ping-pong intermediates of a pipeline. */
  final Mat[] ping = {new Mat(), new Mat()};
  /** Two 4-channel temporaries (horizontal flip of 3-channel images). */
  final Mat[] wide = {new Mat(), new Mat()};
  /** A border-padded copy of the source (warps). */
  final Mat padded = new Mat();
  /** An empty Mat standing for "no mask". */
  final Mat noMask = new Mat();
  /** A 2x3 CV_64F affine matrix and a view of its 6 doubles. */
  final Mat affine = new Mat(2, 3, opencv_core.CV_64F);
  final DoublePointer affineData = new DoublePointer(affine.data());
  private final double[] affineValues = new double[6];
  /** A 3x3 CV_64F perspective matrix and a view of its 9 doubles. */
  final Mat homography = new Mat(3, 3, opencv_core.CV_64F);
  final DoublePointer homographyData = new DoublePointer(homography.data());
  /** Spare images for steps that chain other steps (policies). */
  final Mat[] chain = {new Mat(), new Mat(), new Mat()};
  /** Displacement maps of elastic warps (CV_32FC1). */
  final Mat mapX = new Mat();
  final Mat mapY = new Mat();
  float[] floatsA = new float[0];
  float[] floatsB = new float[0];
  /** A reusable size argument. */
  final Size size = new Size();
  /** A reusable region-of-interest header. */
  final RoiView roi = new RoiView();
  /** Border value: all channels 0. */
  final Scalar zero = new Scalar(0.0);
  /** A reusable fill or border value, set by {@link #scalar}. */
  private final Scalar value = new Scalar(0.0, 0.0, 0.0, 0.0);
  /** Java-side pixel buffers, grown on demand. */
  byte[] bytesA = new byte[0];
  byte[] bytesB = new byte[0];
  /** A third pixel buffer, for steps that chain others (which use the first two). */
  byte[] bytesC = new byte[0];
  /** Packed images of AugMix: the source and each chain's output. */
  byte[][] mixBytes = new byte[0][];
  /** The noise sampler of this thread (rebuilt when sigma changes). */
  final NoiseKernel.Sampler noise = new NoiseKernel.Sampler();
  /** A 256-entry lookup table. */
  final byte[] lut = new byte[256];
  /** Per-channel lookup tables (3 × 256) and histograms (3 × 256). */
  final byte[] luts = new byte[768];
  final int[] hist = new int[768];
  final int[] histSpare = new int[2304];
  /** OpenCV lookup tables: one channel (applied to every channel), and BGRA with alpha kept. */
  final Mat lut1 = new Mat(1, 256, opencv_core.CV_8UC1);
  final Mat lut4 = new Mat(1, 256, opencv_core.CV_8UC4);
  /** Per-channel OpenCV lookup tables: BGR, and BGRA with alpha kept. */
  final Mat lut3c = new Mat(1, 256, opencv_core.CV_8UC3);
  final Mat lut4c = new Mat(1, 256, opencv_core.CV_8UC4);
  private final byte[] lut4Bytes = new byte[1024];

  private Scratch() {}

  /**
   * The current thread's scratch, created on first use.
   *
   * @return the scratch of this thread
   */
  static Scratch get() {
    Scratch s = LOCAL.get();
    if (s == null) {
      s = new Scratch();
      LOCAL.set(s);
    }
    return s;
  }

  /** Frees the current thread's scratch (a later {@link #get()} makes a new one). */
  static void release() {
    Scratch s = LOCAL.get();
    if (s != null) {
      LOCAL.remove();
      s.close();
    }
    PointOps.release();
  }

  /** Sets the affine matrix to {@code [[a, b, c], [d, e, f]]}. */
  Mat affine(double a, double b, double c, double d, double e, double f) {
    double[] m = affineValues;
    m[0] = a;
    m[1] = b;
    m[2] = c;
    m[3] = d;
    m[4] = e;
    m[5] = f;
    affineData.put(m, 0, 6);
    return affine;
  }

  /** Sets and returns the reusable scalar {@code (a, b, c, d)}. */
  Scalar scalar(double a, double b, double c, double d) {
    value.put(0, a).put(1, b).put(2, c).put(3, d);
    return value;
  }

  /** Sets and returns the reusable size. */
  Size size(int width, int height) {
    size.width(width);
    size.height(height);
    return size;
  }

  /** A Java buffer of at least {@code n} bytes (first slot). */
  byte[] bytesA(int n) {
    if (bytesA.length < n) {
      bytesA = new byte[n];
    }
    return bytesA;
  }

  /** A Java buffer of at least {@code n} bytes (second slot). */
  byte[] bytesB(int n) {
    if (bytesB.length < n) {
      bytesB = new byte[n];
    }
    return bytesB;
  }

  @Override
  public void close() {
    ping[0].close();
    ping[1].close();
    wide[0].close();
    wide[1].close();
    noMask.close();
    padded.close();
    affineData.close();
    affine.close();
    size.close();
    roi.close();
    zero.close();
    value.close();
    lut1.close();
    mapX.close();
    mapY.close();
    homographyData.close();
    homography.close();
    for (Mat m : chain) {
      m.close();
    }
    lut4.close();
    lut3c.close();
    lut4c.close();
  }

  /**
   * The OpenCV table of per-channel tables {@code luts[c·256 + v]} (c = 0 only for gray images)
   * on images of {@code channels} channels (alpha kept).
   */
  Mat cvLutPerChannel(byte[] luts, int channels) {
    if (channels == 1) {
      return cvLut(luts, 1);
    }
    Mat m = channels == 4 ? lut4c : lut3c;
    for (int v = 0; v < 256; v++) {
      for (int c = 0; c < 3; c++) {
        lut4Bytes[channels * v + c] = luts[256 * c + v];
      }
      if (channels == 4) {
        lut4Bytes[4 * v + 3] = (byte) v;
      }
    }
    try (org.bytedeco.javacpp.BytePointer p = m.data()) {
      p.put(lut4Bytes, 0, 256 * channels);
    }
    return m;
  }

  /** The OpenCV table for {@code lut} on images of {@code channels} channels (alpha kept). */
  Mat cvLut(byte[] lut, int channels) {
    if (channels != 4) {
      try (org.bytedeco.javacpp.BytePointer p = lut1.data()) {
        p.put(lut, 0, 256);
      }
      return lut1;
    }
    for (int v = 0; v < 256; v++) {
      byte x = lut[v];
      lut4Bytes[4 * v] = x;
      lut4Bytes[4 * v + 1] = x;
      lut4Bytes[4 * v + 2] = x;
      lut4Bytes[4 * v + 3] = (byte) v;
    }
    try (org.bytedeco.javacpp.BytePointer p = lut4.data()) {
      p.put(lut4Bytes, 0, 1024);
    }
    return lut4;
  }
}
