package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Pads every side by {@code px} pixels (torchvision's {@code Pad}): {@code constant} fills with
 * {@code fill}, {@code reflect} mirrors without repeating the edge, {@code replicate} repeats it.
 * The image grows by 2·px in each direction.
 *
 * <p>Spec: {@code pad px=4 border=constant fill=0} (px an integer or a range of integers in
 * 0..4096, drawn once for all sides).
 *
 * @param px padding range in pixels
 * @param border how the padding is filled
 * @param fill the constant fill value, 0..255
 */
public record Pad(@Opt("4") Range px, @Opt("constant") Border border, @Opt("0") int fill)
    implements Step<Pad.PadParams> {
  /**
   * One padding.
   *
   * @param px pixels added on every side
   * @param border the fill mode
   * @param fill the constant value
   */
  public record PadParams(int px, Border border, int fill) implements StepParams {
    /** Validates. */
    public PadParams {
      if (px < 0 || px > 4096 || fill < 0 || fill > 255) {
        throw new AugregException("pad parameters: bad px=" + px + " or fill=" + fill);
      }
    }

    @Override
    public int outputWidth(int width, int height) {
      return width + 2 * px;
    }

    @Override
    public int outputHeight(int width, int height) {
      return height + 2 * px;
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Geometry.cropPadded(src, dst, -px, -px, src.cols() + 2 * px, src.rows() + 2 * px, border, fill);
    }
  }

  /** Validates the options. */
  public Pad {
    Check.intRange("pad", "px", px, 0, 4096);
    Check.integer("pad", "fill", fill, 0, 255);
  }

  @Override
  public PadParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new PadParams(px.sampleInt(rng), border, fill);
  }
}
