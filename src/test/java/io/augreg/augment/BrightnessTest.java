package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class BrightnessTest {
  @Test
  void addsAndSaturates() {
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = TestImages.pattern(20, 20, ch, 0);
          Mat dst = new Mat()) {
        new Brightness(Range.of(30)).apply(src, dst, new Brightness.BrightnessParams(30));
        byte[] a = TestImages.bytes(src);
        byte[] b = TestImages.bytes(dst);
        for (int i = 0; i < a.length; i++) {
          int expected = ch == 4 && i % 4 == 3 ? a[i] & 0xFF : Math.min(255, (a[i] & 0xFF) + 30);
          assertEquals(expected, b[i] & 0xFF);
        }
        new Brightness(Range.of(-30)).apply(src, dst, new Brightness.BrightnessParams(-30));
        b = TestImages.bytes(dst);
        for (int i = 0; i < a.length; i++) {
          int expected = ch == 4 && i % 4 == 3 ? a[i] & 0xFF : Math.max(0, (a[i] & 0xFF) - 30);
          assertEquals(expected, b[i] & 0xFF);
        }
      }
    }
  }
}
