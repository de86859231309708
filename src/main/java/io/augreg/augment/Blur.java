package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Gaussian blur (torchvision's {@code GaussianBlur}): an odd kernel size drawn uniformly among the
 * odd integers in {@code kernel}, a standard deviation drawn from {@code sigma}; borders reflected
 * without repeating the edge, as torchvision. OpenCV's {@code GaussianBlur} (8-bit fixed point).
 *
 * <p>Spec: {@code blur kernel=3..7 sigma=0.1..2} (kernel odd, 1..99; sigma 0.01..50).
 *
 * @param kernel kernel-size range (its odd integers are drawn)
 * @param sigma standard-deviation range in pixels
 */
public record Blur(@Opt("3..7") Range kernel, @Opt("0.1..2") Range sigma)
    implements Step<Blur.BlurParams> {
  /**
   * One blur.
   *
   * @param kernel odd kernel size
   * @param sigma standard deviation in pixels
   */
  public record BlurParams(int kernel, double sigma) implements StepParams {
    /** Validates an odd kernel. */
    public BlurParams {
      if (kernel < 1 || kernel > 99 || kernel % 2 == 0) {
        throw new AugregException("blur parameters: kernel must be odd in 1..99, got " + kernel);
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      opencv_imgproc.GaussianBlur(src, dst, Scratch.get().size(kernel, kernel), sigma, sigma,
          opencv_core.BORDER_REFLECT_101, 0);
    }
  }

  /** Validates the options. */
  public Blur {
    Check.intRange("blur", "kernel", kernel, 1, 99);
    if ((int) kernel.lo() % 2 == 0 && kernel.isFixed()
        || Math.floor((kernel.hi() - 1) / 2) < Math.ceil((kernel.lo() - 1) / 2)) {
      throw Check.bad("blur", "kernel", kernel, "an odd integer or a range holding one, 1..99");
    }
    Check.range("blur", "sigma", sigma, 0.01, 50);
  }

  @Override
  public BlurParams sample(SplittableRandom rng, int width, int height, int channels) {
    // k = 2j + 1, j uniform among the integers with k inside [lo, hi]
    int j = new Range(Math.ceil((kernel.lo() - 1) / 2), Math.floor((kernel.hi() - 1) / 2))
        .sampleInt(rng);
    return new BlurParams(2 * j + 1, sigma.sample(rng));
  }
}
