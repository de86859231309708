package io.augreg.augment;

import java.util.List;

/**
 * The point steps at the end of a sampled pipeline ({@code contrast} then {@code noise}, either
 * optional) applied in one Java pass over packed 8-bit pixels: {@code out = saturate(lut[v] +
 * noise)}. The bytes are exactly those of {@link Contrast#apply} followed by {@link Noise#apply},
 * without their Mat round trips and with one pass instead of three. For batch builders that
 * already hold the pixels in a Java array.
 *
 * <p>Covered: 1- and 3-channel images, at most one contrast followed by at most one per-channel
 * noise (skipped steps are ignored). Contrast on these images is OpenCV's {@code convertTo} in
 * single precision, which may or may not fuse the multiply-add; the lookup table is built both ways
 * and used only when the two agree for all 256 values (otherwise {@link #apply} declines and the
 * caller runs the transforms). A contrast around the luma ({@code mean=gray} or {@code mean=pil})
 * uses {@link Contrast}'s own table.
 */
public final class PointTail {
  private PointTail() {}

  /**
   * Whether {@link #apply} handles these steps on an image with {@code channels} channels (it may
   * still decline a particular contrast factor).
   *
   * @param steps sampled steps (applied or not)
   * @param channels channels of the image
   * @return true when the applied steps are at most one contrast followed by at most one noise
   *     with independent channels, on a 1- or 3-channel image
   */
  public static boolean covers(List<AppliedStep> steps, int channels) {
    if (channels != 1 && channels != 3) {
      return false;
    }
    int stage = 0; // 0: nothing yet, 1: after contrast, 2: after noise
    for (AppliedStep s : steps) {
      if (!s.applied()) {
        continue;
      }
      if (s.params() instanceof Contrast.ContrastParams && stage == 0) {
        stage = 1;
      } else if (s.params() instanceof Noise.NoiseParams np && np.perChannel() && stage < 2) {
        stage = 2;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies the steps in place.
   *
   * @param steps steps accepted by {@link #covers}
   * @param px packed pixels, modified
   * @param n number of bytes (at least 64)
   * @param channels 1 or 3
   * @return false (and {@code px} untouched) when the contrast table is not certain to match
   *     OpenCV's, or the image is below 64 bytes; then the caller applies the transforms
   */
  public static boolean apply(List<AppliedStep> steps, byte[] px, int n, int channels) {
    if (n < 64 || !covers(steps, channels)) {
      return false;
    }
    Contrast.ContrastParams contrast = null;
    Noise.NoiseParams noise = null;
    for (AppliedStep s : steps) {
      if (s.applied() && s.params() instanceof Contrast.ContrastParams c) {
        contrast = c;
      } else if (s.applied() && s.params() instanceof Noise.NoiseParams np) {
        noise = np;
      }
    }
    if (contrast == null && noise == null) {
      return true;
    }
    Scratch s = Scratch.get();
    byte[] lut = null;
    if (contrast != null) {
      lut = s.lut;
      if (contrast.mean() != Contrast.Mean.ALL) {
        // Contrast's own table (around the luma in double precision, or PIL's)
        Contrast.table(contrast.factor(), contrast.mean(), px, n, channels, lut);
      } else {
        // mean = Σ values / count (the L1 norm Contrast takes, exact in a long)
        double mean = (double) LutKernel.colourSum(px, n, channels) / n;
        if (!singlePrecisionTable(contrast.factor(), (1 - contrast.factor()) * mean, lut)) {
          return false;
        }
      }
    }
    if (noise == null) {
      LutKernel.map(px, px, n, channels, lut);
      return true;
    }
    NoiseKernel.prepare(noise.sigma(), s.noise);
    if (lut == null) {
      NoiseKernel.apply(px, n, channels, true, noise.seed(), s.noise);
    } else {
      NoiseKernel.applyAfterTable(px, n, noise.seed(), s.noise, lut);
    }
    return true;
  }

  /**
   * {@code lut[v] = saturate(round_half_even((float) a · v + (float) b))}, computed with and without
   * a fused multiply-add; true when both agree everywhere (then it is what OpenCV's {@code
   * convertTo} gives, whichever it uses).
   */
  static boolean singlePrecisionTable(double a, double b, byte[] lut) {
    float fa = (float) a;
    float fb = (float) b;
    for (int v = 0; v < 256; v++) {
      float fused = Math.fma((float) v, fa, fb);
      float split = (float) v * fa + fb;
      double r = Math.rint(fused);
      if (r != Math.rint(split)) {
        return false;
      }
      lut[v] = (byte) (r < 0 ? 0 : (r > 255 ? 255 : (int) r));
    }
    return true;
  }
}
