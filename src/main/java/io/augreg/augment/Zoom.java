package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.Map;
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
public record Zoom(Range factor, Interp interp, Border border) implements Transform<Zoom.ZoomParams> {

  /**
   * One scale factor.
   *
   * @param factor the scale s
   * @param interp the interpolation
   * @param border the border mode
   */
  public record ZoomParams(double factor, Interp interp, Border border) implements Params {
    /** Validates a positive factor. */
    public ZoomParams {
      if (!(factor > 0 && factor <= 10)) {
        throw new AugregException("zoom parameters: factor must be within (0, 10], got " + factor);
      }
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("factor", factor);
      m.put("interp", interp.specName());
      m.put("border", border.specName());
      return java.util.Collections.unmodifiableMap(m);
    }
  }

  /** Validates the options. */
  public Zoom {
    if (factor.lo() <= 0 || factor.hi() > 10) {
      throw new AugregException("zoom: factor must be within (0, 10], got " + factor);
    }
    if (interp == Interp.AREA) {
      throw new AugregException("zoom: interp must be nearest, linear or cubic, got area");
    }
  }

  static Zoom fromOptions(Options o) {
    Range f = o.range("factor", new Range(0.9, 1.1), Double.MIN_VALUE, 10);
    Interp interp = o.interp("interp", Interp.LINEAR, Interp.NEAREST, Interp.LINEAR, Interp.CUBIC);
    Border border = o.border("border", Border.REFLECT);
    o.finish();
    return new Zoom(f, interp, border);
  }

  @Override
  public String name() {
    return "zoom";
  }

  @Override
  public ZoomParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new ZoomParams(factor.sample(rng), interp, border);
  }

  @Override
  public void apply(Mat src, Mat dst, ZoomParams p) {
    // scale s about (cx, cy) = (w/2, h/2): M = [[s, 0, (1 − s)·cx], [0, s, (1 − s)·cy]]
    double s = p.factor();
    int w = src.cols();
    int h = src.rows();
    Warp.affine(src, dst, new double[] {s, 0, (1 - s) * w / 2.0, 0, s, (1 - s) * h / 2.0},
        p.interp(), p.border());
  }

  @Override
  public ZoomParams paramsFromMap(Map<String, Object> map) {
    return new ZoomParams(
        ParamMaps.num(map, "zoom", "factor"),
        ParamMaps.interp(map, "zoom"),
        ParamMaps.border(map, "zoom"));
  }

  @Override
  public String toSpec() {
    return "zoom factor="
        + factor.toSpec()
        + " interp="
        + interp.specName()
        + " border="
        + border.specName();
  }

  @Override
  public Class<ZoomParams> paramsType() {
    return ZoomParams.class;
  }
}
