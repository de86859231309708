package io.augreg.augment;

/**
 * Additive Gaussian noise on packed 8-bit pixels: {@code out = saturate(in + round(σ·z))}.
 *
 * <p>z is drawn by inverse-CDF sampling: a 16-bit index i from a SplitMix64 stream picks {@code
 * z = Φ⁻¹((i + 0.5) / 65536)} from a table of standard-normal quantiles. This is a 65 536-level
 * discretization of N(0, 1): its tails are truncated at ±4.33σ (|z| > 4.33 has probability
 * 1.5e-5 under the true normal), its mean is exactly 0 (the table is antisymmetric) and its
 * standard deviation is 0.99986. After rounding σ·z to an integer the difference from exact
 * Gaussian sampling is invisible for σ up to about 60. One 64-bit draw gives four indices.
 */
final class NoiseKernel {
  /** Number of quantile levels (16-bit indices). */
  static final int TABLE_SIZE = 1 << 16;

  /** {@code Q[i] = Φ⁻¹((i + 0.5) / 65536)}, antisymmetric: {@code Q[65535 - i] = -Q[i]}. */
  private static final float[] Q = new float[TABLE_SIZE];

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  static {
    for (int i = 0; i < TABLE_SIZE / 2; i++) {
      float q = (float) inverseNormalCdf((i + 0.5) / TABLE_SIZE);
      Q[i] = q;
      Q[TABLE_SIZE - 1 - i] = -q;
    }
  }

  private NoiseKernel() {}

  /** The quantile for a 16-bit index (for tests). */
  static double quantile(int index) {
    return Q[index];
  }

  /**
   * Fills {@code table[i] = round(σ·Q[i])} (round half to even).
   *
   * @param sigma standard deviation in gray levels
   * @param table 65 536 entries
   */
  static void fillTable(double sigma, short[] table) {
    for (int i = 0; i < TABLE_SIZE; i++) {
      table[i] = (short) Math.max(-32768, Math.min(32767, Math.rint(sigma * Q[i])));
    }
  }

  /** SplitMix64 output for the state after {@code k} steps from {@code seed}. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** saturate to [0, 255] with branch-free min/max (noise often crosses 0 on dark pixels). */
  private static int clamp(int v) {
    return Math.min(255, Math.max(0, v));
  }

  /**
   * Adds noise to packed pixels.
   *
   * @param src packed input pixels
   * @param dst packed output pixels (may be {@code src})
   * @param n number of bytes
   * @param channels channels per pixel (the 4th, alpha, is copied unchanged)
   * @param sigma standard deviation
   * @param perChannel independent noise per colour channel, or one value per pixel shared by its
   *     colour channels
   * @param seed the noise stream's seed
   * @param table {@code round(σ·Q)} filled by {@link #fillTable} for this σ, or {@code null} to
   *     compute each value directly (same results; faster for small images)
   */
  static void apply(
      byte[] src, byte[] dst, int n, int channels, double sigma, boolean perChannel, long seed,
      short[] table) {
    if (perChannel && channels != 4) {
      if (table != null) {
        everyByteTable(src, dst, n, seed, table);
      } else {
        everyByteDirect(src, dst, n, seed, sigma);
      }
    } else {
      general(src, dst, n, channels, sigma, perChannel, seed, table);
    }
  }

  /** Index k of the stream uses bits 16(k mod 4).. of the ((k div 4) + 1)-th SplitMix64 output. */
  private static void everyByteTable(byte[] src, byte[] dst, int n, long seed, short[] table) {
    long state = seed;
    int i = 0;
    // out = saturate(in + table[16-bit index]), four indices per 64-bit draw
    for (; i + 4 <= n; i += 4) {
      long z = mix(state += GOLDEN);
      dst[i] = (byte) clamp((src[i] & 0xFF) + table[(int) z & 0xFFFF]);
      dst[i + 1] = (byte) clamp((src[i + 1] & 0xFF) + table[(int) (z >>> 16) & 0xFFFF]);
      dst[i + 2] = (byte) clamp((src[i + 2] & 0xFF) + table[(int) (z >>> 32) & 0xFFFF]);
      dst[i + 3] = (byte) clamp((src[i + 3] & 0xFF) + table[(int) (z >>> 48)]);
    }
    long z = mix(state += GOLDEN);
    for (; i < n; i++, z >>>= 16) {
      dst[i] = (byte) clamp((src[i] & 0xFF) + table[(int) z & 0xFFFF]);
    }
  }

  private static void everyByteDirect(byte[] src, byte[] dst, int n, long seed, double sigma) {
    long state = seed;
    int i = 0;
    // out = saturate(in + round(σ·Q[16-bit index])), four indices per 64-bit draw
    for (; i + 4 <= n; i += 4) {
      long z = mix(state += GOLDEN);
      dst[i] = (byte) clamp((src[i] & 0xFF) + (int) Math.rint(sigma * Q[(int) z & 0xFFFF]));
      dst[i + 1] =
          (byte) clamp((src[i + 1] & 0xFF) + (int) Math.rint(sigma * Q[(int) (z >>> 16) & 0xFFFF]));
      dst[i + 2] =
          (byte) clamp((src[i + 2] & 0xFF) + (int) Math.rint(sigma * Q[(int) (z >>> 32) & 0xFFFF]));
      dst[i + 3] = (byte) clamp((src[i + 3] & 0xFF) + (int) Math.rint(sigma * Q[(int) (z >>> 48)]));
    }
    long z = mix(state += GOLDEN);
    for (; i < n; i++, z >>>= 16) {
      dst[i] = (byte) clamp((src[i] & 0xFF) + (int) Math.rint(sigma * Q[(int) z & 0xFFFF]));
    }
  }

  /** Alpha copied, or one index per pixel shared by its colour channels. */
  private static void general(
      byte[] src, byte[] dst, int n, int channels, double sigma, boolean perChannel, long seed,
      short[] table) {
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
        shared = noise(table, sigma, (int) z & 0xFFFF);
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
          v = noise(table, sigma, (int) z & 0xFFFF);
          z >>>= 16;
          left--;
        } else {
          v = shared;
        }
        dst[base + c] = (byte) clamp((src[base + c] & 0xFF) + v);
      }
      if (channels == 4) {
        dst[base + 3] = src[base + 3];
      }
    }
  }

  private static int noise(short[] table, double sigma, int index) {
    return table != null ? table[index] : (int) Math.rint(sigma * Q[index]);
  }

  /**
   * Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.15e-9), ample for a table
   * whose values are multiplied by σ and rounded to integers.
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
