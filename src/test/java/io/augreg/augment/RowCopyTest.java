package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class RowCopyTest {
  /** cv::flip's vertical flip, the reference. */
  private static byte[] reference(Mat src) {
    try (Mat ref = new Mat()) {
      opencv_core.flip(src, ref, 0);
      return TestImages.bytes(ref);
    }
  }

  @Test
  void largeImagesOfEveryChannelCountFlipLikeCvFlip() {
    int[][] shapes = {{520, 300, 1}, {256, 256, 3}, {300, 200, 4}, {512, 512, 3}};
    for (int[] s : shapes) {
      try (Mat src = TestImages.pattern(s[0], s[1], s[2], 5);
          Mat dst = new Mat()) {
        assertTrue((long) s[0] * s[1] * s[2] >= RowCopy.MIN_BYTES);
        assertTrue(RowCopy.flipVertical(src, dst), "row copy applies to " + s[0] + "x" + s[1]);
        assertEquals(src.type(), dst.type());
        assertEquals(s[1], dst.rows());
        assertEquals(s[0], dst.cols());
        assertArrayEquals(reference(src), TestImages.bytes(dst));
        // spot check the definition: dst row y = src row rows-1-y
        assertEquals(TestImages.at(src, 7, s[1] - 1 - 3, 0), TestImages.at(dst, 7, 3, 0));
      }
    }
  }

  @Test
  void smallAndOddShapesFlipLikeCvFlipOnceTheHeaderIsReadDirectly() {
    assertTrue(MatHeader.DIRECT);
    assertEquals(1, RowCopy.MIN_BYTES, "no size threshold without JNI calls");
    int[][] shapes = {{1, 1, 1}, {1, 5, 3}, {7, 1, 4}, {3, 2, 3}, {64, 64, 3}, {65, 63, 1},
        {127, 129, 4}, {221, 197, 3}, {222, 197, 3}};
    for (int[] s : shapes) {
      try (Mat src = TestImages.pattern(s[0], s[1], s[2], 2);
          Mat dst = new Mat()) {
        assertTrue(RowCopy.flipVertical(src, dst), s[0] + "x" + s[1] + "x" + s[2]);
        assertArrayEquals(reference(src), TestImages.bytes(dst), s[0] + "x" + s[1] + "x" + s[2]);
      }
    }
  }

  @Test
  void emptyImagesAreLeftToCvFlip() {
    try (Mat src = new Mat();
        Mat dst = new Mat()) {
      assertFalse(RowCopy.flipVertical(src, dst));
      assertTrue(dst.empty(), "nothing written");
    }
  }

  @Test
  void inPlaceFallsBackSoCvFlipCanHandleIt() {
    try (Mat src = TestImages.pattern(256, 256, 3, 4)) {
      byte[] before = TestImages.bytes(src);
      assertFalse(RowCopy.flipVertical(src, src));
      assertArrayEquals(before, TestImages.bytes(src), "source untouched");
    }
  }

  @Test
  void regionOfALargerImageUsesItsStride() {
    try (Mat big = TestImages.pattern(700, 400, 3, 8);
        Mat roi = new Mat(big, new Rect(31, 17, 400, 300));
        Mat dst = new Mat()) {
      assertFalse(roi.isContinuous());
      byte[] bigBefore = TestImages.bytes(big);
      assertTrue(RowCopy.flipVertical(roi, dst));
      assertArrayEquals(reference(roi), TestImages.bytes(dst));
      assertArrayEquals(bigBefore, TestImages.bytes(big), "input never modified");
    }
  }

  @Test
  void vflipTransformGivesTheSameBytesOnBothPaths() {
    VFlip f = new VFlip();
    for (int side : new int[] {64, 300}) {
      try (Mat src = TestImages.pattern(side, side, 3, side);
          Mat dst = new Mat()) {
        f.apply(src, dst, f.sample(null, side, side, 3));
        assertArrayEquals(reference(src), TestImages.bytes(dst), side + " px");
      }
    }
  }

  @Test
  void aDestinationViewOfTheRightShapeIsWrittenThroughItsStride() {
    try (Mat src = TestImages.pattern(300, 200, 3, 6);
        Mat canvas = TestImages.constant(340, 230, 3, 77);
        Rect r = new Rect(21, 9, 300, 200);
        Mat view = new Mat(canvas, r);
        Mat expected = TestImages.constant(340, 230, 3, 77);
        Mat expectedView = new Mat(expected, r)) {
      opencv_core.flip(src, expectedView, 0);
      assertTrue(RowCopy.flipVertical(src, view));
      assertArrayEquals(TestImages.bytes(expected), TestImages.bytes(canvas), "inside and around the view");
    }
  }

  @Test
  void aDestinationOfAnotherShapeIsReallocated() {
    try (Mat src = TestImages.pattern(300, 200, 4, 7);
        Mat dst = TestImages.pattern(200, 300, 3, 1)) {
      assertTrue(RowCopy.flipVertical(src, dst));
      assertEquals(src.type(), dst.type());
      assertEquals(200, dst.rows());
      assertArrayEquals(reference(src), TestImages.bytes(dst));
    }
  }

  @Test
  void anOverlappingDestinationFallsBack() {
    try (Mat big = TestImages.pattern(300, 400, 3, 9);
        Rect a = new Rect(0, 0, 300, 200);
        Rect b = new Rect(0, 100, 300, 200);
        Mat top = new Mat(big, a);
        Mat lower = new Mat(big, b)) {
      byte[] before = TestImages.bytes(big);
      assertFalse(RowCopy.flipVertical(top, lower), "rows 100-199 are in both");
      assertArrayEquals(before, TestImages.bytes(big), "nothing written");
    }
  }
}
