package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Resizes to a fixed size (no randomness).
 *
 * <p>Spec: {@code resize size=WxH interp=area} ({@code size} is required).
 *
 * @param width output width
 * @param height output height
 * @param interp the interpolation
 */
public record Resize(int width, int height, Interp interp) implements Transform<Resize.ResizeParams> {

  /**
   * The output size and interpolation.
   *
   * @param width output width
   * @param height output height
   * @param interp the interpolation
   */
  public record ResizeParams(int width, int height, Interp interp) implements Params {
    /** Validates a positive size. */
    public ResizeParams {
      if (width < 1 || height < 1) {
        throw new AugregException("resize parameters: size must be positive, got " + width + "x" + height);
      }
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("width", width);
      m.put("height", height);
      m.put("interp", interp.specName());
      return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public int outputWidth(int w, int h) {
      return width;
    }

    @Override
    public int outputHeight(int w, int h) {
      return height;
    }
  }

  /** Validates a positive size. */
  public Resize {
    if (width < 1 || height < 1) {
      throw new AugregException("resize: size must be positive, got " + width + "x" + height);
    }
  }

  static Resize fromOptions(Options o) {
    int[] size = o.size("size");
    Interp interp = o.interp("interp", Interp.AREA, Interp.values());
    o.finish();
    if (size == null) {
      throw new AugregException("resize: missing key 'size' (expected size=WIDTHxHEIGHT, e.g. size=224x224)");
    }
    return new Resize(size[0], size[1], interp);
  }

  @Override
  public String name() {
    return "resize";
  }

  @Override
  public ResizeParams sample(SplittableRandom rng, int w, int h, int channels) {
    return new ResizeParams(width, height, interp);
  }

  @Override
  public void apply(Mat src, Mat dst, ResizeParams p) {
    Scratch s = Scratch.get();
    opencv_imgproc.resize(src, dst, s.size(p.width(), p.height()), 0, 0, p.interp().cvFlag());
  }

  @Override
  public ResizeParams paramsFromMap(Map<String, Object> map) {
    return new ResizeParams(
        ParamMaps.integer(map, "resize", "width"),
        ParamMaps.integer(map, "resize", "height"),
        ParamMaps.interp(map, "resize"));
  }

  @Override
  public String toSpec() {
    return "resize size=" + width + "x" + height + " interp=" + interp.specName();
  }

  @Override
  public Class<ResizeParams> paramsType() {
    return ResizeParams.class;
  }
}
