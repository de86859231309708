package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Histogram equalization per colour channel, PIL's {@code ImageOps.equalize} (torchvision's {@code
 * RandomEqualize} on a PIL image) bit for bit; alpha kept. Spec: {@code equalize} (no keys).
 */
public record Equalize() implements Step<Equalize.EqualizeParams> {
  /** No parameters. */
  public record EqualizeParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.perChannelTables(src, dst, Colour::equalizeTable);
    }
  }

  @Override
  public EqualizeParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new EqualizeParams();
  }
}
