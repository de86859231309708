package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Inverts the colour values at or above a threshold, {@code out = v >= t ? 255 − v : v} (PIL's
 * {@code ImageOps.solarize}, torchvision's {@code RandomSolarize}); alpha kept.
 *
 * <p>Spec: {@code solarize threshold=128} (within 0..256; 256 changes nothing).
 *
 * @param threshold the threshold range
 */
public record Solarize(@Opt("128") Range threshold) implements Step<Solarize.SolarizeParams> {
  /**
   * One threshold.
   *
   * @param threshold values {@code >= threshold} are inverted
   */
  public record SolarizeParams(double threshold) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (PointOps.solarize(src, dst, threshold)) {
        return;
      }
      byte[] lut = Scratch.get().lut;
      for (int v = 0; v < 256; v++) {
        lut[v] = (byte) (v >= threshold ? 255 - v : v);
      }
      LutKernel.cvMap(src, dst, lut);
    }
  }

  /** Validates the range. */
  public Solarize {
    Check.range("solarize", "threshold", threshold, 0, 256);
  }

  @Override
  public SolarizeParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new SolarizeParams(threshold.sample(rng));
  }
}
