package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Rotates about the image centre by an angle drawn uniformly from {@code deg} (degrees,
 * counter-clockwise, like OpenCV's {@code getRotationMatrix2D}), keeping the size; pixels from
 * outside are filled by {@code border}. With {@code step90} the angle is a multiple of 90° drawn
 * uniformly among those in {@code deg}, and the rotation is exact (no interpolation; a 90° or 270°
 * turn swaps width and height).
 *
 * <p>Spec: {@code rotate deg=-30..30 step90=false interp=linear border=reflect} (with {@code
 * step90=true} the default range is {@code deg=0..270}).
 *
 * @param deg the angle range in degrees, within [-3600, 3600] ({@code null}: the default)
 * @param step90 whether only multiples of 90° are drawn (exact rotation)
 * @param interp the interpolation (nearest, linear or cubic)
 * @param border how outside pixels are filled
 */
public record Rotate(
    Range deg,
    @Opt(value = "false", terse = true) boolean step90,
    @Opt("linear") Interp interp,
    @Opt("reflect") Border border)
    implements Step<Rotate.RotateParams> {

  /**
   * Parameters of one rotation.
   *
   * @param angle degrees, counter-clockwise
   * @param step90 exact rotation by a multiple of 90° ({@code angle} is then such a multiple)
   * @param interp the interpolation
   * @param border the border mode
   */
  public record RotateParams(double angle, boolean step90, Interp interp, Border border)
      implements StepParams {
    /** Validates that an exact rotation has an angle multiple of 90°. */
    public RotateParams {
      if (step90 && angle % 90 != 0) {
        throw new AugregException("rotate parameters: step90 needs a multiple of 90, got " + angle);
      }
    }

    /** Number of counter-clockwise quarter turns modulo 4 (only for {@code step90}). */
    int quarterTurns() {
      return (int) Math.floorMod((long) (angle / 90), 4L);
    }

    @Override
    public int outputWidth(int width, int height) {
      return step90 && quarterTurns() % 2 == 1 ? height : width;
    }

    @Override
    public int outputHeight(int width, int height) {
      return step90 && quarterTurns() % 2 == 1 ? width : height;
    }

    @Override
    public void apply(Mat src, Mat dst) {
      if (step90) {
        switch (quarterTurns()) {
          case 1 -> opencv_core.rotate(src, dst, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
          case 2 -> opencv_core.rotate(src, dst, opencv_core.ROTATE_180);
          case 3 -> opencv_core.rotate(src, dst, opencv_core.ROTATE_90_CLOCKWISE);
          default -> src.copyTo(dst);
        }
        return;
      }
      int w = src.cols();
      int h = src.rows();
      // getRotationMatrix2D((w/2, h/2), angle, 1): a = cos θ, b = sin θ,
      // M = [[a, b, (1 - a)·cx - b·cy], [-b, a, b·cx + (1 - a)·cy]]
      double theta = Math.toRadians(angle);
      double a = Math.cos(theta);
      double b = Math.sin(theta);
      double cx = w / 2.0;
      double cy = h / 2.0;
      Warp.affine(src, dst, new double[] {a, b, (1 - a) * cx - b * cy, -b, a, b * cx + (1 - a) * cy},
          interp, border);
    }
  }

  /** Validates the options; a {@code null} range is the default for {@code step90}. */
  public Rotate {
    if (deg == null) {
      deg = step90 ? new Range(0, 270) : new Range(-30, 30);
    }
    Check.range("rotate", "deg", deg, -3600, 3600);
    if (interp == Interp.AREA) {
      throw new AugregException("rotate: interp must be nearest, linear or cubic, got area");
    }
    if (step90 && Math.ceil(deg.lo() / 90) > Math.floor(deg.hi() / 90)) {
      throw new AugregException("rotate: step90 needs a multiple of 90 inside deg=" + deg);
    }
  }

  @Override
  public RotateParams sample(SplittableRandom rng, int width, int height, int channels) {
    if (step90) {
      // k uniform among the integers with 90k inside [lo, hi]
      int kLo = (int) Math.ceil(deg.lo() / 90);
      int kHi = (int) Math.floor(deg.hi() / 90);
      int k = kLo == kHi ? kLo : kLo + rng.nextInt(kHi - kLo + 1);
      return new RotateParams(90.0 * k, true, interp, border);
    }
    return new RotateParams(deg.sample(rng), false, interp, border);
  }
}
