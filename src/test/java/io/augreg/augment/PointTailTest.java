package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PointTailTest {
  /** The bytes of the steps replayed through the transforms. */
  private static byte[] viaTransforms(Pipeline p, Mat src, List<AppliedStep> steps) {
    try (Mat out = new Mat()) {
      p.replay(src, out, steps);
      return TestImages.bytes(out);
    }
  }

  private static int compare(String spec, int w, int h, int ch, int images) {
    Pipeline p = Pipeline.parse(spec);
    int done = 0;
    for (int k = 0; k < images; k++) {
      try (Mat src = TestImages.pattern(w, h, ch, k)) {
        List<AppliedStep> steps = p.sample(new SplittableRandom(k), w, h, ch);
        assertTrue(PointTail.covers(steps, ch));
        byte[] px = TestImages.bytes(src);
        byte[] before = px.clone();
        if (PointTail.apply(steps, px, px.length, ch)) {
          assertArrayEquals(viaTransforms(p, src, steps), px, spec + " image " + k);
          done++;
        } else {
          assertArrayEquals(before, px); // declined: untouched
        }
      }
    }
    return done;
  }

  @Test
  void contrastThenNoiseIsBitForBitTheTransforms() {
    int done = compare("contrast factor=0.5..1.5 | noise sigma=0..25", 64, 64, 3, 60);
    assertTrue(done >= 55, "declined too often: " + done + " of 60");
  }

  @Test
  void contrastAloneNoiseAloneAndGrayImagesMatch() {
    assertTrue(compare("contrast factor=0..3", 37, 23, 3, 40) >= 35);
    assertTrue(compare("noise sigma=10", 37, 23, 3, 10) == 10);
    assertTrue(compare("contrast factor=0.8..1.2 p=0.5 | noise sigma=5..40 p=0.5", 50, 31, 1, 40) >= 35);
  }

  @Test
  void contrastAroundTheLumaOrAsPilIsBitForBitTheTransformAndNeverDeclined() {
    assertTrue(compare("contrast factor=0.5..1.5 mean=gray | noise sigma=0..25", 64, 64, 3, 30) == 30);
    assertTrue(compare("contrast factor=0..3 mean=gray", 37, 23, 3, 20) == 20);
    assertTrue(compare("contrast factor=0.8..1.2 mean=gray", 50, 31, 1, 10) == 10);
    assertTrue(compare("contrast factor=0.5..1.5 mean=pil | noise sigma=0..25", 64, 64, 3, 30) == 30);
    assertTrue(compare("contrast factor=0..3 mean=pil", 37, 23, 3, 20) == 20);
    assertTrue(compare("contrast factor=0.8..1.2 mean=pil", 50, 31, 1, 10) == 10);
  }

  @Test
  void otherStepsOrdersAndChannelCountsAreNotCovered() {
    SplittableRandom r = new SplittableRandom(1);
    assertFalse(PointTail.covers(Pipeline.parse("noise sigma=3 | contrast").sample(r, 8, 8, 3), 3));
    assertFalse(PointTail.covers(Pipeline.parse("hflip | noise sigma=3").sample(r, 8, 8, 3), 3));
    assertFalse(PointTail.covers(Pipeline.parse("noise sigma=3 per_channel=false").sample(r, 8, 8, 3), 3));
    assertFalse(PointTail.covers(Pipeline.parse("contrast").sample(r, 8, 8, 4), 4));
    assertTrue(PointTail.covers(Pipeline.parse("hflip p=0 | contrast | noise").sample(r, 8, 8, 3), 3));
  }

  @Test
  void tinyImagesAreDeclined() {
    List<AppliedStep> steps = Pipeline.parse("noise sigma=3").sample(new SplittableRandom(2), 4, 4, 3);
    byte[] px = new byte[48];
    assertFalse(PointTail.apply(steps, px, px.length, 3));
  }
}
