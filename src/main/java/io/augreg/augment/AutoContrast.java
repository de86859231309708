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
      // per-channel histograms in Java, then OpenCV's LUT with one table per channel
      Scratch s = Scratch.get();
      int n = Pixels.byteCount(src);
      byte[] b = s.bytesA(n);
      Pixels.read(src, b);
      int colours = Colour.histograms(b, n, src.channels(), s.hist);
      for (int c = 0; c < colours; c++) {
        Colour.autocontrastTable(s.hist, 256 * c, s.luts, 256 * c);
      }
      org.bytedeco.opencv.global.opencv_core.LUT(
          src, s.cvLutPerChannel(s.luts, src.channels()), dst);
    }
  }

  @Override
  public AutoContrastParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new AutoContrastParams();
  }
}
