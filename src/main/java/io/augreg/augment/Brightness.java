package io.augreg.augment;

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
public record Brightness(@Opt("-25..25") Range delta) implements Step<Brightness.BrightnessParams> {

  /**
   * One brightness offset.
   *
   * @param delta gray levels added
   */
  public record BrightnessParams(double delta) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (src.channels() != 4) {
        src.convertTo(dst, -1, 1, delta);
        return;
      }
      LutKernel.run(
          src,
          dst,
          (b, n, channels, s) -> {
            // lut[v] = saturate(round(v + delta))
            LutKernel.linear(1, delta, s.lut);
            LutKernel.map(b, b, n, channels, s.lut);
          });
    }
  }

  /** Validates the range. */
  public Brightness {
    Check.range("brightness", "delta", delta, -255, 255);
  }

  @Override
  public BrightnessParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new BrightnessParams(delta.sample(rng));
  }
}
