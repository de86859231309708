package io.augreg.nn;

import io.augreg.core.AugregException;

/**
 * numpy's legacy random generator ({@code np.random.seed}, {@code rand}, {@code randn}),
 * reproduced bit for bit so that an initialization or the reference's dropout masks match numpy.
 *
 * <p>MT19937 seeded with {@code init_genrand(s)}; a double in [0, 1) is {@code ((a >>> 5) ·
 * 2^26 + (b >>> 6)) / 2^53} from two 32-bit outputs; a standard normal comes from the polar
 * method with one cached value. Not thread-safe: one instance per thread.
 */
public final class NumpyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int mti;
  private boolean hasGauss;
  private double gauss;

  /**
   * A generator in the state {@code np.random.seed(seed)} leaves.
   *
   * @param seed in [0, 2^32 − 1], as numpy requires
   */
  public NumpyRandom(long seed) {
    seed(seed);
  }

  /**
   * Re-seeds like {@code np.random.seed(seed)}; also clears the cached gaussian.
   *
   * @param seed in [0, 2^32 − 1]
   * @throws AugregException if the seed is outside numpy's range
   */
  public void seed(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new AugregException("numpy seed must be in [0, 4294967295], got " + seed);
    }
    // init_genrand: mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >>> 30)) + i (32-bit arithmetic)
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    mti = N;
    hasGauss = false;
    gauss = 0;
  }

  /** The next tempered 32-bit output of MT19937 (as an unsigned value in an int). */
  private int nextInt32() {
    if (mti >= N) {
      twist();
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    int kk = 0;
    int y;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    mti = 0;
  }

  /** One uniform double in [0, 1), like {@code np.random.rand()}. */
  public double rand() {
    // ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53, a and b unsigned 32-bit outputs
    long a = (nextInt32() & 0xFFFFFFFFL) >>> 5;
    long b = (nextInt32() & 0xFFFFFFFFL) >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** One standard normal, like {@code np.random.randn()} (polar method, one cached value). */
  public double randn() {
    if (hasGauss) {
      hasGauss = false;
      double g = gauss;
      gauss = 0;
      return g;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * rand() - 1.0;
      x2 = 2.0 * rand() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    // f = sqrt(-2 ln(r2) / r2); cache f*x1, return f*x2
    double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** Fills {@code dst} in order with {@link #rand()}, like {@code rand(r, c)} filled row-major. */
  public void rand(double[] dst) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] = rand();
    }
  }

  /** Fills {@code dst} in order with {@link #randn()}, like {@code randn(r, c)} row-major. */
  public void randn(double[] dst) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] = randn();
    }
  }
}
