package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Affine warps through OpenCV's {@code warpAffine}, keeping the size. OpenCV's vectorized warp
 * only covers the constant border; for reflect and replicate borders it is about 1.5 times
 * slower. So for those borders the source is first padded with exactly the border pixels the
 * warp will read ({@code copyMakeBorder}, same border mode), and the padded image is warped with
 * the translation shifted by the padding: every tap then lands inside the padded image and reads
 * the same border pixel it would have read. (Coordinates are rounded to OpenCV's 1/32 pixel from
 * the shifted matrix, so a pixel may differ by one gray level from a direct reflect warp.)
 */
final class Warp {
  /**
   * Shift of a nearest affine map, in pixels: a point within 1/1024 pixel of the middle between two
   * pixels takes the lower one (OpenCV's fixed point would round it up). PIL decides such points
   * by the rounding of its 16.16 fixed-point steps; on the exact ties of ParityTest's shear (every
   * fifth row) it takes the lower pixel.
   */
  private static final double NEAREST_TIE = -1.0 / 1024;

  /** Extra pixels beyond the inverse-mapped corners: bilinear/bicubic taps and rounding. */
  private static final int SLACK = 3;

  private Warp() {}

  /**
   * {@code dst(x', y') = src(x, y)} where {@code (x', y') = (a·x + b·y + c, d·x + e·y + f)}.
   *
   * @param src the source image
   * @param dst the destination, same size as {@code src}
   * @param f the forward map {a, b, c, d, e, f}
   * @param interp the interpolation
   * @param border the border mode
   */
  static void affine(Mat src, Mat dst, double[] f, Interp interp, Border border) {
    Scratch s = Scratch.get();
    int w = src.cols();
    int h = src.rows();
    if (border != Border.CONSTANT) {
      // the source area read is the inverse image of the destination corners
      double det = f[0] * f[4] - f[1] * f[3];
      double i00 = f[4] / det;
      double i01 = -f[1] / det;
      double i10 = -f[3] / det;
      double i11 = f[0] / det;
      double minX = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double minY = Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      for (int k = 0; k < 4; k++) {
        double x = (k & 1) * (w - 1) - f[2];
        double y = (k >> 1) * (h - 1) - f[5];
        double sx = i00 * x + i01 * y;
        double sy = i10 * x + i11 * y;
        minX = Math.min(minX, sx);
        maxX = Math.max(maxX, sx);
        minY = Math.min(minY, sy);
        maxY = Math.max(maxY, sy);
      }
      int left = margin(-minX);
      int right = margin(maxX - (w - 1));
      int top = margin(-minY);
      int bottom = margin(maxY - (h - 1));
      // worth it while the padding stays small next to the image
      if (left + right <= w && top + bottom <= h) {
        // ISOLATED: a source that is a region of a larger image is padded from its own pixels,
        // as a direct warp of it would read them (not from the pixels around the region)
        opencv_core.copyMakeBorder(
            src, s.padded, top, bottom, left, right, border.cvFlag() | opencv_core.BORDER_ISOLATED);
        // padded q = p + (left, top)  =>  dst = A·q + t − A·(left, top)
        Mat m =
            s.affine(
                f[0], f[1], f[2] - f[0] * left - f[1] * top,
                f[3], f[4], f[5] - f[3] * left - f[4] * top);
        opencv_imgproc.warpAffine(
            s.padded, dst, m, s.size(w, h), interp.cvFlag(), opencv_core.BORDER_CONSTANT, s.zero);
        return;
      }
    }
    Mat m = s.affine(f[0], f[1], f[2], f[3], f[4], f[5]);
    opencv_imgproc.warpAffine(src, dst, m, s.size(w, h), interp.cvFlag(), border.cvFlag(), s.zero);
  }

  private static int margin(double overhang) {
    return Math.max(0, (int) Math.ceil(overhang)) + SLACK;
  }

  /**
   * A warp given PIL's way (what torchvision's PIL path hands to {@code Image.transform}): the
   * inverse map {@code in = M·(out + ½) − ½} from output to input pixel centres, {@code M} a 2×3
   * affine ({@code m.length == 6}) or a 3×3 perspective with {@code m[8] = 1} given as 8 values,
   * run by OpenCV's {@code warpAffine} / {@code warpPerspective} with that map moved to OpenCV's
   * pixel centres at integers. Pixels from outside are filled by {@code border} (constant: 0).
   * Against PIL's own warp: nearest picks the same pixel but within 1/1024 pixel of a tie (OpenCV's
   * fixed point); bilinear weights are OpenCV's 1/32 pixel and 1/2¹⁵ fixed point (PIL: double
   * precision, truncated); at the edge of the warped content OpenCV blends the outside fill where
   * PIL repeats the edge pixel. A whole-pixel shift is an exact copy either way.
   *
   * @param src the source
   * @param dst the destination, {@code outW × outH}
   * @param m PIL's inverse coefficients (6 affine or 8 perspective)
   * @param interp the interpolation
   * @param border the border mode
   * @param outW output width
   * @param outH output height
   */
  static void pilInverse(Mat src, Mat dst, double[] m, Interp interp, Border border, int outW, int outH) {
    Scratch s = Scratch.get();
    if (m.length == 6 && border == Border.CONSTANT && m[0] == 1 && m[1] == 0 && m[3] == 0
        && m[4] == 1 && m[2] == Math.rint(m[2]) && m[5] == Math.rint(m[5])
        && outW == src.cols() && outH == src.rows()) {
      shift(src, dst, (int) Math.max(-outW, Math.min(outW, m[2])),
          (int) Math.max(-outH, Math.min(outH, m[5])), s);
      return;
    }
    int flags = interp.cvFlag() | opencv_imgproc.WARP_INVERSE_MAP;
    if (m.length == 6) {
      // OpenCV's inverse map on pixel centres at integers: c' = c + (a + b − 1)/2, f' = f + (d + e − 1)/2
      double tie = interp == Interp.NEAREST ? NEAREST_TIE : 0;
      Mat a = s.affine(m[0], m[1], m[2] + 0.5 * (m[0] + m[1]) - 0.5 + tie,
          m[3], m[4], m[5] + 0.5 * (m[3] + m[4]) - 0.5 + tie);
      opencv_imgproc.warpAffine(src, dst, a, s.size(outW, outH), flags, border.cvFlag(), s.zero);
      return;
    }
    // H' = T(−½)·H·T(½): x_in = (a x' + b y' + c)/(g x' + h y' + 1) with x' = x + ½, then − ½
    double a = m[0];
    double b = m[1];
    double c = m[2];
    double d = m[3];
    double e = m[4];
    double f = m[5];
    double g = m[6];
    double h = m[7];
    double w = 0.5 * g + 0.5 * h + 1;
    double[] hm = {
      a - 0.5 * g, b - 0.5 * h, c + 0.5 * (a + b) - 0.5 * w,
      d - 0.5 * g, e - 0.5 * h, f + 0.5 * (d + e) - 0.5 * w,
      g, h, w
    };
    s.homographyData.put(hm, 0, 9);
    opencv_imgproc.warpPerspective(
        src, dst, s.homography, s.size(outW, outH), flags, border.cvFlag(), s.zero);
  }

  /**
   * {@code dst(x, y) = src(x + tx, y + ty)}, 0 outside (|tx| ≤ w, |ty| ≤ h): the overlapping
   * region padded with zeros by one {@code copyMakeBorder}.
   */
  private static void shift(Mat src, Mat dst, int tx, int ty, Scratch s) {
    int w = src.cols();
    int h = src.rows();
    int cw = w - Math.abs(tx);
    int chh = h - Math.abs(ty);
    if (cw == 0 || chh == 0) {
      dst.create(h, w, src.type());
      dst.put(s.zero);
      return;
    }
    Mat part = s.roi.of(src, Math.max(0, tx), Math.max(0, ty), cw, chh);
    opencv_core.copyMakeBorder(part, dst, Math.max(0, -ty), Math.max(0, ty), Math.max(0, -tx),
        Math.max(0, tx), opencv_core.BORDER_CONSTANT | opencv_core.BORDER_ISOLATED, s.zero);
  }
}
