package io.augreg.train;

/**
 * Fresh inverted-dropout masks, fast: a xoroshiro128++ stream (seeded from a {@link
 * io.augreg.core.Seeds}-derived value through SplitMix64) yields four 16-bit uniforms per step,
 * and each becomes a keep flag without a branch (so keep probabilities are honoured to 2^-16). One instance is reused for a whole run; {@link
 * #reseed} sets the stream for one (epoch, batch).
 */
final class FreshMasks {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long s0;
  private long s1;

  /** Starts the stream for one mask set. */
  void reseed(long seed) {
    s0 = mix64(seed + GOLDEN);
    s1 = mix64(seed + 2 * GOLDEN);
    if ((s0 | s1) == 0) {
      s1 = GOLDEN;
    }
  }

  /**
   * The integer threshold for a keep probability: a 16-bit uniform u keeps a unit iff u &lt; T, so
   * P(keep) = T / 2^16, within 2^-16 of keep_prob (exactly 1 for keep_prob = 1).
   */
  static long threshold(double keepProb) {
    return (long) Math.ceil(keepProb * 65536.0);
  }

  /** Fills row[0..m) with {@code scale} (keep, probability T/2^16) or 0 (drop). */
  void fill(double[] row, int m, long threshold, double scale) {
    long a = s0;
    long b = s1;
    long bits = Double.doubleToRawLongBits(scale);
    for (int j = 0; j < m; j += 4) {
      // xoroshiro128++ step: 64 random bits, used as four 16-bit uniforms
      long r = Long.rotateLeft(a + b, 17) + a;
      b ^= a;
      a = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
      b = Long.rotateLeft(b, 28);
      // keep = (u < T): the sign of u - T, spread to all 64 bits, selects scale or +0.0
      if (j + 4 <= m) {
        row[j] = Double.longBitsToDouble(bits & (((r >>> 48) - threshold) >> 63));
        row[j + 1] = Double.longBitsToDouble(bits & ((((r >>> 32) & 0xFFFF) - threshold) >> 63));
        row[j + 2] = Double.longBitsToDouble(bits & ((((r >>> 16) & 0xFFFF) - threshold) >> 63));
        row[j + 3] = Double.longBitsToDouble(bits & (((r & 0xFFFF) - threshold) >> 63));
      } else {
        for (int t = 0; j + t < m; t++) {
          long u = (r >>> (48 - 16 * t)) & 0xFFFF;
          row[j + t] = Double.longBitsToDouble(bits & ((u - threshold) >> 63));
        }
      }
    }
    s0 = a;
    s1 = b;
  }

  /**
   * {@code Seeds.mix(seed, k..., epoch, batch)} given {@code base = Seeds.mix(seed, k...)}: the
   * same chained SplitMix64 mixing, with no varargs array (called once per batch).
   */
  static long extend(long base, long epoch, long batch) {
    long h = mix64(base + GOLDEN * (epoch + 1));
    return mix64(h + GOLDEN * (batch + 1));
  }

  /** SplitMix64's output function. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
