package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class NoiseTest {
  @Test
  void midGrayNoiseHasZeroMeanAndSigma() {
    Noise noise = new Noise(Range.of(10), true);
    try (Mat src = TestImages.constant(300, 200, 3, 128);
        Mat dst = new Mat()) {
      noise.apply(src, dst, noise.sample(new SplittableRandom(4), 300, 200, 3));
      byte[] b = TestImages.bytes(dst);
      double sum = 0;
      double sq = 0;
      for (byte v : b) {
        double d = (v & 0xFF) - 128;
        sum += d;
        sq += d * d;
      }
      double mean = sum / b.length;
      double sd = Math.sqrt(sq / b.length - mean * mean);
      // 180 000 samples: standard error of the mean 0.024, of the sd about 0.017
      assertEquals(0, mean, 0.1);
      // rounding adds 1/12 to the variance: sqrt(100 + 1/12) = 10.004
      assertEquals(10.0, sd, 0.1);
    }
  }

  @Test
  void sharedNoiseIsTheSameInEveryColourChannelAndAlphaIsKept() {
    Noise noise = new Noise(Range.of(20), false);
    try (Mat src = TestImages.constant(30, 20, 4, 100);
        Mat dst = new Mat()) {
      noise.apply(src, dst, noise.sample(new SplittableRandom(1), 30, 20, 4));
      byte[] b = TestImages.bytes(dst);
      boolean varied = false;
      for (int i = 0; i < b.length; i += 4) {
        assertEquals(b[i], b[i + 1]);
        assertEquals(b[i], b[i + 2]);
        assertEquals(100, b[i + 3] & 0xFF, "alpha");
        varied |= b[i] != 100;
      }
      assertTrue(varied);
    }
  }

  @Test
  void saturatesAtBlackAndWhite() {
    Noise noise = new Noise(Range.of(50), true);
    try (Mat black = TestImages.constant(50, 50, 1, 0);
        Mat dst = new Mat()) {
      noise.apply(black, dst, new Noise.NoiseParams(50, true, 7));
      int zeros = 0;
      for (byte v : TestImages.bytes(dst)) {
        zeros += v == 0 ? 1 : 0;
      }
      // about half the draws are negative and saturate to 0 (plus the draws that round to 0)
      assertTrue(zeros > 1100 && zeros < 1500, "zeros " + zeros);
    }
  }

  @Test
  void zeroSigmaIsIdentityAndSeedDecidesTheField() {
    try (Mat src = TestImages.pattern(16, 16, 3, 0);
        Mat a = new Mat();
        Mat b = new Mat()) {
      Noise noise = new Noise(Range.of(0), true);
      noise.apply(src, a, new Noise.NoiseParams(0, true, 3));
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(a));
      noise.apply(src, a, new Noise.NoiseParams(8, true, 3));
      noise.apply(src, b, new Noise.NoiseParams(8, true, 3));
      assertArrayEquals(TestImages.bytes(a), TestImages.bytes(b));
      noise.apply(src, b, new Noise.NoiseParams(8, true, 4));
      assertTrue(!java.util.Arrays.equals(TestImages.bytes(a), TestImages.bytes(b)));
    }
  }
}
