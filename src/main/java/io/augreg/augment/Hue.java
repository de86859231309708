package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Shifts the hue by a fraction of the colour circle, as torchvision's {@code adjust_hue} on a PIL
 * image: PIL's 8-bit HSV, hue plus {@code (int) (shift·255)} modulo 256, back to RGB. Gray images
 * and alpha are unchanged.
 *
 * <p>Spec: {@code hue shift=-0.1..0.1} (within -0.5..0.5).
 *
 * @param shift the shift range, in turns
 */
public record Hue(@Opt("-0.1..0.1") Range shift) implements Step<Hue.HueParams> {
  /**
   * One shift.
   *
   * @param shift hue shift in turns
   */
  public record HueParams(double shift) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.run(src, dst, (b, n, ch, s) -> Colour.hue(b, n, ch, (int) (shift * 255)));
    }
  }

  /** Validates the range. */
  public Hue {
    Check.range("hue", "shift", shift, -0.5, 0.5);
  }

  @Override
  public HueParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new HueParams(shift.sample(rng));
  }
}
