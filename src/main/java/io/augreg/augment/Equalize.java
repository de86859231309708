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
      LutKernel.run(src, dst, (b, n, ch, s) -> {
        int colours = Colour.histograms(b, n, ch, s.hist);
        for (int c = 0; c < colours; c++) {
          Colour.equalizeTable(s.hist, 256 * c, s.luts, 256 * c);
        }
        Colour.mapPerChannel(b, n, ch, s.luts);
      });
    }
  }

  @Override
  public EqualizeParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new EqualizeParams();
  }
}
