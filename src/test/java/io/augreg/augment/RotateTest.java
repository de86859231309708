package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class RotateTest {
  private static Rotate step90() {
    return (Rotate) Transforms.create("rotate", Map.of("step90", "true"));
  }

  @Test
  void quarterTurnIsExactAndCounterClockwise() {
    try (Mat src = TestImages.pattern(5, 3, 3, 1);
        Mat dst = new Mat()) {
      step90().apply(src, dst, new Rotate.RotateParams(90, true, Interp.LINEAR, Border.REFLECT));
      // counter-clockwise: a w×h image becomes h×w, dst(x, y) = src(w − 1 − y, x)
      assertEquals(3, dst.cols());
      assertEquals(5, dst.rows());
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 3; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(TestImages.at(src, 4 - y, x, c), TestImages.at(dst, x, y, c));
          }
        }
      }
    }
  }

  @Test
  void fourQuarterTurnsAndTheWholeTurnAreIdentity() {
    try (Mat src = TestImages.pattern(6, 4, 1, 2);
        Mat a = new Mat();
        Mat b = new Mat()) {
      Rotate r = step90();
      Rotate.RotateParams q = new Rotate.RotateParams(90, true, Interp.LINEAR, Border.REFLECT);
      r.apply(src, a, q);
      r.apply(a, b, q);
      r.apply(b, a, q);
      r.apply(a, b, q);
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(b));
      r.apply(src, a, new Rotate.RotateParams(-360, true, Interp.LINEAR, Border.REFLECT));
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(a));
      r.apply(src, a, new Rotate.RotateParams(180, true, Interp.LINEAR, Border.REFLECT));
      assertEquals(TestImages.at(src, 0, 0, 0), TestImages.at(a, 5, 3, 0));
    }
  }

  @Test
  void step90DrawsOnlyMultiplesOf90InRange() {
    Rotate r = step90();
    Set<Double> seen = new HashSet<>();
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      seen.add(r.sample(rng, 10, 10, 3).angle());
    }
    assertEquals(Set.of(0.0, 90.0, 180.0, 270.0), seen);
  }

  @Test
  void arbitraryAngleKeepsSizeAndZeroIsIdentity() {
    Rotate r = new Rotate(new Range(-30, 30), false, Interp.LINEAR, Border.REFLECT);
    try (Mat src = TestImages.pattern(9, 6, 3, 4);
        Mat dst = new Mat()) {
      r.apply(src, dst, new Rotate.RotateParams(17.5, false, Interp.LINEAR, Border.REFLECT));
      assertEquals(9, dst.cols());
      assertEquals(6, dst.rows());
      r.apply(src, dst, new Rotate.RotateParams(0, false, Interp.LINEAR, Border.REFLECT));
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(dst));
    }
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      double a = r.sample(rng, 10, 10, 3).angle();
      assertTrue(a >= -30 && a < 30, "angle " + a);
    }
  }

  @Test
  void rejectsBadOptions() {
    assertThrows(AugregException.class, () -> Transforms.create("rotate", Map.of("interp", "area")));
    AugregException e =
        assertThrows(
            AugregException.class,
            () -> Transforms.create("rotate", Map.of("step90", "true", "deg", "10..80")));
    assertTrue(e.getMessage().contains("multiple of 90"), e.getMessage());
  }
}
