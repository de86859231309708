package io.augreg.core;

import java.util.SplittableRandom;

/**
 * Derives independent generator seeds from a run seed and a tuple of keys (epoch, sample index,
 * copy index, ...), so that every random choice depends only on <em>what</em> is being computed,
 * never on thread count or processing order.
 *
 * <p>Mixing is SplitMix64's finalizer applied to a running combination of the keys: {@code h =
 * mix64(h + GOLDEN * (key + 1))} for each key in order. Different key tuples give statistically
 * independent streams.
 */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /**
   * Mixes a run seed and keys into one 64-bit seed.
   *
   * @param seed the run seed
   * @param keys identifying keys, e.g. (epoch, sampleIndex, copy)
   * @return a well-mixed seed that differs for every distinct (seed, keys) tuple
   */
  public static long mix(long seed, long... keys) {
    long h = mix64(seed ^ GOLDEN);
    for (long key : keys) {
      h = mix64(h + GOLDEN * (key + 1));
    }
    return h;
  }

  /**
   * A fresh generator for (seed, keys).
   *
   * @param seed the run seed
   * @param keys identifying keys
   * @return a new {@link SplittableRandom} seeded with {@link #mix(long, long...)}
   */
  public static SplittableRandom generator(long seed, long... keys) {
    return new SplittableRandom(mix(seed, keys));
  }

  /**
   * {@code mix(seed, keys..., key)} from {@code mixed = mix(seed, keys...)}: one more key, without
   * a varargs array (for hot loops).
   *
   * @param mixed {@link #mix(long, long...)} of the leading keys
   * @param key the next key
   * @return {@link #mix(long, long...)} of the keys and {@code key}
   */
  public static long extend(long mixed, long key) {
    return mix64(mixed + GOLDEN * (key + 1));
  }

  /**
   * The k-th {@code nextLong()} (k = 1, 2, ...) of {@code new SplittableRandom(seed)}, without the
   * object: that generator adds γ = {@code 0x9E3779B97F4A7C15} to its state at each call and
   * returns the same SplitMix64 finalizer of the state as {@link #mix64}.
   *
   * @param seed the generator's seed (e.g. {@link #mix(long, long...)} of a key tuple)
   * @param k the draw's 1-based position in the stream
   * @return {@code mix64(seed + k·γ)}
   */
  public static long nthLong(long seed, long k) {
    return mix64(seed + k * GOLDEN);
  }

  /** SplitMix64's output function (Stafford variant 13). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Fisher–Yates shuffle in place: for i from the end down to 1, swap {@code a[i]} with a uniform
   * {@code a[j]}, j ≤ i (every training order, split and batch order of the project).
   *
   * @param a the array to permute
   * @param rng the generator
   */
  public static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * A uniformly random permutation of 0..n−1: the identity, {@link #shuffle shuffled}.
   *
   * @param n its length
   * @param rng the generator
   * @return the permutation
   */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, rng);
    return p;
  }
}
