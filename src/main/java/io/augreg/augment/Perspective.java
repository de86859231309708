package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A random perspective warp, torchvision's {@code RandomPerspective}: each corner moves inwards by
 * up to {@code distortion}·half the side ({@code get_params}), and the image is warped so the
 * corners land there (torchvision's {@code _get_perspective_coeffs}, applied with PIL's
 * pixel-centre convention).
 *
 * <p>Spec: {@code perspective distortion=0.5 interp=linear border=constant} (within 0..1).
 *
 * @param distortion the distortion-scale range
 * @param interp the interpolation (nearest, linear or cubic)
 * @param border how outside pixels are filled
 */
public record Perspective(
    @Opt("0.5") Range distortion, @Opt("linear") Interp interp, @Opt("constant") Border border)
    implements Step<Perspective.PerspectiveParams> {

  /**
   * Where the corners go (top-left, top-right, bottom-right, bottom-left), in pixels.
   *
   * @param tlx top-left x
   * @param tly top-left y
   * @param trx top-right x
   * @param trY top-right y
   * @param brx bottom-right x
   * @param bry bottom-right y
   * @param blx bottom-left x
   * @param bly bottom-left y
   * @param interp the interpolation
   * @param border the border mode
   */
  public record PerspectiveParams(
      int tlx, int tly, int trx, int trY, int brx, int bry, int blx, int bly,
      Interp interp, Border border)
      implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      int w = src.cols();
      int h = src.rows();
      int[] end = {tlx, tly, trx, trY, brx, bry, blx, bly};
      int[] start = {0, 0, w - 1, 0, w - 1, h - 1, 0, h - 1};
      Warp.pilInverse(src, dst, coefficients(end, start), interp, border, w, h);
    }
  }

  /**
   * The 8 coefficients mapping {@code from} points to {@code to} points: {@code x' = (a x + b y +
   * c) / (g x + h y + 1)}, {@code y' = (d x + e y + f) / (g x + h y + 1)}, solved exactly from the
   * 4 point pairs (Gaussian elimination with partial pivoting).
   */
  static double[] coefficients(int[] from, int[] to) {
    double[][] a = new double[8][9];
    for (int i = 0; i < 4; i++) {
      double x = from[2 * i];
      double y = from[2 * i + 1];
      double u = to[2 * i];
      double v = to[2 * i + 1];
      a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    for (int col = 0; col < 8; col++) {
      int piv = col;
      for (int r = col + 1; r < 8; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      for (int r = 0; r < 8; r++) {
        if (r != col && a[col][col] != 0) {
          double f = a[r][col] / a[col][col];
          for (int k = col; k < 9; k++) {
            a[r][k] -= f * a[col][k];
          }
        }
      }
    }
    double[] c = new double[8];
    for (int i = 0; i < 8; i++) {
      c[i] = a[i][i] == 0 ? 0 : a[i][8] / a[i][i];
    }
    return c;
  }

  /** Validates the options. */
  public Perspective {
    Check.range("perspective", "distortion", distortion, 0, 1);
    if (interp == Interp.AREA) {
      throw Check.bad("perspective", "interp", "area", "one of nearest, linear, cubic");
    }
  }

  @Override
  public PerspectiveParams sample(SplittableRandom rng, int width, int height, int channels) {
    // bound = int(d · half) + 1; each corner coordinate uniform within bound of its side
    double d = distortion.sample(rng);
    int bw = (int) (d * (width / 2)) + 1;
    int bh = (int) (d * (height / 2)) + 1;
    int tlx = rng.nextInt(bw);
    int tly = rng.nextInt(bh);
    int trx = width - bw + rng.nextInt(bw);
    int trY = rng.nextInt(bh);
    int brx = width - bw + rng.nextInt(bw);
    int bry = height - bh + rng.nextInt(bh);
    int blx = rng.nextInt(bw);
    int bly = height - bh + rng.nextInt(bh);
    return new PerspectiveParams(tlx, tly, trx, trY, brx, bry, blx, bly, interp, border);
  }
}
