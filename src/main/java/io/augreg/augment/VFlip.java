package io.augreg.augment;

import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Mirrors the image top to bottom (spec {@code vflip}, no keys). */
public final class VFlip implements Transform<VFlip.VFlipParams> {

  /** The parameters of a vertical flip: none. */
  public record VFlipParams() implements Params {
    @Override
    public Map<String, Object> toMap() {
      return Map.of();
    }
  }

  private static final VFlipParams PARAMS = new VFlipParams();

  /** A vertical flip. */
  public VFlip() {}

  static VFlip fromOptions(Options o) {
    o.finish();
    return new VFlip();
  }

  @Override
  public String name() {
    return "vflip";
  }

  @Override
  public VFlipParams sample(SplittableRandom rng, int width, int height, int channels) {
    return PARAMS;
  }

  @Override
  public void apply(Mat src, Mat dst, VFlipParams params) {
    if (!RowCopy.flipVertical(src, dst)) {
      opencv_core.flip(src, dst, 0);
    }
  }

  @Override
  public VFlipParams paramsFromMap(Map<String, Object> map) {
    return PARAMS;
  }

  @Override
  public String toSpec() {
    return "vflip";
  }

  @Override
  public Class<VFlipParams> paramsType() {
    return VFlipParams.class;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VFlip;
  }

  @Override
  public int hashCode() {
    return 0 + 17;
  }
}
