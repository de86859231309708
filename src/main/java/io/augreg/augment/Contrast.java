package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scales the deviation from the image mean by a factor drawn from {@code factor}: {@code out =
 * saturate(round(a·v + (1 − a)·mean))}. With {@code mean=all} (the default) the mean is over
 * all pixels and colour channels; with {@code mean=gray} it is the mean luma (0.299 R + 0.587 G +
 * 0.114 B), the centre of torchvision's {@code ColorJitter(contrast)} and PIL's {@code
 * ImageEnhance.Contrast}. With {@code mean=pil} the result is PIL's {@code ImageEnhance.Contrast}
 * (what torchvision's {@code ColorJitter(contrast)} does to a PIL image) bit for bit: the centre
 * is PIL's integer luma {@code L = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16} averaged and rounded
 * to an integer M, and the result is PIL's blend, {@code out = saturate(trunc(M + a·(v − M)))}
 * in single precision: truncated, so on average half a gray level darker than rounding. Alpha is
 * excluded and copied. Negative results saturate to 0 (unlike OpenCV's {@code convertScaleAbs},
 * which would mirror them). With {@code mean=all}, 1- and 3-channel images go through OpenCV
 * ({@code norm L1} as the sum, {@code convertTo}, single-precision arithmetic); BGRA images and
 * the other centres through a 256-entry lookup table ({@link #table}).
 *
 * <p>Spec: {@code contrast factor=0.8..1.2 mean=all}.
 *
 * @param factor the gain range, within [0, 10]
 * @param mean what the gain scales around
 */
public record Contrast(@Opt("0.8..1.2") Range factor, @Opt(value = "all", terse = true) Mean mean)
    implements Step<Contrast.ContrastParams> {

  /** What a contrast gain scales around. */
  public enum Mean implements SpecName {
    /** The mean of all colour values. */
    ALL("all"),
    /** The mean luma (BT.601), as torchvision and PIL. */
    GRAY("gray"),
    /** PIL's integer mean luma and PIL's truncating blend: PIL's own bytes. */
    PIL("pil");

    private final String specName;

    Mean(String specName) {
      this.specName = specName;
    }

    /** The name used in specs and parameter maps. */
    @Override
    public String specName() {
      return specName;
    }
  }

  /**
   * One contrast gain.
   *
   * @param factor the gain a
   * @param mean what it scales around (left out of the map when {@code all}, so records of earlier
   *     versions read the same)
   */
  public record ContrastParams(double factor, @Opt(value = "all", terse = true) Mean mean)
      implements StepParams {
    /** Validates. */
    public ContrastParams {
      if (mean == null) {
        throw new AugregException("contrast parameters: mean must be all, gray or pil");
      }
    }

    /** A gain around the mean of all values. */
    public ContrastParams(double factor) {
      this(factor, Mean.ALL);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      double a = factor;
      Mean centre = mean;
      if (src.channels() != 4 && centre == Mean.ALL) {
        // mean = Σ values / count; out = saturate(round(a·v + (1 − a)·mean))
        // the L1 norm of a non-negative image is the sum of its values (no native allocation)
        double sum = opencv_core.norm(src, opencv_core.NORM_L1, Scratch.get().noMask);
        double m = sum / ((double) src.rows() * src.cols() * src.channels());
        src.convertTo(dst, -1, a, (1 - a) * m);
        return;
      }
      LutKernel.run(
          src,
          dst,
          (b, n, channels, s) -> {
            table(a, centre, b, n, channels, s.lut);
            LutKernel.map(b, b, n, channels, s.lut);
          });
    }
  }

  /** Validates the range. */
  public Contrast {
    Check.range("contrast", "factor", factor, 0, 10);
    if (mean == null) {
      throw new AugregException("contrast: mean must be all, gray or pil");
    }
  }

  /** A contrast around the mean of all values. */
  public Contrast(Range factor) {
    this(factor, Mean.ALL);
  }

  @Override
  public ContrastParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new ContrastParams(factor.sample(rng), mean);
  }

  /**
   * The lookup table of a contrast gain on these pixels, in double precision ({@code mean=all} on
   * BGRA images, {@code mean=gray}) or as PIL computes it ({@code mean=pil}).
   *
   * @param a the gain
   * @param centre what it scales around
   * @param b packed pixels (1, 3 or 4 channels, BGR(A) order)
   * @param n number of bytes
   * @param channels channels per pixel
   * @param lut receives 256 entries
   */
  static void table(double a, Mean centre, byte[] b, int n, int channels, byte[] lut) {
    if (centre == Mean.PIL) {
      // lut[v] = saturate(trunc((float) M + (float) a · (v − M))), M = PIL's rounded mean luma
      LutKernel.pilBlend((float) a, LutKernel.pilMeanLuma(b, n, channels), lut);
      return;
    }
    // lut[v] = saturate(round(a·v + (1 − a)·mean))
    double mean = LutKernel.mean(b, n, channels, centre == Mean.GRAY);
    LutKernel.linear(a, (1 - a) * mean, lut);
  }
}
