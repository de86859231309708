package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A random {@code size} box of the image padded by {@code padding} on every side (torchvision's
 * {@code RandomCrop(size, padding)}, e.g. the CIFAR recipe {@code randomcrop size=32x32
 * padding=4}); a box larger than the padded image is padded further with the same border.
 *
 * <p>Spec: {@code randomcrop size=WxH padding=0 border=constant fill=0} ({@code size} required).
 *
 * @param size the output size
 * @param padding pixels added on every side before cropping, 0..4096
 * @param border how the padding is filled
 * @param fill the constant fill value, 0..255
 */
public record RandomCrop(
    WxH size, @Opt("0") int padding, @Opt("constant") Border border, @Opt("0") int fill)
    implements Step<RandomCrop.RandomCropParams> {
  /**
   * The box in input coordinates.
   *
   * @param x left column (negative: in the padding)
   * @param y top row
   * @param w width
   * @param h height
   * @param border the padding mode
   * @param fill the constant value
   */
  public record RandomCropParams(int x, int y, int w, int h, Border border, int fill)
      implements SizedParams {
    /** Validates a non-empty box. */
    public RandomCropParams {
      new WxH(w, h);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Geometry.cropPadded(src, dst, x, y, w, h, border, fill);
    }
  }

  /** Validates the options. */
  public RandomCrop {
    Check.present("randomcrop", "size", size, "WIDTHxHEIGHT, e.g. size=32x32");
    Check.integer("randomcrop", "padding", padding, 0, 4096);
    Check.integer("randomcrop", "fill", fill, 0, 255);
  }

  @Override
  public RandomCropParams sample(SplittableRandom rng, int width, int height, int channels) {
    // top-left uniform over the positions inside the padded image: U{0 .. W + 2p − w}
    int spanX = Math.max(0, width + 2 * padding - size.width());
    int spanY = Math.max(0, height + 2 * padding - size.height());
    int y = rng.nextInt(spanY + 1) - padding;
    int x = rng.nextInt(spanX + 1) - padding;
    return new RandomCropParams(x, y, size.width(), size.height(), border, fill);
  }
}
