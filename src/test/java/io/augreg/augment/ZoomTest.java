package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ZoomTest {
  @Test
  void factorOneIsIdentityAndTwoMagnifiesTheCentre() {
    Zoom z = new Zoom(new Range(0.9, 1.1), Interp.NEAREST, Border.REFLECT);
    try (Mat src = TestImages.pattern(8, 8, 1, 0);
        Mat dst = new Mat()) {
      z.apply(src, dst, new Zoom.ZoomParams(1, Interp.LINEAR, Border.REFLECT));
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(dst));
      z.apply(src, dst, new Zoom.ZoomParams(2, Interp.NEAREST, Border.REFLECT));
      assertEquals(8, dst.cols());
      // dst(x, y) = src((x − 4)/2 + 4, (y − 4)/2 + 4): dst(4, 4) = src(4, 4), dst(6, 6) = src(5, 5)
      assertEquals(TestImages.at(src, 4, 4, 0), TestImages.at(dst, 4, 4, 0));
      assertEquals(TestImages.at(src, 5, 5, 0), TestImages.at(dst, 6, 6, 0));
    }
  }
}
