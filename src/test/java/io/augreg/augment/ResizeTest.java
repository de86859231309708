package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ResizeTest {
  @Test
  void resizesToTheGivenSizeAndAveragesWithArea() {
    Resize r = (Resize) Transforms.create("resize", Map.of("size", "2x1"));
    assertEquals("resize size=2x1 interp=area", r.toSpec());
    try (Mat src = TestImages.constant(4, 2, 1, 0);
        Mat dst = new Mat()) {
      // left half 0, right half 200 -> area averages 0 and 200
      byte[] b = {0, 0, (byte) 200, (byte) 200, 0, 0, (byte) 200, (byte) 200};
      Pixels.write(b, src);
      r.apply(src, dst, r.sample(null, 4, 2, 1));
      assertEquals(2, dst.cols());
      assertEquals(1, dst.rows());
      assertEquals(0, TestImages.at(dst, 0, 0, 0));
      assertEquals(200, TestImages.at(dst, 1, 0, 0));
    }
  }
}
