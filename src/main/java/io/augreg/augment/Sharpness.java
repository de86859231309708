package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Sharpens (factor &gt; 1) or softens (&lt; 1): PIL's {@code ImageEnhance.Sharpness} (torchvision's
 * {@code RandomAdjustSharpness} on a PIL image), a blend from PIL's 3×3 {@code SMOOTH} filter
 * towards the image; the outermost pixels are unchanged; alpha kept.
 *
 * <p>Spec: {@code sharpness factor=0.5..2} (within 0..10).
 *
 * @param factor the factor range
 */
public record Sharpness(@Opt("0.5..2") Range factor) implements Step<Sharpness.SharpnessParams> {
  /**
   * One factor.
   *
   * @param factor the sharpness factor (1: unchanged)
   */
  public record SharpnessParams(double factor) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.run2(src, dst, (in, out, w, h, ch, s) ->
          Colour.sharpness(in, out, w, h, ch, (float) factor));
    }
  }

  /** Validates the range. */
  public Sharpness {
    Check.range("sharpness", "factor", factor, 0, 10);
  }

  @Override
  public SharpnessParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new SharpnessParams(factor.sample(rng));
  }
}
