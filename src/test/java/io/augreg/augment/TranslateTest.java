package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class TranslateTest {
  @Test
  void shiftsByWholePixelsWithTheBorder() {
    Translate t = new Translate(Range.of(0.2), Range.of(-0.25), Border.CONSTANT);
    Translate.TranslateParams p = t.sample(new SplittableRandom(1), 10, 8, 3);
    assertEquals(2, p.dx());
    assertEquals(-2, p.dy());
    try (Mat src = TestImages.pattern(10, 8, 3, 5);
        Mat dst = new Mat()) {
      t.apply(src, dst, p);
      // dst(x, y) = src(x − 2, y + 2); uncovered pixels are 0
      assertEquals(TestImages.at(src, 0, 2, 1), TestImages.at(dst, 2, 0, 1));
      assertEquals(TestImages.at(src, 7, 7, 2), TestImages.at(dst, 9, 5, 2));
      assertEquals(0, TestImages.at(dst, 0, 0, 0));
      assertEquals(0, TestImages.at(dst, 5, 7, 0));
      new Translate(Range.of(0.2), Range.of(0), Border.REPLICATE)
          .apply(src, dst, new Translate.TranslateParams(2, 0, Border.REPLICATE));
      assertEquals(TestImages.at(src, 0, 3, 0), TestImages.at(dst, 1, 3, 0));
    }
  }
}
