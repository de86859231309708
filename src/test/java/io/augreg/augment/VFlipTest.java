package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class VFlipTest {
  @Test
  void mirrorsTopBottom() {
    try (Mat src = TestImages.pattern(6, 4, 3, 9);
        Mat dst = new Mat()) {
      VFlip f = new VFlip();
      f.apply(src, dst, f.sample(null, 6, 4, 3));
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 6; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(TestImages.at(src, x, 3 - y, c), TestImages.at(dst, x, y, c));
          }
        }
      }
    }
  }
}
