package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.Map;
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
public record Translate(Range x, Range y, Border border)
    implements Transform<Translate.TranslateParams> {

  /**
   * One shift in pixels.
   *
   * @param dx pixels to the right
   * @param dy pixels down
   * @param border the border mode
   */
  public record TranslateParams(int dx, int dy, Border border) implements Params {
    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dx", dx);
      m.put("dy", dy);
      m.put("border", border.specName());
      return java.util.Collections.unmodifiableMap(m);
    }
  }

  /** Validates the ranges. */
  public Translate {
    if (x.lo() < -1 || x.hi() > 1 || y.lo() < -1 || y.hi() > 1) {
      throw new AugregException("translate: x and y must be within -1..1, got x=" + x + " y=" + y);
    }
  }

  static Translate fromOptions(Options o) {
    Range x = o.range("x", new Range(-0.1, 0.1), -1, 1);
    Range y = o.range("y", new Range(-0.1, 0.1), -1, 1);
    Border border = o.border("border", Border.REFLECT);
    o.finish();
    return new Translate(x, y, border);
  }

  @Override
  public String name() {
    return "translate";
  }

  @Override
  public TranslateParams sample(SplittableRandom rng, int width, int height, int channels) {
    int dx = (int) Math.rint(x.sample(rng) * width);
    int dy = (int) Math.rint(y.sample(rng) * height);
    return new TranslateParams(dx, dy, border);
  }

  @Override
  public void apply(Mat src, Mat dst, TranslateParams p) {
    // dst(x, y) = src(x − dx, y − dy): M = [[1, 0, dx], [0, 1, dy]]
    Scratch s = Scratch.get();
    Mat m = s.affine(1, 0, p.dx(), 0, 1, p.dy());
    opencv_imgproc.warpAffine(
        src, dst, m, s.size(src.cols(), src.rows()), opencv_imgproc.INTER_NEAREST,
        p.border().cvFlag(), s.zero);
  }

  @Override
  public TranslateParams paramsFromMap(Map<String, Object> map) {
    return new TranslateParams(
        ParamMaps.integer(map, "translate", "dx"),
        ParamMaps.integer(map, "translate", "dy"),
        ParamMaps.border(map, "translate"));
  }

  @Override
  public String toSpec() {
    return "translate x=" + x.toSpec() + " y=" + y.toSpec() + " border=" + border.specName();
  }

  @Override
  public Class<TranslateParams> paramsType() {
    return TranslateParams.class;
  }
}
