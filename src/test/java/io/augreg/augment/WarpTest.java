package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

class WarpTest {
  @Test
  void paddedWarpMatchesOpenCvsBorderWarp() {
    try (Mat src = TestImages.pattern(48, 36, 3, 7);
        Mat fast = new Mat();
        Mat direct = new Mat();
        Mat m = new Mat(2, 3, org.bytedeco.opencv.global.opencv_core.CV_64F);
        Size size = new Size(48, 36);
        Scalar zero = new Scalar(0.0)) {
      for (Border border : new Border[] {Border.REFLECT, Border.REPLICATE}) {
        for (double deg : new double[] {-30, -7.3, 0, 12.5, 30, 75}) {
          for (double scale : new double[] {1, 0.8, 1.3}) {
            double t = Math.toRadians(deg);
            double a = scale * Math.cos(t);
            double b = scale * Math.sin(t);
            double[] f = {a, b, (1 - a) * 24 - b * 18, -b, a, b * 24 + (1 - a) * 18};
            Warp.affine(src, fast, f, Interp.LINEAR, border);
            try (org.bytedeco.javacpp.DoublePointer d = new org.bytedeco.javacpp.DoublePointer(m.data())) {
              d.put(f, 0, 6);
            }
            opencv_imgproc.warpAffine(
                src, direct, m, size, opencv_imgproc.INTER_LINEAR, border.cvFlag(), zero);
            byte[] x = TestImages.bytes(fast);
            byte[] y = TestImages.bytes(direct);
            int worst = 0;
            for (int i = 0; i < x.length; i++) {
              worst = Math.max(worst, Math.abs((x[i] & 0xFF) - (y[i] & 0xFF)));
            }
            // the pattern has steps of up to 50 gray levels per pixel; 1/32-pixel rounding of a
            // shifted matrix moves a sample by at most 1/32 pixel, i.e. a couple of levels
            assertTrue(worst <= 4, border + " " + deg + "° x" + scale + ": max difference " + worst);
          }
        }
      }
    }
  }

  @Test
  void aRegionIsWarpedFromItsOwnPixelsOnly() {
    try (Mat big = TestImages.pattern(60, 50, 3, 11);
        Mat roi = big.apply(new org.bytedeco.opencv.opencv_core.Rect(9, 7, 36, 30));
        Mat copy = roi.clone();
        Mat fromRoi = new Mat();
        Mat fromCopy = new Mat()) {
      double t = Math.toRadians(25);
      double a = Math.cos(t);
      double b = Math.sin(t);
      double[] f = {a, b, (1 - a) * 18 - b * 15, -b, a, b * 18 + (1 - a) * 15};
      for (Border border : new Border[] {Border.REFLECT, Border.REPLICATE}) {
        Warp.affine(roi, fromRoi, f, Interp.LINEAR, border);
        Warp.affine(copy, fromCopy, f, Interp.LINEAR, border);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            TestImages.bytes(fromCopy), TestImages.bytes(fromRoi), border.toString());
      }
    }
  }

  @Test
  void aWholePixelShiftIsAnExactCopyWithZerosOutside() {
    int w = 20;
    int h = 14;
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = TestImages.pattern(w, h, ch, 5); Mat dst = new Mat()) {
        for (int[] t : new int[][] {{3, -2}, {-5, 4}, {0, 0}, {w, 0}, {0, -h - 7}}) {
          // PIL's inverse map in = out + t at pixel centres: dst(x, y) = src(x + tx, y + ty)
          Warp.pilInverse(src, dst, new double[] {1, 0, t[0], 0, 1, t[1]}, Interp.LINEAR,
              Border.CONSTANT, w, h);
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              int sx = x + t[0];
              int sy = y + t[1];
              boolean in = sx >= 0 && sx < w && sy >= 0 && sy < h;
              for (int c = 0; c < ch; c++) {
                int want = in ? TestImages.at(src, sx, sy, c) : 0;
                org.junit.jupiter.api.Assertions.assertEquals(want, TestImages.at(dst, x, y, c),
                    ch + " channels, shift " + t[0] + "," + t[1] + " at " + x + "," + y);
              }
            }
          }
        }
      }
    }
  }
}
