package io.augreg.augment;

import io.augreg.augment.kernel.Boxes;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random erasing (torchvision's {@code RandomErasing}): a box whose area is a fraction {@code scale}
 * of the image and whose aspect ratio h/w is drawn log-uniformly from {@code ratio}, placed
 * uniformly, is filled with 0 ({@code value=0}), independent random values ({@code random}) or one
 * random value per channel ({@code channel}); after 10 draws that do not fit, nothing is erased.
 * Alpha kept.
 *
 * <p>Spec: {@code erase scale=0.02..0.33 ratio=0.3..3.3 value=0}.
 *
 * @param scale area fraction range, within (0, 1]
 * @param ratio aspect-ratio range, positive
 * @param value how the box is filled
 */
public record Erase(
    @Opt("0.02..0.33") Range scale, @Opt("0.3..3.3") Range ratio, @Opt("0") Value value)
    implements Step<Erase.EraseParams> {

  /** How an erased box is filled. */
  public enum Value implements SpecName {
    /** Black. */
    ZERO("0", Boxes.Fill.CONSTANT),
    /** Independent uniform values. */
    RANDOM("random", Boxes.Fill.RANDOM),
    /** One uniform value per channel. */
    CHANNEL("channel", Boxes.Fill.CHANNEL);

    private final String specName;
    final Boxes.Fill fill;

    Value(String specName, Boxes.Fill fill) {
      this.specName = specName;
      this.fill = fill;
    }

    @Override
    public String specName() {
      return specName;
    }
  }

  /**
   * One box ({@code w = h = 0}: nothing erased).
   *
   * @param x left column
   * @param y top row
   * @param w width
   * @param h height
   * @param value the fill
   * @param seed seed of random fill values
   */
  public record EraseParams(int x, int y, int w, int h, Value value, long seed)
      implements StepParams {
    @Override
    public void apply(Mat src, Mat dst) {
      if (value != Value.RANDOM) {
        // the values Boxes.fill would draw: one per colour channel (channel), or 0
        SplittableRandom rng = new SplittableRandom(seed);
        int colours = src.channels() == 1 ? 1 : 3;
        double[] v = new double[3];
        for (int c = 0; c < colours; c++) {
          v[c] = value == Value.CHANNEL ? rng.nextInt(256) : 0;
        }
        if (colours == 1) {
          v[1] = v[2] = v[0];
        }
        Geometry.fillBox(src, dst, x, y, w, h, v);
        return;
      }
      LutKernel.run2(src, dst, (in, out, iw, ih, ch, s) -> {
        System.arraycopy(in, 0, out, 0, iw * ih * ch);
        Boxes.fill(out, iw, ih, ch, x, y, w, h, value.fill, 0, new SplittableRandom(seed));
      });
    }
  }

  /** Validates the options. */
  public Erase {
    Check.rangeAbove("erase", "scale", scale, 0, 1);
    Check.rangeAbove("erase", "ratio", ratio, 0, 1e6);
  }

  @Override
  public EraseParams sample(SplittableRandom rng, int width, int height, int channels) {
    double area = (double) width * height;
    double logLo = Math.log(ratio.lo());
    double logHi = Math.log(ratio.hi());
    for (int attempt = 0; attempt < 10; attempt++) {
      // area·U(scale), aspect r = exp(U(log lo, log hi)); h = round(√(A·r)), w = round(√(A/r))
      double target = area * scale.sample(rng);
      double r = Math.exp(logLo + (logHi - logLo) * rng.nextDouble());
      int h = (int) Math.rint(Math.sqrt(target * r));
      int w = (int) Math.rint(Math.sqrt(target / r));
      if (h < height && w < width) {
        int y = rng.nextInt(height - h + 1);
        int x = rng.nextInt(width - w + 1);
        return new EraseParams(x, y, w, h, value, rng.nextLong());
      }
    }
    return new EraseParams(0, 0, 0, 0, value, 0);
  }
}
