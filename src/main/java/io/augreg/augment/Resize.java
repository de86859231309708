package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Resizes to a fixed size (no randomness).
 *
 * <p>Spec: {@code resize size=WxH interp=area} ({@code size} is required).
 *
 * @param size the output size
 * @param interp the interpolation
 */
public record Resize(WxH size, @Opt("area") Interp interp) implements Step<Resize.ResizeParams> {

  /**
   * The output size and interpolation.
   *
   * @param width output width
   * @param height output height
   * @param interp the interpolation
   */
  public record ResizeParams(int width, int height, Interp interp) implements StepParams {
    /** Validates a positive size. */
    public ResizeParams {
      if (width < 1 || height < 1) {
        throw new AugregException("resize parameters: size must be positive, got " + width + "x" + height);
      }
    }

    @Override
    public int outputWidth(int w, int h) {
      return width;
    }

    @Override
    public int outputHeight(int w, int h) {
      return height;
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Scratch s = Scratch.get();
      opencv_imgproc.resize(src, dst, s.size(width, height), 0, 0, interp.cvFlag());
    }
  }

  /** Validates that the size is given. */
  public Resize {
    Check.present("resize", "size", size, "WIDTHxHEIGHT, e.g. size=224x224");
  }

  /**
   * A resize to {@code width x height}.
   *
   * @param width output width
   * @param height output height
   * @param interp the interpolation
   */
  public Resize(int width, int height, Interp interp) {
    this(new WxH(width, height), interp);
  }

  @Override
  public ResizeParams sample(SplittableRandom rng, int w, int h, int channels) {
    return new ResizeParams(size.width(), size.height(), interp);
  }
}
