package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class HFlipTest {
  @Test
  void mirrorsLeftRightForEveryChannelCount() {
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = TestImages.pattern(7, 5, ch, 3);
          Mat dst = new Mat()) {
        HFlip f = new HFlip();
        f.apply(src, dst, f.sample(null, 7, 5, ch));
        for (int y = 0; y < 5; y++) {
          for (int x = 0; x < 7; x++) {
            for (int c = 0; c < ch; c++) {
              assertEquals(TestImages.at(src, 6 - x, y, c), TestImages.at(dst, x, y, c));
            }
          }
        }
      }
    }
  }
}
