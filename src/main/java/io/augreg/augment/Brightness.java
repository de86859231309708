package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Adds an offset drawn from {@code delta} (gray levels) to every colour value: {@code out =
 * saturate(round(v + delta))}; alpha is copied.
 *
 * <p>Spec: {@code brightness delta=-25..25}.
 *
 * @param delta the offset range, within [-255, 255]
 */
public record Brightness(Range delta) implements Transform<Brightness.BrightnessParams> {

  /**
   * One brightness offset.
   *
   * @param delta gray levels added
   */
  public record BrightnessParams(double delta) implements Params {
    @Override
    public Map<String, Object> toMap() {
      return Map.of("delta", delta);
    }
  }

  /** Validates the range. */
  public Brightness {
    if (delta.lo() < -255 || delta.hi() > 255) {
      throw new AugregException("brightness: delta must be within -255..255, got " + delta);
    }
  }

  static Brightness fromOptions(Options o) {
    Range d = o.range("delta", new Range(-25, 25), -255, 255);
    o.finish();
    return new Brightness(d);
  }

  @Override
  public String name() {
    return "brightness";
  }

  @Override
  public BrightnessParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new BrightnessParams(delta.sample(rng));
  }

  @Override
  public void apply(Mat src, Mat dst, BrightnessParams p) {
    if (src.channels() != 4) {
      src.convertTo(dst, -1, 1, p.delta());
      return;
    }
    LutKernel.run(
        src,
        dst,
        (b, n, channels, s) -> {
          // lut[v] = saturate(round(v + delta))
          LutKernel.linear(1, p.delta(), s.lut);
          LutKernel.map(b, b, n, channels, s.lut);
        });
  }

  @Override
  public BrightnessParams paramsFromMap(Map<String, Object> map) {
    return new BrightnessParams(ParamMaps.num(map, "brightness", "delta"));
  }

  @Override
  public String toSpec() {
    return "brightness delta=" + delta.toSpec();
  }

  @Override
  public Class<BrightnessParams> paramsType() {
    return BrightnessParams.class;
  }
}
