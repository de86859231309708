package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scales about the image centre by a factor drawn from {@code factor} (&gt; 1 zooms in, &lt; 1
 * zooms out and fills the margin by {@code border}), keeping the size.
 *
 * <p>Spec: {@code zoom factor=0.9..1.1 interp=linear border=reflect}.
 *
 * @param factor the scale range, within (0, 10]
 * @param interp the interpolation (nearest, linear or cubic)
 * @param border how outside pixels are filled
 */
public record Zoom(
    @Opt("0.9..1.1") Range factor, @Opt("linear") Interp interp, @Opt("reflect") Border border)
    implements Step<Zoom.ZoomParams> {

  /**
   * One scale factor.
   *
   * @param factor the scale s
   * @param interp the interpolation
   * @param border the border mode
   */
  public record ZoomParams(double factor, Interp interp, Border border) implements StepParams {
    /** Validates a positive factor. */
    public ZoomParams {
      if (!(factor > 0 && factor <= 10)) {
        throw new AugregException("zoom parameters: factor must be within (0, 10], got " + factor);
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      // scale s about (cx, cy) = (w/2, h/2): M = [[s, 0, (1 − s)·cx], [0, s, (1 − s)·cy]]
      double s = factor;
      int w = src.cols();
      int h = src.rows();
      Warp.affine(src, dst, new double[] {s, 0, (1 - s) * w / 2.0, 0, s, (1 - s) * h / 2.0},
          interp, border);
    }
  }

  /** Validates the options. */
  public Zoom {
    Check.rangeAbove("zoom", "factor", factor, 0, 10);
    if (interp == Interp.AREA) {
      throw new AugregException("zoom: interp must be nearest, linear or cubic, got area");
    }
  }

  @Override
  public ZoomParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new ZoomParams(factor.sample(rng), interp, border);
  }
}
