package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.augment.kernel.Colour;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The OpenCV formulations give the bytes of the table / Java definitions they replace. */
class PointOpsTest {
  /** A 1-row image holding the values 0..255 in every channel, shifted by 37 per channel. */
  private static Mat ramp(int ch) {
    Mat m = new Mat(1, 256, opencv_core.CV_8UC(ch));
    byte[] b = new byte[256 * ch];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i / ch + 37 * (i % ch));
    }
    try (BytePointer p = m.data()) {
      p.put(b, 0, b.length);
    }
    return m;
  }

  @Test
  void lumaIsPilsForEveryColour() {
    // 4096 x 4096 BGR pixels: pixel k has B = k & 255, G = (k >> 8) & 255, R = k >> 16
    int n = 1 << 24;
    byte[] b = new byte[3 * n];
    for (int k = 0; k < n; k++) {
      b[3 * k] = (byte) k;
      b[3 * k + 1] = (byte) (k >> 8);
      b[3 * k + 2] = (byte) (k >> 16);
    }
    try (Mat src = new Mat(4096, 4096, opencv_core.CV_8UC3);
        Mat dst = new Mat()) {
      Pixels.write(b, src);
      assertTrue(PointOps.luma(src, dst));
      byte[] out = new byte[3 * n];
      Pixels.read(dst, out);
      int wrong = 0;
      for (int k = 0; k < n; k++) {
        int want = Colour.luma(b, 3 * k);
        for (int c = 0; c < 3; c++) {
          if ((out[3 * k + c] & 0xFF) != want) {
            wrong++;
          }
        }
      }
      assertEquals(0, wrong, "colour values differing from PIL's integer luma");
    }
  }

  @Test
  void grayscaleStepMatchesTheJavaKernelOnOneThreeAndFourChannels() {
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = TestImages.pattern(37, 23, ch, 11);
          Mat dst = new Mat()) {
        new Grayscale.GrayscaleParams().apply(src, dst);
        byte[] want = TestImages.bytes(src);
        Colour.grayscale(want, want.length, ch);
        assertEquals(java.util.Arrays.toString(want), java.util.Arrays.toString(TestImages.bytes(dst)), ch + " channels");
      }
    }
  }

  @Test
  void posterizeIsTheMaskOnEveryValueAndKeepsAlpha() {
    for (int ch : new int[] {1, 3, 4}) {
      for (int bits = 0; bits <= 8; bits++) {
        try (Mat src = ramp(ch);
            Mat dst = new Mat()) {
          new Posterize.PosterizeParams(bits).apply(src, dst);
          byte[] in = TestImages.bytes(src);
          byte[] out = TestImages.bytes(dst);
          int mask = ~((1 << (8 - bits)) - 1);
          for (int i = 0; i < in.length; i++) {
            int want = ch == 4 && i % 4 == 3 ? in[i] & 0xFF : in[i] & mask & 0xFF;
            assertEquals(want, out[i] & 0xFF, ch + " channels, bits " + bits + ", byte " + i);
          }
        }
      }
    }
  }

  @Test
  void solarizeInvertsFromTheThresholdOnAnyThreshold() {
    double[] thresholds = {0, 0.25, 1, 100.5, 127.999, 128, 200, 254.5, 255, 255.5, 256};
    for (int ch : new int[] {1, 3, 4}) {
      for (double t : thresholds) {
        try (Mat src = ramp(ch);
            Mat dst = new Mat()) {
          new Solarize.SolarizeParams(t).apply(src, dst);
          byte[] in = TestImages.bytes(src);
          byte[] out = TestImages.bytes(dst);
          for (int i = 0; i < in.length; i++) {
            int v = in[i] & 0xFF;
            int want = ch == 4 && i % 4 == 3 ? v : (v >= t ? 255 - v : v);
            assertEquals(want, out[i] & 0xFF, ch + " channels, threshold " + t + ", byte " + i);
          }
        }
      }
    }
    try (Mat four = ramp(4);
        Mat dst = new Mat()) {
      assertFalse(PointOps.solarize(four, dst, 128), "4 channels are left to the table");
    }
  }
}
