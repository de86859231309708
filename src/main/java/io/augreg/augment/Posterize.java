package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Keeps the {@code bits} high bits of every colour value, {@code out = v & ~(2^(8−bits) − 1)}
 * (PIL's {@code ImageOps.posterize}, torchvision's {@code RandomPosterize}); alpha kept.
 *
 * <p>Spec: {@code posterize bits=4} (an integer or a range of integers in 0..8).
 *
 * @param bits the bit-count range
 */
public record Posterize(@Opt("4") Range bits) implements Step<Posterize.PosterizeParams> {
  /**
   * One bit count.
   *
   * @param bits high bits kept, 0..8
   */
  public record PosterizeParams(int bits) implements StepParams {
    /** Validates 0..8. */
    public PosterizeParams {
      Check.integer("posterize parameters", "bits", bits, 0, 8);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      // v & mask with one SIMD bitwise_and (alpha kept)
      PointOps.and(src, dst, ~((1 << (8 - bits)) - 1));
    }
  }

  /** Validates the range. */
  public Posterize {
    Check.intRange("posterize", "bits", bits, 0, 8);
  }

  @Override
  public PosterizeParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new PosterizeParams(bits.sampleInt(rng));
  }
}
