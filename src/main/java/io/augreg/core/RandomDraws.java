package io.augreg.core;

import java.util.SplittableRandom;

/** Draws from distributions that {@link SplittableRandom} does not offer, shared by every user. */
public final class RandomDraws {
  private RandomDraws() {}

  /**
   * A Gamma(a, 1) draw: Marsaglia and Tsang's method for a ≥ 1 (d = a − 1/3, c = 1/√(9d), accept
   * d·v with v = (1 + c·x)³ when log u &lt; x²/2 + d − d·v + d·log v); for a &lt; 1, Gamma(a + 1)·u^(1/a).
   *
   * @param a the shape, &gt; 0
   * @param rng the generator (advanced by the draw)
   * @return the draw, &gt;= 0
   */
  public static double gamma(double a, SplittableRandom rng) {
    if (a < 1) {
      return gamma(a + 1, rng) * Math.pow(rng.nextDouble(), 1 / a);
    }
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
