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
      // per-channel histograms in Java, then OpenCV's LUT with one table per channel
      Scratch s = Scratch.get();
      int n = Pixels.byteCount(src);
      byte[] b = s.bytesA(n);
      Pixels.read(src, b);
      int colours = Colour.histograms(b, n, src.channels(), s.hist);
      for (int c = 0; c < colours; c++) {
        Colour.equalizeTable(s.hist, 256 * c, s.luts, 256 * c);
      }
      org.bytedeco.opencv.global.opencv_core.LUT(
          src, s.cvLutPerChannel(s.luts, src.channels()), dst);
    }
  }

  @Override
  public EqualizeParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new EqualizeParams();
  }
}
