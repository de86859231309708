package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Shifts the image by whole pixels: {@code dx = round(u·width)} with u drawn from {@code x}, and
 * {@code dy = round(v·height)} with v drawn from {@code y} (positive: right and down); uncovered
 * pixels are filled by {@code border}. Keeps the size; no interpolation.
 *
 * <p>Spec: {@code translate x=-0.1..0.1 y=-0.1..0.1 border=reflect}.
 *
 * @param x horizontal shift range as a fraction of the width, within [-1, 1]
 * @param y vertical shift range as a fraction of the height, within [-1, 1]
 * @param border how uncovered pixels are filled
 */
public record Translate(
    @Opt("-0.1..0.1") Range x, @Opt("-0.1..0.1") Range y, @Opt("reflect") Border border)
    implements Step<Translate.TranslateParams> {

  /**
   * One shift in pixels.
   *
   * @param dx pixels to the right
   * @param dy pixels down
   * @param border the border mode
   */
  public record TranslateParams(int dx, int dy, Border border) implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      // dst(x, y) = src(x − dx, y − dy): M = [[1, 0, dx], [0, 1, dy]]
      Scratch s = Scratch.get();
      Mat m = s.affine(1, 0, dx, 0, 1, dy);
      opencv_imgproc.warpAffine(
          src, dst, m, s.size(src.cols(), src.rows()), opencv_imgproc.INTER_NEAREST,
          border.cvFlag(), s.zero);
    }
  }

  /** Validates the ranges. */
  public Translate {
    Check.range("translate", "x", x, -1, 1);
    Check.range("translate", "y", y, -1, 1);
  }

  @Override
  public TranslateParams sample(SplittableRandom rng, int width, int height, int channels) {
    int dx = (int) Math.rint(x.sample(rng) * width);
    int dy = (int) Math.rint(y.sample(rng) * height);
    return new TranslateParams(dx, dy, border);
  }
}
