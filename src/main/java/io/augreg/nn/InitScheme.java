package io.augreg.nn;

import java.util.SplittableRandom;

/**
 * How the lesson-style initializers of {@code Network.initialize} ({@code lesson}, {@code he},
 * {@code xavier}) scale their standard normal draws (biases always start at zero).
 */
public enum InitScheme {
  /** The lesson's: {@code W ~ N(0, 1) / sqrt(fan_in)}. */
  LESSON,
  /** He et al. (for ReLU): {@code W ~ N(0, 1) · sqrt(2 / fan_in)}. */
  HE,
  /**
   * Glorot/Xavier, normal variant averaged over both fans: {@code W ~ N(0, 1) · sqrt(2 / (fan_in
   * + fan_out))}.
   */
  XAVIER;

  /**
   * The standard deviation of a weight of a layer with these fans.
   *
   * @param fanIn units feeding the layer, n_{l−1}
   * @param fanOut units of the layer, n_l
   * @return the factor multiplying a standard normal draw
   */
  public double scale(int fanIn, int fanOut) {
    return switch (this) {
      case LESSON -> 1.0 / Math.sqrt(fanIn);
      case HE -> Math.sqrt(2.0 / fanIn);
      case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
    };
  }

  /**
   * A standard normal from the polar method (no cache: one of the pair is dropped), the draw of
   * every scheme, so that a dense layer of either model starts from the same numbers.
   *
   * @param rng the generator
   * @return one N(0, 1) value
   */
  public static double standardNormal(SplittableRandom rng) {
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * rng.nextDouble() - 1.0;
      x2 = 2.0 * rng.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    return x2 * Math.sqrt(-2.0 * Math.log(r2) / r2);
  }
}
