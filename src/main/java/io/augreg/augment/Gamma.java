package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Gamma correction as torchvision's {@code adjust_gamma} on a PIL image: {@code out = int(255.999 ·
 * (v / 255)^γ)}; alpha kept.
 *
 * <p>Spec: {@code gamma gamma=0.7..1.5} (within (0, 10]).
 *
 * @param gamma the exponent range
 */
public record Gamma(@Opt("0.7..1.5") Range gamma) implements Step<Gamma.GammaParams> {
  /**
   * One exponent.
   *
   * @param gamma the exponent γ
   */
  public record GammaParams(double gamma) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      byte[] lut = Scratch.get().lut;
      for (int v = 0; v < 256; v++) {
        lut[v] = (byte) Math.min(255, (int) ((255 + 1 - 1e-3) * Math.pow(v / 255.0, gamma)));
      }
      LutKernel.cvMap(src, dst, lut);
    }
  }

  /** Validates the range. */
  public Gamma {
    Check.rangeAbove("gamma", "gamma", gamma, 0, 10);
  }

  @Override
  public GammaParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new GammaParams(gamma.sample(rng));
  }
}
