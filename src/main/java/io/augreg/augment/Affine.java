package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Rotation, translation, scale and shear in one warp, as torchvision's {@code RandomAffine} on a
 * PIL image: the angle, scale and shears drawn uniformly, the shift {@code round(u·W)}, {@code
 * round(v·H)} with u from {@code tx} and v from {@code ty}; the inverse matrix is torchvision's
 * ({@code _get_inverse_affine_matrix} about the image centre) applied with PIL's pixel-centre
 * convention.
 *
 * <p>Spec: {@code affine deg=-15..15 tx=0 ty=0 scale=1 shear_x=0 shear_y=0 interp=linear
 * border=constant}.
 *
 * @param deg rotation range in degrees, within -360..360
 * @param tx horizontal shift range as a fraction of the width, within -1..1
 * @param ty vertical shift range as a fraction of the height, within -1..1
 * @param scale scale range, within (0, 10]
 * @param shearX horizontal shear range in degrees, within -80..80
 * @param shearY vertical shear range in degrees, within -80..80
 * @param interp the interpolation (nearest, linear or cubic)
 * @param border how outside pixels are filled
 */
public record Affine(
    @Opt("-15..15") Range deg,
    @Opt("0") Range tx,
    @Opt("0") Range ty,
    @Opt("1") Range scale,
    @Opt("0") Range shearX,
    @Opt("0") Range shearY,
    @Opt("linear") Interp interp,
    @Opt("constant") Border border)
    implements Step<Affine.AffineParams> {

  /**
   * One affine warp, in torchvision's terms.
   *
   * @param angle rotation in degrees
   * @param dx shift in pixels to the right
   * @param dy shift in pixels down
   * @param scale scale factor
   * @param shearX horizontal shear in degrees
   * @param shearY vertical shear in degrees
   * @param corner about the top-left corner (torchvision's {@code center=[0, 0]}, used by the
   *     policies' shears) instead of the image centre
   * @param interp the interpolation
   * @param border the border mode
   */
  public record AffineParams(
      double angle, int dx, int dy, double scale, double shearX, double shearY,
      @Opt(value = "false", terse = true) boolean corner, Interp interp, Border border)
      implements StepParams {
    /** Validates the scale. */
    public AffineParams {
      Check.numberAbove("affine parameters", "scale", scale, 0, 10);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      int w = src.cols();
      int h = src.rows();
      double cx = corner ? 0 : w * 0.5;
      double cy = corner ? 0 : h * 0.5;
      Warp.pilInverse(src, dst, inverse(cx, cy, angle, dx, dy, scale, shearX, shearY), interp,
          border, w, h);
    }
  }

  /**
   * torchvision's {@code _get_inverse_affine_matrix}: M⁻¹ = C·RSS⁻¹·C⁻¹·T⁻¹ with RSS = R(a)·S(s)·
   * SHy(sy)·SHx(sx), in PIL coordinates.
   */
  static double[] inverse(
      double cx, double cy, double angle, double tx, double ty, double scale, double shx,
      double shy) {
    double rot = Math.toRadians(angle);
    double sx = Math.toRadians(shx);
    double sy = Math.toRadians(shy);
    double a = Math.cos(rot - sy) / Math.cos(sy);
    double b = -Math.cos(rot - sy) * Math.tan(sx) / Math.cos(sy) - Math.sin(rot);
    double c = Math.sin(rot - sy) / Math.cos(sy);
    double d = -Math.sin(rot - sy) * Math.tan(sx) / Math.cos(sy) + Math.cos(rot);
    double[] m = {d / scale, -b / scale, 0, -c / scale, a / scale, 0};
    m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
    m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
    m[2] += cx;
    m[5] += cy;
    return m;
  }

  /** Validates the options. */
  public Affine {
    Check.range("affine", "deg", deg, -360, 360);
    Check.range("affine", "tx", tx, -1, 1);
    Check.range("affine", "ty", ty, -1, 1);
    Check.rangeAbove("affine", "scale", scale, 0, 10);
    Check.range("affine", "shear_x", shearX, -80, 80);
    Check.range("affine", "shear_y", shearY, -80, 80);
    if (interp == Interp.AREA) {
      throw Check.bad("affine", "interp", "area", "one of nearest, linear, cubic");
    }
  }

  @Override
  public AffineParams sample(SplittableRandom rng, int width, int height, int channels) {
    double angle = deg.sample(rng);
    int dx = (int) Math.rint(tx.sample(rng) * width);
    int dy = (int) Math.rint(ty.sample(rng) * height);
    double s = scale.sample(rng);
    double shx = shearX.sample(rng);
    double shy = shearY.sample(rng);
    return new AffineParams(angle, dx, dy, s, shx, shy, false, interp, border);
  }
}
