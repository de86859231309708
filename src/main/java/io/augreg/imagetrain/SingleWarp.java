package io.augreg.imagetrain;

import io.augreg.augment.AppliedStep;
import io.augreg.augment.Border;
import io.augreg.augment.Crop;
import io.augreg.augment.HFlip;
import io.augreg.augment.Interp;
import io.augreg.augment.Rotate;
import io.augreg.augment.VFlip;
import java.util.List;

/**
 * The leading flips, rotation and crops of a sampled pipeline applied as one bilinear warp
 * (opt-in, {@code --single-warp}). Every step maps output pixels back to input pixels by an
 * affine map; their composition maps each final pixel straight to the source image, which is then
 * sampled once. The geometry is that of the steps (same flip, angle, centre, crop box, border),
 * but the image is resampled once instead of once per step, so the bytes differ slightly from
 * {@link io.augreg.augment.Pipeline#apply} (a little sharper). The warp itself is one OpenCV
 * {@code warpAffine} with the composed inverse map (measured: a Java bilinear warp, even with the
 * channels packed into one long, was slower than OpenCV's on 64×64 images).
 *
 * <p>Fused: {@code hflip}, {@code vflip}, {@code rotate} (not {@code step90}; linear
 * interpolation) and {@code crop} (linear interpolation), in any order except that a rotation
 * must come before every crop and there is at most one rotation: a rotation reads outside its
 * input, and only the source image's border equals what the unfused step would have read there
 * (flips commute with the border modes; a crop's or a rotation's output does not).
 */
final class SingleWarp {
  private SingleWarp() {}

  /** A composed warp: {@code source = inv · (x, y, 1)}, output size, border for outside taps. */
  static final class Plan {
    /** {a, b, c, d, e, f}: source x = a·x + b·y + c, source y = d·x + e·y + f. */
    final double[] inv = new double[6];

    int width;
    int height;
    Border border;
    int applied;
  }

  /**
   * Composes the leading fusable steps.
   *
   * @param steps the sampled steps
   * @param width source width
   * @param height source height
   * @param plan receives the composition
   * @return the number of leading steps covered (skipped steps included); {@code plan.applied}
   *     counts the applied ones
   */
  static int compose(List<AppliedStep> steps, int width, int height, Plan plan) {
    double[] m = plan.inv;
    m[0] = 1;
    m[1] = 0;
    m[2] = 0;
    m[3] = 0;
    m[4] = 1;
    m[5] = 0;
    plan.border = Border.REPLICATE; // without a rotation only edge taps fall outside (as resize)
    plan.applied = 0;
    int w = width;
    int h = height;
    boolean rotated = false;
    boolean cropped = false;
    int k = 0;
    for (; k < steps.size(); k++) {
      AppliedStep s = steps.get(k);
      if (!s.applied()) {
        continue;
      }
      if (s.params() instanceof HFlip.HFlipParams) {
        // input x = (w − 1) − output x
        then(m, -1, 0, w - 1, 0, 1, 0);
      } else if (s.params() instanceof VFlip.VFlipParams) {
        then(m, 1, 0, 0, 0, -1, h - 1);
      } else if (s.params() instanceof Rotate.RotateParams r
          && !r.step90()
          && r.interp() == Interp.LINEAR
          && !rotated
          && !cropped) {
        // forward (Rotate.apply): [[a, b, (1 − a)·cx − b·cy], [−b, a, b·cx + (1 − a)·cy]], det 1;
        // its inverse: [[a, −b, ·], [b, a, ·]] with the translation −R⁻¹·t
        double theta = Math.toRadians(r.angle());
        double a = Math.cos(theta);
        double b = Math.sin(theta);
        double cx = w / 2.0;
        double cy = h / 2.0;
        double tx = (1 - a) * cx - b * cy;
        double ty = b * cx + (1 - a) * cy;
        then(m, a, -b, -(a * tx - b * ty), b, a, -(b * tx + a * ty));
        plan.border = r.border();
        rotated = true;
      } else if (s.params() instanceof Crop.CropParams c
          && c.interp() == Interp.LINEAR
          && c.x() + c.w() <= w
          && c.y() + c.h() <= h) {
        // resize's pixel-centre convention: input x = x0 + (x + 0.5)·w/outW − 0.5
        double sx = (double) c.w() / c.outWidth();
        double sy = (double) c.h() / c.outHeight();
        then(m, sx, 0, c.x() + 0.5 * sx - 0.5, 0, sy, c.y() + 0.5 * sy - 0.5);
        w = c.outWidth();
        h = c.outHeight();
        cropped = true;
      } else {
        break;
      }
      plan.applied++;
    }
    plan.width = w;
    plan.height = h;
    return k;
  }

  /** m := m ∘ n (n is applied first), both as 2×3 affine maps. */
  private static void then(double[] m, double a, double b, double c, double d, double e, double f) {
    double m0 = m[0] * a + m[1] * d;
    double m1 = m[0] * b + m[1] * e;
    double m2 = m[0] * c + m[1] * f + m[2];
    double m3 = m[3] * a + m[4] * d;
    double m4 = m[3] * b + m[4] * e;
    double m5 = m[3] * c + m[4] * f + m[5];
    m[0] = m0;
    m[1] = m1;
    m[2] = m2;
    m[3] = m3;
    m[4] = m4;
    m[5] = m5;
  }
}
