package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class MatHeaderTest {
  private static long jniData(Mat m) {
    try (BytePointer p = m.data()) {
      return p == null ? 0 : p.address();
    }
  }

  private static void assertSameAsJni(Mat m, String what) {
    assertEquals(m.type(), MatHeader.type(m), what + " type");
    assertEquals(m.dims(), MatHeader.dims(m), what + " dims");
    assertEquals(m.rows(), MatHeader.rows(m), what + " rows");
    assertEquals(m.cols(), MatHeader.cols(m), what + " cols");
    assertEquals(m.channels(), MatHeader.channels(m), what + " channels");
    assertEquals(jniData(m), MatHeader.data(m), what + " data");
    if (m.dims() == 2) {
      assertEquals(m.step(), MatHeader.step(m), what + " step");
    }
  }

  @Test
  void theLayoutOfThisOpenCvBuildIsReadDirectly() {
    // the bundled OpenCV 4 on a 64-bit JVM: the check at class load must pass, or every read
    // silently goes back to one JNI call per field
    assertTrue(MatHeader.DIRECT);
    assertTrue(MatHeader.canCopy());
  }

  @Test
  void fieldsEqualTheJniGettersOnEveryKindOfHeader() {
    try (Mat whole = TestImages.pattern(301, 157, 3, 1);
        Rect r = new Rect(13, 7, 120, 90);
        Mat roi = new Mat(whole, r);
        Mat gray = TestImages.pattern(64, 33, 1, 2);
        Mat rgba = TestImages.pattern(10, 20, 4, 3);
        Mat deep = new Mat(9, 5, opencv_core.CV_32FC2);
        Mat empty = new Mat();
        Mat cube = new Mat(3, new int[] {2, 3, 4}, opencv_core.CV_8UC1)) {
      assertSameAsJni(whole, "whole");
      assertSameAsJni(roi, "roi");
      assertNotEquals(roi.cols() * 3L, MatHeader.step(roi), "a region keeps its parent's stride");
      assertSameAsJni(gray, "gray");
      assertSameAsJni(rgba, "rgba");
      assertSameAsJni(deep, "deep");
      assertSameAsJni(empty, "empty");
      assertEquals(0, MatHeader.data(empty));
      assertSameAsJni(cube, "cube");
      assertEquals(-1, MatHeader.rows(cube));
    }
  }

  @Test
  void aMatInsideAVectorIsReadAtItsOwnAddress() {
    try (Mat a = TestImages.pattern(8, 6, 3, 4);
        Mat b = TestImages.pattern(5, 9, 1, 5);
        MatVector v = new MatVector(a, b);
        Mat second = v.get(1)) {
      assertSameAsJni(second, "vector element");
      assertEquals(9, MatHeader.rows(second));
    }
  }

  @Test
  void elemSizeMatchesOpenCvForEveryDepthAndChannelCount() {
    int[] depths = {
      opencv_core.CV_8U, opencv_core.CV_8S, opencv_core.CV_16U, opencv_core.CV_16S,
      opencv_core.CV_32S, opencv_core.CV_32F, opencv_core.CV_64F, opencv_core.CV_16F
    };
    for (int depth : depths) {
      for (int ch = 1; ch <= 4; ch++) {
        int type = opencv_core.CV_MAKETYPE(depth, ch);
        try (Mat m = new Mat(2, 2, type)) {
          assertEquals(m.elemSize(), MatHeader.elemSize(type), "type " + type);
        }
      }
    }
  }

  @Test
  void createKeepsAMatchingDestinationAndReallocatesAnyOther() {
    try (Mat parent = new Mat(40, 50, opencv_core.CV_8UC3);
        Rect r = new Rect(5, 6, 20, 10);
        Mat view = new Mat(parent, r);
        Mat other = new Mat(10, 20, opencv_core.CV_8UC1)) {
      long before = MatHeader.data(view);
      MatHeader.create(view, 10, 20, opencv_core.CV_8UC3);
      assertEquals(before, MatHeader.data(view), "same shape: the view is kept, like Mat::create");
      long otherBefore = MatHeader.data(other);
      MatHeader.create(other, 10, 20, opencv_core.CV_8UC3);
      assertEquals(opencv_core.CV_8UC3, other.type(), "other type: reallocated");
      assertNotEquals(otherBefore, MatHeader.data(other));
      MatHeader.create(other, 11, 20, opencv_core.CV_8UC3);
      assertEquals(11, other.rows(), "other size: reallocated");
    }
  }
}
