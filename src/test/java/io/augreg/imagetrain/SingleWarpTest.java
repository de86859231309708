package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.augment.AppliedStep;
import io.augreg.augment.Border;
import io.augreg.augment.Crop;
import io.augreg.augment.HFlip;
import io.augreg.augment.Interp;
import io.augreg.augment.Pipeline;
import io.augreg.augment.Rotate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SingleWarpTest {
  private static AppliedStep step(String name, io.augreg.augment.Params p) {
    return new AppliedStep(name, true, p);
  }

  /** The source position of output pixel (x, y). */
  private static double[] at(SingleWarp.Plan p, double x, double y) {
    double[] m = p.inv;
    return new double[] {m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]};
  }

  @Test
  void flipThenCropMapsOutputPixelsToTheirSourcePositions() {
    SingleWarp.Plan p = new SingleWarp.Plan();
    List<AppliedStep> steps = List.of(
        step("hflip", new HFlip.HFlipParams()),
        step("crop", new Crop.CropParams(10, 20, 32, 16, 64, 32, Interp.LINEAR)));
    assertEquals(2, SingleWarp.compose(steps, 64, 48, p));
    assertEquals(2, p.applied);
    assertEquals(64, p.width);
    assertEquals(32, p.height);
    // output (0, 0) is the crop's top-left sample: box x 10 + (0.5·0.5 − 0.5) in the flipped image,
    // i.e. source x 63 − 9.75; y 20 − 0.25
    assertArrayEquals(new double[] {63 - 9.75, 19.75}, at(p, 0, 0), 1e-12);
    assertArrayEquals(new double[] {63 - (10 + 63.5 * 0.5 - 0.5), 20 + 31.5 * 0.5 - 0.5}, at(p, 63, 31), 1e-12);
    assertEquals(Border.REPLICATE, p.border);
  }

  @Test
  void rotationIsInvertedAboutTheImageCentreWithItsBorder() {
    SingleWarp.Plan p = new SingleWarp.Plan();
    List<AppliedStep> steps =
        List.of(step("rotate", new Rotate.RotateParams(90, false, Interp.LINEAR, Border.CONSTANT)));
    assertEquals(1, SingleWarp.compose(steps, 10, 10, p));
    // 90° counter-clockwise about (5, 5) (y down): output (5, 5) is the centre; the top middle
    // output pixel comes from the right middle of the source
    assertArrayEquals(new double[] {5, 5}, at(p, 5, 5), 1e-12);
    assertArrayEquals(new double[] {10, 5}, at(p, 5, 0), 1e-12);
    assertEquals(Border.CONSTANT, p.border);
  }

  @Test
  void stopsAtARotationAfterACropAtASecondRotationAndAtPointSteps() {
    SingleWarp.Plan p = new SingleWarp.Plan();
    SplittableRandom r = new SplittableRandom(3);
    assertEquals(1, SingleWarp.compose(Pipeline.parse("crop scale=0.5..1 | rotate").sample(r, 32, 32, 3), 32, 32, p));
    assertEquals(1, SingleWarp.compose(Pipeline.parse("rotate | rotate").sample(r, 32, 32, 3), 32, 32, p));
    assertEquals(2, SingleWarp.compose(Pipeline.parse("hflip | rotate | contrast").sample(r, 32, 32, 3), 32, 32, p));
    assertEquals(0, SingleWarp.compose(Pipeline.parse("noise | hflip").sample(r, 32, 32, 3), 32, 32, p));
    assertEquals(0, p.applied);
    assertEquals(1, SingleWarp.compose(Pipeline.parse("rotate interp=cubic p=0 | hflip | rotate interp=cubic")
        .sample(r, 32, 32, 3), 32, 32, p) - 1);
  }
}
