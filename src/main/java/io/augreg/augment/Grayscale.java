package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Replaces every colour channel by PIL's integer luma, keeping the channel count (torchvision's
 * {@code Grayscale(3)} / {@code RandomGrayscale} on a PIL image); alpha kept. Spec: {@code
 * grayscale} (no keys).
 */
public record Grayscale() implements Step<Grayscale.GrayscaleParams> {
  /** No parameters. */
  public record GrayscaleParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (PointOps.luma(src, dst)) {
        return;
      }
      LutKernel.run(src, dst, (b, n, ch, s) -> Colour.grayscale(b, n, ch));
    }
  }

  @Override
  public GrayscaleParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new GrayscaleParams();
  }
}
