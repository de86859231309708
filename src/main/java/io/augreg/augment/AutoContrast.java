package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Stretches each colour channel so its darkest value becomes 0 and its brightest 255, PIL's {@code
 * ImageOps.autocontrast} (torchvision's {@code RandomAutocontrast} on a PIL image) bit for bit;
 * alpha kept. Spec: {@code autocontrast} (no keys).
 */
public record AutoContrast() implements Step<AutoContrast.AutoContrastParams> {
  /** No parameters. */
  public record AutoContrastParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.perChannelTables(src, dst, Colour::autocontrastTable);
    }
  }

  @Override
  public AutoContrastParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new AutoContrastParams();
  }
}
