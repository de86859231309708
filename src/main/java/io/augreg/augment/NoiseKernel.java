package io.augreg.augment;

/**
 * Additive Gaussian noise on packed 8-bit pixels: {@code out = saturate(in + round(σ·z))}.
 *
 * <p><b>Distribution.</b> z is the 65 536-level inverse-CDF discretization of N(0, 1): a uniform
 * 16-bit index i gives {@code z = Φ⁻¹((i + 0.5) / 65536)}. Its tails are truncated at ±4.33 (|z|
 * &gt; 4.33 has probability 1.5e-5 under the true normal), its mean is exactly 0 (the levels are
 * antisymmetric) and its standard deviation is 0.99999. After rounding σ·z to an integer, the
 * difference from exact Gaussian sampling is invisible at 8 bits for σ up to about 60.
 *
 * <p><b>Sampling.</b> Only the integer {@code n = round(σ·Q[i])} matters, so each σ gets a table
 * of the 65 536 integers (a step function of i, filled run by run from the ~9σ boundaries found by
 * binary search: about a 128 KB memset, cached per thread while σ stays the same). A 16-bit draw
 * indexes the table; draws come four per 64-bit SplitMix64 output (draw k is bits 16·(k mod 4)
 * of output ⌊k/4⌋ + 1 of the stream seeded by the parameters' seed).
 *
 * <p><b>Speed.</b> Every-byte noise runs in blocks of 4 096 bytes: the block's 1 024 outputs
 * first (each one mixes its own counter, so C2 vectorizes the loop), then the table lookups into
 * an int buffer, then a branch-free saturation that C2 vectorizes, then the store as bytes. One
 * byte at a time with {@code Math.min/max} cost 1.7–1.8 ns/byte; the blocks 1.1 (same bytes).
 */
final class NoiseKernel {
  /** Number of quantile levels (16-bit draws). */
  static final int LEVELS = 1 << 16;

  /** {@code Q[i] = Φ⁻¹((i + 0.5) / 65536)}, ascending and antisymmetric. */
  private static final float[] Q = new float[LEVELS];

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64 outputs per block of {@link #everyByte}; a block covers 4·BLOCK bytes. */
  static final int BLOCK = 1024;

  /** {@code COUNTER[k] = (k + 1)·γ}: a block's output k mixes its start state plus this. */
  private static final long[] COUNTER = new long[BLOCK];

  static {
    for (int k = 0; k < BLOCK; k++) {
      COUNTER[k] = (k + 1) * GOLDEN;
    }
    for (int i = 0; i < LEVELS / 2; i++) {
      float q = (float) inverseNormalCdf((i + 0.5) / LEVELS);
      Q[i] = q;
      Q[LEVELS - 1 - i] = -q;
    }
  }

  private NoiseKernel() {}

  /** The quantile of a 16-bit level (for tests). */
  static double quantile(int level) {
    return Q[level];
  }

  /** round(σ·Q[i]), the integer noise of level i (round half to even). */
  static int level(double sigma, int i) {
    return (int) Math.rint(sigma * Q[i]);
  }

  /** The table {@code round(σ·Q[i])} for one σ and the block buffers; reused per thread. */
  static final class Sampler {
    double sigma = Double.NaN;
    final short[] table = new short[LEVELS];
    /** One block's SplitMix64 outputs. */
    final long[] outputs = new long[BLOCK];
    /** One block's noisy values before saturation. */
    final int[] sums = new int[4 * BLOCK];

    /** Noise value for a 16-bit draw. */
    int draw(int v) {
      return table[v];
    }
  }

  /**
   * Prepares {@code s} for σ (no-op when it already is): {@code table[i] = round(σ·Q[i])}, the
   * same values {@link #level} computes, filled one run of equal values at a time.
   *
   * @param sigma standard deviation in gray levels, 0..255
   * @param s the sampler to fill
   */
  static void prepare(double sigma, Sampler s) {
    if (s.sigma == sigma) {
      return;
    }
    int lo = level(sigma, 0);
    int hi = level(sigma, LEVELS - 1);
    int start = 0;
    for (int k = lo; k <= hi; k++) {
      int end = firstAbove(sigma, k);
      java.util.Arrays.fill(s.table, start, end, (short) k);
      start = end;
    }
    s.sigma = sigma;
  }

  /** The first level i with round(σ·Q[i]) &gt; n (binary search; LEVELS if none). */
  private static int firstAbove(double sigma, int n) {
    int a = 0;
    int b = LEVELS;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (level(sigma, mid) > n) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  /** SplitMix64's output function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Saturate to [0, 255] with branch-free min/max (noise often crosses 0 on dark pixels). */
  private static int clamp(int v) {
    return Math.min(255, Math.max(0, v));
  }

  /**
   * Adds noise to packed pixels in place. The k-th draw of the stream is bits 16·(k mod 4) of
   * SplitMix64 output number ⌊k/4⌋ + 1 from {@code seed}.
   *
   * @param b packed pixels, modified
   * @param n number of bytes
   * @param channels channels per pixel (the 4th, alpha, is left unchanged)
   * @param perChannel independent noise per colour channel, or one draw per pixel shared by its
   *     colour channels
   * @param seed the noise stream's seed
   * @param s a sampler prepared for σ
   */
  static void apply(byte[] b, int n, int channels, boolean perChannel, long seed, Sampler s) {
    if (perChannel && channels != 4) {
      everyByte(b, n, seed, s, null);
    } else {
      general(b, n, channels, perChannel, seed, s);
    }
  }

  /**
   * Adds noise to every byte: {@code out = saturate(lut[in] + table[draw])} ({@code lut} null: the
   * identity), in blocks of {@code 4·BLOCK} bytes, each in four passes over per-thread buffers: the
   * block's SplitMix64 outputs (independent per counter, so C2 vectorizes the mixing), the lookups
   * (scalar), the saturation (branch-free, vectorized) and the store back as bytes. The draws are
   * the same as one draw after the other: a block starts at a byte offset that is a multiple of 4.
   */
  private static void everyByte(byte[] b, int n, long seed, Sampler s, byte[] lut) {
    long[] z = s.outputs;
    int[] x = s.sums;
    for (int start = 0; start < n; start += 4 * BLOCK) {
      int len = Math.min(4 * BLOCK, n - start);
      // output k of the block is SplitMix64 output number start/4 + k + 1 of the stream
      mixBlock(z, seed + (long) (start >> 2) * GOLDEN, (len + 3) >> 2);
      if (lut == null) {
        lookups(b, start, len, z, s.table, x);
      } else {
        lookupsAfterTable(b, start, len, z, s.table, lut, x);
      }
      // x = saturate(x) to 0..255 without branches: w = max(x, 0); w > 255 ? -1 : w (-1 stores 255)
      for (int j = 0; j < len; j++) {
        int v = x[j];
        int w = v & ~(v >> 31);
        x[j] = w | ((255 - w) >> 31);
      }
      for (int j = 0; j < len; j++) {
        b[start + j] = (byte) x[j];
      }
    }
  }

  /** {@code out[k] = mix(state + (k + 1)·γ)} for k &lt; count: SplitMix64 outputs of a block. */
  private static void mixBlock(long[] out, long state, int count) {
    long[] c = COUNTER;
    for (int k = 0; k < count; k++) {
      out[k] = mix(state + c[k]);
    }
  }

  /** {@code x[j] = b[start + j] + t[draw j]}, draw j = bits 16·(j mod 4) of {@code z[j / 4]}. */
  private static void lookups(byte[] b, int start, int len, long[] z, short[] t, int[] x) {
    int j = 0;
    for (; j + 4 <= len; j += 4) {
      long d = z[j >> 2];
      int i = start + j;
      x[j] = (b[i] & 0xFF) + t[(int) d & 0xFFFF];
      x[j + 1] = (b[i + 1] & 0xFF) + t[(int) (d >>> 16) & 0xFFFF];
      x[j + 2] = (b[i + 2] & 0xFF) + t[(int) (d >>> 32) & 0xFFFF];
      x[j + 3] = (b[i + 3] & 0xFF) + t[(int) (d >>> 48)];
    }
    for (long d = j < len ? z[j >> 2] : 0; j < len; j++, d >>>= 16) {
      x[j] = (b[start + j] & 0xFF) + t[(int) d & 0xFFFF];
    }
  }

  /** Like {@link #lookups} on table-mapped values: {@code x[j] = lut[b[start + j]] + t[draw j]}. */
  private static void lookupsAfterTable(
      byte[] b, int start, int len, long[] z, short[] t, byte[] lut, int[] x) {
    int j = 0;
    for (; j + 4 <= len; j += 4) {
      long d = z[j >> 2];
      int i = start + j;
      x[j] = (lut[b[i] & 0xFF] & 0xFF) + t[(int) d & 0xFFFF];
      x[j + 1] = (lut[b[i + 1] & 0xFF] & 0xFF) + t[(int) (d >>> 16) & 0xFFFF];
      x[j + 2] = (lut[b[i + 2] & 0xFF] & 0xFF) + t[(int) (d >>> 32) & 0xFFFF];
      x[j + 3] = (lut[b[i + 3] & 0xFF] & 0xFF) + t[(int) (d >>> 48)];
    }
    for (long d = j < len ? z[j >> 2] : 0; j < len; j++, d >>>= 16) {
      x[j] = (lut[b[start + j] & 0xFF] & 0xFF) + t[(int) d & 0xFFFF];
    }
  }

  /**
   * Like {@link #apply} with independent noise on every byte, but on table-mapped values: {@code
   * out = saturate(lut[in] + noise)}, the same draw stream (so {@code lut} the identity gives
   * exactly {@link #apply}'s bytes). Lets a point transform and the noise share one pass.
   *
   * @param b packed pixels (no alpha), modified
   * @param n number of bytes
   * @param seed the noise stream's seed
   * @param s a sampler prepared for σ
   * @param lut 256-entry map applied before the noise
   */
  static void applyAfterTable(byte[] b, int n, long seed, Sampler s, byte[] lut) {
    everyByte(b, n, seed, s, lut);
  }

  private static void general(
      byte[] b, int n, int channels, boolean perChannel, long seed, Sampler s) {
    long state = seed;
    int colour = channels == 4 ? 3 : channels;
    long z = 0;
    int left = 0;
    for (int base = 0; base < n; base += channels) {
      int shared = 0;
      if (!perChannel) {
        if (left == 0) {
          z = mix(state += GOLDEN);
          left = 4;
        }
        shared = s.draw((int) z & 0xFFFF);
        z >>>= 16;
        left--;
      }
      for (int c = 0; c < colour; c++) {
        int v;
        if (perChannel) {
          if (left == 0) {
            z = mix(state += GOLDEN);
            left = 4;
          }
          v = s.draw((int) z & 0xFFFF);
          z >>>= 16;
          left--;
        } else {
          v = shared;
        }
        b[base + c] = (byte) clamp((b[base + c] & 0xFF) + v);
      }
    }
  }

  /**
   * Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.15e-9), ample for levels
   * that are multiplied by σ and rounded to integers.
   *
   * @param p probability in (0, 1)
   * @return the standard-normal quantile
   */
  static double inverseNormalCdf(double p) {
    final double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    final double[] b = {
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01
    };
    final double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    final double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double pLow = 0.02425;
    if (p < pLow) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - pLow) {
      return -inverseNormalCdf(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
