package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Additive Gaussian noise with a standard deviation drawn from {@code sigma} (gray levels): {@code
 * out = saturate(v + round(σ·z))}, z ~ N(0, 1), independent per colour channel or (with {@code
 * per_channel=false}) one z per pixel shared by its colour channels; alpha is copied. The noise
 * field comes from a 64-bit seed drawn at sampling time, so the parameter record is tiny and
 * replays exactly. z is a 65 536-level inverse-CDF discretization of the normal (tails truncated
 * at ±4.33σ), read from a per-σ table of 65 536 rounded levels (see {@code NoiseKernel}).
 *
 * <p>Spec: {@code noise sigma=10 per_channel=true}.
 *
 * @param sigma the standard-deviation range, within [0, 255]
 * @param perChannel independent noise per colour channel
 */
public record Noise(@Opt("10") Range sigma, @Opt(value = "true", terse = true) boolean perChannel)
    implements Step<Noise.NoiseParams> {

  /**
   * One noise field.
   *
   * @param sigma standard deviation in gray levels
   * @param perChannel independent noise per colour channel
   * @param seed the seed of the noise stream
   */
  public record NoiseParams(double sigma, boolean perChannel, long seed) implements StepParams {
    /** Validates sigma. */
    public NoiseParams {
      if (!(sigma >= 0 && sigma <= 255)) {
        throw new AugregException("noise parameters: sigma must be within 0..255, got " + sigma);
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.run(
          src,
          dst,
          (b, n, channels, s) -> {
            NoiseKernel.prepare(sigma, s.noise);
            NoiseKernel.apply(b, n, channels, perChannel, seed, s.noise);
          });
    }
  }

  /** Validates the range. */
  public Noise {
    Check.range("noise", "sigma", sigma, 0, 255);
  }

  @Override
  public NoiseParams sample(SplittableRandom rng, int width, int height, int channels) {
    double s = sigma.sample(rng);
    return new NoiseParams(s, perChannel, rng.nextLong());
  }
}
