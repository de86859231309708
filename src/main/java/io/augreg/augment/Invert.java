package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Inverts the colour values, {@code out = 255 − v} (PIL's {@code ImageOps.invert}, torchvision's
 * {@code RandomInvert}); alpha kept. Spec: {@code invert} (no keys).
 */
public record Invert() implements Step<Invert.InvertParams> {
  /** No parameters. */
  public record InvertParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (src.channels() != 4) {
        // 255 − v is the bitwise complement of a byte
        org.bytedeco.opencv.global.opencv_core.bitwise_not(src, dst);
        return;
      }
      byte[] lut = Scratch.get().lut;
      for (int v = 0; v < 256; v++) {
        lut[v] = (byte) (255 - v);
      }
      LutKernel.cvMap(src, dst, lut);
    }
  }

  @Override
  public InvertParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new InvertParams();
  }
}
