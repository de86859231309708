package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Crops the centre {@code size} box (torchvision's {@code CenterCrop}: top-left at {@code
 * round((W − w) / 2), round((H − h) / 2)}, halves rounded to even); a box larger than the image is
 * padded with 0.
 *
 * <p>Spec: {@code centercrop size=WxH} ({@code size} required).
 *
 * @param size the output size
 */
public record CenterCrop(WxH size) implements Step<CenterCrop.CenterCropParams> {
  /**
   * The box.
   *
   * @param x left column (negative: padded)
   * @param y top row (negative: padded)
   * @param w width
   * @param h height
   */
  public record CenterCropParams(int x, int y, int w, int h) implements SizedParams {
    /** Validates a non-empty box. */
    public CenterCropParams {
      new WxH(w, h);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Geometry.cropPadded(src, dst, x, y, w, h, Border.CONSTANT, 0);
    }
  }

  /** Validates that the size is given. */
  public CenterCrop {
    Check.present("centercrop", "size", size, "WIDTHxHEIGHT, e.g. size=224x224");
  }

  @Override
  public CenterCropParams sample(SplittableRandom rng, int width, int height, int channels) {
    int w = size.width();
    int h = size.height();
    return new CenterCropParams(
        (int) Math.rint((width - w) / 2.0), (int) Math.rint((height - h) / 2.0), w, h);
  }
}
