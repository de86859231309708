package io.augreg.augment;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Integer colour operations as whole-image OpenCV SIMD calls instead of a 256-entry {@code
 * cv::LUT} (a scalar byte loop in OpenCV) or a Java pass: posterize as one {@code bitwise_and},
 * solarize as {@code threshold} + {@code bitwise_xor}, PIL's integer luma as a float chain that is
 * exact for every one of the 2²⁴ colours. Same bytes as the table / Java versions (tests compare
 * them). Per-thread temporaries are reused; {@link #release()} frees the calling thread's.
 */
final class PointOps {
  private static final ThreadLocal<PointOps> LOCAL = new ThreadLocal<>();

  /** A 4×1 CV_64F scalar argument (OpenCV reads such a Mat as a per-channel scalar). */
  private final Mat scalar = new Mat(4, 1, opencv_core.CV_64F);
  private final DoublePointer scalarData = new DoublePointer(scalar.data());
  private final double[] scalarValues = new double[4];
  /** The solarize mask, the float image, its float luma, the luma as int8. */
  private final Mat mask = new Mat();
  private final Mat f32 = new Mat();
  private final Mat luma32 = new Mat();
  private final Mat luma8s = new Mat();
  /** An 8-bit unsigned header on {@link #luma8s}'s bytes (remade when they move). */
  private Mat luma8u = new Mat();
  /** 1×4 CV_32F: PIL's luma weights over 65536 on B, G, R and the offset 0.5/65536 − 128. */
  private final Mat lumaWeights = new Mat(1, 4, opencv_core.CV_32F);

  private PointOps() {
    try (FloatPointer w = new FloatPointer(lumaWeights.data())) {
      w.put(7471f / 65536, 38470f / 65536, 19595f / 65536, (float) (0.5 / 65536 - 128));
    }
  }

  private static PointOps get() {
    PointOps p = LOCAL.get();
    if (p == null) {
      p = new PointOps();
      LOCAL.set(p);
    }
    return p;
  }

  /** Frees the calling thread's temporaries (a later call makes new ones). */
  static void release() {
    PointOps p = LOCAL.get();
    if (p != null) {
      LOCAL.remove();
      for (Mat m : new Mat[] {p.mask, p.f32, p.luma32, p.luma8s, p.luma8u, p.lumaWeights}) {
        m.close();
      }
      p.scalarData.close();
      p.scalar.close();
    }
  }

  /** {@link #luma8s}'s bytes as a CV_8UC1 image (a header sharing its memory). */
  private Mat unsignedView() {
    Mat s = luma8s;
    long address = s.data().address();
    if (luma8u.rows() != s.rows() || luma8u.cols() != s.cols()
        || luma8u.data().address() != address) {
      luma8u.close();
      luma8u = new Mat(s.rows(), s.cols(), opencv_core.CV_8UC1, s.data(), s.step());
    }
    return luma8u;
  }

  private Mat scalar(double a, double b, double c, double d) {
    double[] v = scalarValues;
    v[0] = a;
    v[1] = b;
    v[2] = c;
    v[3] = d;
    scalarData.put(v, 0, 4);
    return scalar;
  }

  /**
   * {@code dst = src & mask} on the colour channels, alpha kept (PIL's posterize with {@code mask
   * = ~(2^(8−bits) − 1)}).
   */
  static void and(Mat src, Mat dst, int mask) {
    int m = mask & 0xFF;
    opencv_core.bitwise_and(src, get().scalar(m, m, m, src.channels() == 4 ? 255 : m), dst);
  }

  /**
   * {@code dst = v >= threshold ? 255 − v : v} on every value of a 1- or 3-channel image: the mask
   * {@code v > ⌈threshold⌉ − 1 ? 255 : 0} from {@code cv::threshold}, then {@code v ^ mask} (255 −
   * v is the complement of a byte).
   *
   * @return false for 4 channels (alpha must be kept), where nothing was done
   */
  static boolean solarize(Mat src, Mat dst, double threshold) {
    if (src.channels() == 4) {
      return false;
    }
    PointOps p = get();
    // threshold() on 8-bit images compares with ⌊thr⌋; below 0 every value passes
    double thr = Math.max(-1, Math.ceil(threshold) - 1);
    opencv_imgproc.threshold(src, p.mask, thr, 255, opencv_imgproc.THRESH_BINARY);
    opencv_core.bitwise_xor(src, p.mask, dst);
    return true;
  }

  /**
   * PIL's luma {@code L = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16} of a 3-channel BGR image into
   * all three channels of {@code dst}, bit for bit. With {@code S = 7471 B + 38470 G + 19595 R},
   * {@code L = ⌊(S + 2¹⁵) / 2¹⁶⌋ = rint((S + ½) / 2¹⁶)} (the fraction is never ½, so the rounding
   * mode does not matter). {@code x = (S + ½) / 2¹⁶ − 128} is a multiple of 2⁻¹⁷ of magnitude ≤ 128,
   * as is every partial sum of {@code cv::transform}'s float dot product (the weights are k/2¹⁶),
   * so single precision holds them exactly; {@code x} rounded into int8 is {@code L − 128}, whose
   * byte is {@code L ^ 0x80}.
   *
   * @return false unless {@code src} has 3 channels (nothing done)
   */
  static boolean luma(Mat src, Mat dst) {
    if (src.channels() != 3) {
      return false;
    }
    PointOps p = get();
    src.convertTo(p.f32, opencv_core.CV_32F);
    // x = w·(B, G, R) + 0.5/65536 − 128, one float channel
    opencv_core.transform(p.f32, p.luma32, p.lumaWeights);
    p.luma32.convertTo(p.luma8s, opencv_core.CV_8S);
    // the int8 image's bytes as uint8, then L = byte ^ 0x80 in place
    Mat bytes = p.unsignedView();
    opencv_core.bitwise_xor(bytes, p.scalar(128, 128, 128, 128), bytes);
    opencv_imgproc.cvtColor(bytes, dst, opencv_imgproc.COLOR_GRAY2BGR);
    return true;
  }
}
