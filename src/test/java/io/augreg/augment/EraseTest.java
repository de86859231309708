package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.augment.kernel.Boxes;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Erasing through OpenCV's region fill gives the bytes of the Java box kernel. */
class EraseTest {
  @Test
  void regionFillMatchesTheBoxKernel() {
    for (Erase.Value value : Erase.Value.values()) {
      for (int ch : new int[] {1, 3, 4}) {
        for (int[] box : new int[][] {{3, 4, 10, 7}, {0, 0, 40, 30}, {35, 25, 9, 9}, {0, 0, 0, 0}}) {
          try (Mat src = TestImages.pattern(40, 30, ch, 9);
              Mat dst = new Mat()) {
            new Erase.EraseParams(box[0], box[1], box[2], box[3], value, 77).apply(src, dst);
            byte[] expected = TestImages.bytes(src);
            Boxes.fill(expected, 40, 30, ch, box[0], box[1], box[2], box[3], value.fill, 0,
                new SplittableRandom(77));
            assertArrayEquals(expected, TestImages.bytes(dst), value + " ch=" + ch);
            assertEquals(ch, dst.channels());
          }
        }
      }
    }
  }

  @Test
  void padAndZoomOutPadStraightIntoTheOutput() {
    try (Mat src = TestImages.pattern(20, 10, 3, 1);
        Mat dst = new Mat()) {
      new Pad.PadParams(3, Border.REPLICATE, 0).apply(src, dst);
      assertEquals(26, dst.cols());
      assertEquals(16, dst.rows());
      byte[] b = TestImages.bytes(dst);
      byte[] s = TestImages.bytes(src);
      // the top-left corner replicates pixel (0, 0); pixel (3, 3) is the source's (0, 0)
      assertEquals(s[0], b[0]);
      assertEquals(s[0], b[(3 * 26 + 3) * 3]);
      new ZoomOut.ZoomOutParams(2, 1, 25, 14, 9).apply(src, dst);
      b = TestImages.bytes(dst);
      assertEquals(9, b[0]);
      assertEquals(s[5], b[(1 * 25 + 2) * 3 + 5]);
    }
  }
}
