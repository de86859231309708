package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scales the saturation by a factor: PIL's {@code ImageEnhance.Color} (what torchvision's {@code
 * ColorJitter(saturation)} does to a PIL image), a blend from the pixel's luma towards the pixel,
 * bit for bit; 0 gives gray, 1 the input. Gray images and alpha are unchanged.
 *
 * <p>Spec: {@code saturation factor=0.5..1.5} (within 0..10).
 *
 * @param factor the factor range
 */
public record Saturation(@Opt("0.5..1.5") Range factor)
    implements Step<Saturation.SaturationParams> {
  /**
   * One factor.
   *
   * @param factor the saturation factor
   */
  public record SaturationParams(double factor) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.run(src, dst, (b, n, ch, s) -> Colour.saturation(b, n, ch, (float) factor));
    }
  }

  /** Validates the range. */
  public Saturation {
    Check.range("saturation", "factor", factor, 0, 10);
  }

  @Override
  public SaturationParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new SaturationParams(factor.sample(rng));
  }
}
