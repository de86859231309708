package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ContrastTest {
  /** Values 80..175 (no saturation under the gains used), mean 127.5. */
  private static Mat ramp(int ch) {
    Mat m = TestImages.constant(96, 10, ch, 0);
    byte[] b = new byte[96 * 10 * ch];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (80 + (i / ch) % 96);
    }
    Pixels.write(b, m);
    return m;
  }

  private static double[] meanSd(byte[] b, int ch, int channels) {
    double s = 0;
    double q = 0;
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (channels == 4 && i % 4 == 3) {
        continue;
      }
      double v = b[i] & 0xFF;
      s += v;
      q += v * v;
      n++;
    }
    double mean = s / n;
    return new double[] {mean, Math.sqrt(q / n - mean * mean)};
  }

  @Test
  void keepsTheMeanAndScalesTheDeviation() {
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = ramp(ch);
          Mat dst = new Mat()) {
        new Contrast(Range.of(1.5)).apply(src, dst, new Contrast.ContrastParams(1.5));
        double[] in = meanSd(TestImages.bytes(src), ch, ch);
        double[] out = meanSd(TestImages.bytes(dst), ch, ch);
        assertEquals(in[0], out[0], 0.3, "mean, " + ch + " channels");
        assertEquals(1.5 * in[1], out[1], 0.05 * in[1], "deviation, " + ch + " channels");
        // a single pixel: 80 -> round(1.5·80 − 0.5·127.5) = 56
        assertEquals(56, TestImages.at(dst, 0, 0, 0));
      }
    }
  }

  @Test
  void zeroGainGivesTheMeanAndSaturates() {
    try (Mat src = ramp(3);
        Mat dst = new Mat()) {
      new Contrast(Range.of(0)).apply(src, dst, new Contrast.ContrastParams(0));
      for (byte v : TestImages.bytes(dst)) {
        assertEquals(128, v & 0xFF); // round(127.5) to even
      }
      new Contrast(Range.of(10)).apply(src, dst, new Contrast.ContrastParams(10));
      assertEquals(0, TestImages.at(dst, 0, 0, 0));
      assertEquals(255, TestImages.at(dst, 95, 0, 0));
    }
  }

  @Test
  void alphaIsUntouched() {
    try (Mat src = ramp(4);
        Mat dst = new Mat()) {
      new Contrast(Range.of(2)).apply(src, dst, new Contrast.ContrastParams(2));
      byte[] a = TestImages.bytes(src);
      byte[] b = TestImages.bytes(dst);
      for (int i = 3; i < a.length; i += 4) {
        assertEquals(a[i], b[i]);
      }
    }
  }
}
