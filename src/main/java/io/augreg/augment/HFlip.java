package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Mirrors the image left to right (spec {@code hflip}, no keys). */
public record HFlip() implements Step<HFlip.HFlipParams> {

  /** The parameters of a horizontal flip: none. */
  public record HFlipParams() implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (src.channels() == 3) {
        // OpenCV mirrors 3-byte pixels with a scalar loop but 4-byte pixels with SIMD: going
        // BGR -> BGRA -> mirror -> BGR is exact and about twice as fast
        Scratch s = Scratch.get();
        opencv_imgproc.cvtColor(src, s.wide[0], opencv_imgproc.COLOR_BGR2BGRA);
        opencv_core.flip(s.wide[0], s.wide[1], 1);
        opencv_imgproc.cvtColor(s.wide[1], dst, opencv_imgproc.COLOR_BGRA2BGR);
        return;
      }
      opencv_core.flip(src, dst, 1);
    }
  }

  private static final HFlipParams PARAMS = new HFlipParams();

  @Override
  public HFlipParams sample(SplittableRandom rng, int width, int height, int channels) {
    return PARAMS;
  }
}
