package io.augreg.train;

/**
 * Fresh inverted-dropout masks, fast: a xoroshiro128++ stream (seeded from a {@link
 * io.augreg.core.Seeds}-derived value through SplitMix64) yields two 32-bit uniforms per step, and
 * each becomes a 0/1 keep flag without a branch. One instance is reused for a whole run; {@link
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
   * The integer threshold for a keep probability: a 32-bit uniform u keeps a unit iff u &lt; T, so
   * P(keep) = T / 2^32 = keep_prob (to 2^-32).
   */
  static long threshold(double keepProb) {
    return (long) Math.ceil(keepProb * 4294967296.0);
  }

  /** Fills row[0..m) with {@code scale} (keep, probability T/2^32) or 0 (drop). */
  void fill(double[] row, int m, long threshold, double scale) {
    long a = s0;
    long b = s1;
    int j = 0;
    for (; j < m; j += 2) {
      // xoroshiro128++ step
      long r = Long.rotateLeft(a + b, 17) + a;
      b ^= a;
      a = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
      b = Long.rotateLeft(b, 28);
      // keep = (u < T) as the sign bit of u - T, for the high and the low 32 bits
      row[j] = scale * (((r >>> 32) - threshold) >>> 63);
      if (j + 1 < m) {
        row[j + 1] = scale * (((r & 0xFFFFFFFFL) - threshold) >>> 63);
      }
    }
    s0 = a;
    s1 = b;
  }

  /** SplitMix64's output function. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
