package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * torchvision's {@code ColorJitter} on a PIL image: brightness, contrast, saturation and hue
 * factors drawn from their ranges and applied in a random order per image, each exactly as PIL
 * ({@code ImageEnhance.Brightness}, {@code ImageEnhance.Contrast}, {@code ImageEnhance.Color},
 * torchvision's HSV hue shift). A range fixed at its identity (1, or 0 for hue) turns that part off,
 * as torchvision's {@code None}. Alpha kept.
 *
 * <p>Spec: {@code colorjitter brightness=0.6..1.4 contrast=0.6..1.4 saturation=0.6..1.4
 * hue=-0.1..0.1}.
 *
 * @param brightness brightness factor range, within 0..10
 * @param contrast contrast factor range, within 0..10
 * @param saturation saturation factor range, within 0..10
 * @param hue hue shift range in turns, within -0.5..0.5
 */
public record ColorJitter(
    @Opt("0.6..1.4") Range brightness,
    @Opt("0.6..1.4") Range contrast,
    @Opt("0.6..1.4") Range saturation,
    @Opt("-0.1..0.1") Range hue)
    implements Step<ColorJitter.ColorJitterParams> {

  /**
   * One jitter.
   *
   * @param order the parts applied, in order: 0 brightness, 1 contrast, 2 saturation, 3 hue (e.g.
   *     {@code "3102"})
   * @param brightness brightness factor
   * @param contrast contrast factor
   * @param saturation saturation factor
   * @param hue hue shift in turns
   */
  public record ColorJitterParams(
      String order, double brightness, double contrast, double saturation, double hue)
      implements StepParams {
    /** Validates the order. */
    public ColorJitterParams {
      if (order == null || order.length() > 4 || order.chars().distinct().count() != order.length()
          || !order.chars().allMatch(c -> c >= '0' && c <= '3')) {
        throw new AugregException(
            "colorjitter parameters: order must be distinct digits 0..3, got " + order);
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      LutKernel.run(src, dst, (b, n, ch, s) -> {
        for (int k = 0; k < order.length(); k++) {
          switch (order.charAt(k)) {
            case '0' -> {
              // PIL blend from black: lut[v] = trunc(f·v) into 0..255
              LutKernel.pilBlend((float) brightness, 0, s.lut);
              LutKernel.map(b, b, n, ch, s.lut);
            }
            case '1' -> {
              Contrast.table(contrast, Contrast.Mean.PIL, b, n, ch, s.lut);
              LutKernel.map(b, b, n, ch, s.lut);
            }
            case '2' -> Colour.saturation(b, n, ch, (float) saturation);
            default -> Colour.hue(b, n, ch, (int) (hue * 255));
          }
        }
      });
    }
  }

  /** Validates the ranges. */
  public ColorJitter {
    Check.range("colorjitter", "brightness", brightness, 0, 10);
    Check.range("colorjitter", "contrast", contrast, 0, 10);
    Check.range("colorjitter", "saturation", saturation, 0, 10);
    Check.range("colorjitter", "hue", hue, -0.5, 0.5);
  }

  private static boolean off(Range r, double identity) {
    return r.isFixed() && r.lo() == identity;
  }

  @Override
  public ColorJitterParams sample(SplittableRandom rng, int width, int height, int channels) {
    StringBuilder active = new StringBuilder();
    Range[] ranges = {brightness, contrast, saturation, hue};
    for (int i = 0; i < 4; i++) {
      if (!off(ranges[i], i == 3 ? 0 : 1)) {
        active.append((char) ('0' + i));
      }
    }
    // Fisher–Yates over the active parts, then the four factors
    char[] o = active.toString().toCharArray();
    for (int i = o.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      char t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    return new ColorJitterParams(new String(o), brightness.sample(rng), contrast.sample(rng),
        saturation.sample(rng), hue.sample(rng));
  }
}
