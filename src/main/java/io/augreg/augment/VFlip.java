package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Mirrors the image top to bottom (spec {@code vflip}, no keys). */
public record VFlip() implements Step<VFlip.VFlipParams> {

  /** The parameters of a vertical flip: none. */
  public record VFlipParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (!RowCopy.flipVertical(src, dst)) {
        opencv_core.flip(src, dst, 0);
      }
    }
  }

  private static final VFlipParams PARAMS = new VFlipParams();

  @Override
  public VFlipParams sample(SplittableRandom rng, int width, int height, int channels) {
    return PARAMS;
  }
}
