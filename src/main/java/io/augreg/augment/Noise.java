package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.Map;
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
public record Noise(Range sigma, boolean perChannel) implements Transform<Noise.NoiseParams> {

  /**
   * One noise field.
   *
   * @param sigma standard deviation in gray levels
   * @param perChannel independent noise per colour channel
   * @param seed the seed of the noise stream
   */
  public record NoiseParams(double sigma, boolean perChannel, long seed) implements Params {
    /** Validates sigma. */
    public NoiseParams {
      if (!(sigma >= 0 && sigma <= 255)) {
        throw new AugregException("noise parameters: sigma must be within 0..255, got " + sigma);
      }
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sigma", sigma);
      m.put("per_channel", perChannel);
      m.put("seed", seed);
      return java.util.Collections.unmodifiableMap(m);
    }
  }

  /** Validates the range. */
  public Noise {
    if (sigma.lo() < 0 || sigma.hi() > 255) {
      throw new AugregException("noise: sigma must be within 0..255, got " + sigma);
    }
  }

  static Noise fromOptions(Options o) {
    Range s = o.range("sigma", Range.of(10), 0, 255);
    boolean pc = o.bool("per_channel", true);
    o.finish();
    return new Noise(s, pc);
  }

  @Override
  public String name() {
    return "noise";
  }

  @Override
  public NoiseParams sample(SplittableRandom rng, int width, int height, int channels) {
    double s = sigma.sample(rng);
    return new NoiseParams(s, perChannel, rng.nextLong());
  }

  @Override
  public void apply(Mat src, Mat dst, NoiseParams p) {
    LutKernel.run(
        src,
        dst,
        (b, n, channels, s) -> {
          NoiseKernel.prepare(p.sigma(), s.noise);
          NoiseKernel.apply(b, n, channels, p.perChannel(), p.seed(), s.noise);
        });
  }

  @Override
  public NoiseParams paramsFromMap(Map<String, Object> map) {
    return new NoiseParams(
        ParamMaps.num(map, "noise", "sigma"),
        ParamMaps.bool(map, "noise", "per_channel"),
        ParamMaps.longValue(map, "noise", "seed"));
  }

  @Override
  public String toSpec() {
    return "noise sigma=" + sigma.toSpec() + (perChannel ? "" : " per_channel=false");
  }

  @Override
  public Class<NoiseParams> paramsType() {
    return NoiseParams.class;
  }
}
