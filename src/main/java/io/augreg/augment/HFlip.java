package io.augreg.augment;

import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Mirrors the image left to right (spec {@code hflip}, no keys). */
public final class HFlip implements Transform<HFlip.HFlipParams> {

  /** The parameters of a horizontal flip: none. */
  public record HFlipParams() implements Params {
    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  private static final HFlipParams PARAMS = new HFlipParams();

  /** A horizontal flip. */
  public HFlip() {}

  static HFlip fromOptions(Options o) {
    o.finish();
    return new HFlip();
  }

  @Override
  public String name() {
    return "hflip";
  }

  @Override
  public HFlipParams sample(SplittableRandom rng, int width, int height, int channels) {
    return PARAMS;
  }

  @Override
  public void apply(Mat src, Mat dst, HFlipParams params) {
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

  @Override
  public HFlipParams paramsFromMap(Map<String, Object> map) {
    return PARAMS;
  }

  @Override
  public String toSpec() {
    return "hflip";
  }

  @Override
  public Class<HFlipParams> paramsType() {
    return HFlipParams.class;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HFlip;
  }

  @Override
  public int hashCode() {
    return 1 + 17;
  }
}
