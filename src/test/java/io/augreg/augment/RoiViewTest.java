package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class RoiViewTest {
  @Test
  void viewsTheSamePixelsAsAnOpenCvRoi() {
    int[][] boxes = {{0, 0, 30, 20}, {3, 4, 10, 7}, {29, 19, 1, 1}, {0, 5, 30, 1}, {7, 0, 5, 20}};
    try (RoiView view = new RoiView()) {
      for (int ch : new int[] {1, 3, 4}) {
        try (Mat src = TestImages.pattern(30, 20, ch, ch)) {
          for (int[] b : boxes) {
            Mat v = view.of(src, b[0], b[1], b[2], b[3]);
            try (Rect r = new Rect(b[0], b[1], b[2], b[3]);
                Mat roi = src.apply(r)) {
              assertEquals(roi.cols(), v.cols());
              assertEquals(roi.rows(), v.rows());
              assertEquals(roi.type(), v.type());
              assertEquals(roi.isContinuous(), v.isContinuous());
              assertArrayEquals(TestImages.bytes(roi), TestImages.bytes(v), ch + " " + b[0] + "," + b[1]);
              try (Mat copy = v.clone()) {
                assertArrayEquals(TestImages.bytes(roi), TestImages.bytes(copy));
              }
            }
          }
        }
      }
    }
  }
}
