package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scales the deviation from the image mean by a factor drawn from {@code factor}: {@code out =
 * saturate(round(a·v + (1 − a)·mean))}, where mean is over all pixels and colour channels (alpha
 * excluded and copied). Negative results saturate to 0 (unlike OpenCV's {@code convertScaleAbs},
 * which would mirror them). 1- and 3-channel images go through OpenCV ({@code norm L1} as the sum,
 * {@code convertTo}, single-precision arithmetic); BGRA images through a 256-entry lookup table.
 *
 * <p>Spec: {@code contrast factor=0.8..1.2}.
 *
 * @param factor the gain range, within [0, 10]
 */
public record Contrast(Range factor) implements Transform<Contrast.ContrastParams> {

  /**
   * One contrast gain.
   *
   * @param factor the gain a
   */
  public record ContrastParams(double factor) implements Params {
    @Override
    public Map<String, Object> toMap() {
      return Map.of("factor", factor);
    }
  }

  /** Validates the range. */
  public Contrast {
    if (factor.lo() < 0 || factor.hi() > 10) {
      throw new AugregException("contrast: factor must be within 0..10, got " + factor);
    }
  }

  static Contrast fromOptions(Options o) {
    Range f = o.range("factor", new Range(0.8, 1.2), 0, 10);
    o.finish();
    return new Contrast(f);
  }

  @Override
  public String name() {
    return "contrast";
  }

  @Override
  public ContrastParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new ContrastParams(factor.sample(rng));
  }

  @Override
  public void apply(Mat src, Mat dst, ContrastParams p) {
    double a = p.factor();
    if (src.channels() != 4) {
      // mean = Σ values / count; out = saturate(round(a·v + (1 − a)·mean))
      // the L1 norm of a non-negative image is the sum of its values (no native allocation)
      double sum = opencv_core.norm(src, opencv_core.NORM_L1, Scratch.get().noMask);
      double mean = sum / ((double) src.rows() * src.cols() * src.channels());
      src.convertTo(dst, -1, a, (1 - a) * mean);
      return;
    }
    LutKernel.run(
        src,
        dst,
        (b, n, channels, s) -> {
          // mean = Σ colour values / count; lut[v] = saturate(round(a·v + (1 − a)·mean))
          long count = channels == 4 ? n / 4 * 3L : n;
          double mean = (double) LutKernel.colourSum(b, n, channels) / count;
          byte[] lut = s.lut;
          LutKernel.linear(a, (1 - a) * mean, lut);
          LutKernel.map(b, b, n, channels, lut);
        });
  }

  @Override
  public ContrastParams paramsFromMap(Map<String, Object> map) {
    return new ContrastParams(ParamMaps.num(map, "contrast", "factor"));
  }

  @Override
  public String toSpec() {
    return "contrast factor=" + factor.toSpec();
  }

  @Override
  public Class<ContrastParams> paramsType() {
    return ContrastParams.class;
  }
}
