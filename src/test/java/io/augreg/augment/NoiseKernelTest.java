package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseKernelTest {
  @Test
  void quantilesMatchTheNormal() {
    assertEquals(0.0, NoiseKernel.inverseNormalCdf(0.5), 1e-12);
    assertEquals(1.959963984540054, NoiseKernel.inverseNormalCdf(0.975), 1e-8);
    assertEquals(-2.326347874040841, NoiseKernel.inverseNormalCdf(0.01), 1e-8);
    assertEquals(-4.3249, NoiseKernel.quantile(0), 1e-3);
    assertEquals(4.3249, NoiseKernel.quantile(65535), 1e-3);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < NoiseKernel.LEVELS; i++) {
      sum += NoiseKernel.quantile(i);
      sq += NoiseKernel.quantile(i) * NoiseKernel.quantile(i);
    }
    assertEquals(0.0, sum, 1e-9);
    assertEquals(1.0, Math.sqrt(sq / NoiseKernel.LEVELS), 2e-5);
  }

  @Test
  void tableHoldsExactlyTheRoundedLevels() {
    NoiseKernel.Sampler s = new NoiseKernel.Sampler();
    for (double sigma : new double[] {0, 0.3, 1, 7.5, 10, 29, 100, 255, 10}) {
      NoiseKernel.prepare(sigma, s);
      int wrong = -1;
      for (int v = 0; v < NoiseKernel.LEVELS && wrong < 0; v++) {
        wrong = NoiseKernel.level(sigma, v) == s.draw(v) ? -1 : v;
      }
      assertEquals(-1, wrong, "sigma " + sigma + ": first wrong level");
    }
  }

  @Test
  void fastPathAgreesWithTheGeneralPath() {
    NoiseKernel.Sampler s = new NoiseKernel.Sampler();
    NoiseKernel.prepare(12, s);
    byte[] a = new byte[3001];
    new java.util.Random(1).nextBytes(a);
    byte[] b = a.clone();
    byte[] orig = a.clone();
    NoiseKernel.apply(a, a.length, 1, true, 99, s); // per-byte fast path
    // the general path draws in the same order when one channel is noised per pixel
    NoiseKernel.apply(b, b.length, 1, false, 99, s);
    assertTrue(java.util.Arrays.equals(a, b));
    assertTrue(!java.util.Arrays.equals(a, orig));
  }

  /**
   * The block kernel gives the bytes of the kernel it replaced (one SplitMix64 output per four
   * bytes, added and saturated one byte at a time, copied below as the reference): sizes around the
   * block boundary and not multiples of 4, 1 and 3 channels, σ from 0 to 255 on images with runs
   * of 0 and 255 (both clip boundaries), with and without a table before the noise.
   */
  @Test
  void blockKernelGivesTheBytesOfTheOneDrawAtATimeKernel() {
    int block = 4 * NoiseKernel.BLOCK;
    int[] sizes = {
      0, 1, 2, 3, 4, 5, 7, 64 * 64 * 3, 97 * 61 * 3, 61 * 37, block - 1, block, block + 1,
      block + 3, 2 * block + 2, 3 * block + 5
    };
    java.util.SplittableRandom r = new java.util.SplittableRandom(13);
    byte[] lut = new byte[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = (byte) Math.min(255, v * 3 / 2);
    }
    NoiseKernel.Sampler s = new NoiseKernel.Sampler();
    for (double sigma : new double[] {0, 3, 10, 50, 255}) {
      NoiseKernel.prepare(sigma, s);
      for (int n : sizes) {
        byte[] src = new byte[n + 3];
        for (int i = 0; i < src.length; i++) {
          int u = r.nextInt(10);
          src[i] = (byte) (u == 0 ? 0 : u == 1 ? 255 : u == 2 ? r.nextInt(4) : r.nextInt(256));
        }
        long seed = r.nextLong();
        for (int channels : new int[] {1, 3}) {
          byte[] want = src.clone();
          oldEveryByte(want, n, seed, s.table, null);
          byte[] got = src.clone();
          NoiseKernel.apply(got, n, channels, true, seed, s);
          assertArrayEquals(want, got, "sigma " + sigma + ", " + n + " bytes, " + channels + " ch");
        }
        byte[] want = src.clone();
        oldEveryByte(want, n, seed, s.table, lut);
        byte[] got = src.clone();
        NoiseKernel.applyAfterTable(got, n, seed, s, lut);
        assertArrayEquals(want, got, "after a table: sigma " + sigma + ", " + n + " bytes");
      }
    }
  }

  /** The kernel before the block version (reference): one output, four bytes, at a time. */
  private static void oldEveryByte(byte[] b, int n, long seed, short[] t, byte[] lut) {
    long state = seed;
    int i = 0;
    long z = 0;
    for (; i < n; i++) {
      if ((i & 3) == 0) {
        z = mix(state += 0x9E3779B97F4A7C15L);
      }
      int v = lut == null ? b[i] & 0xFF : lut[b[i] & 0xFF] & 0xFF;
      b[i] = (byte) Math.min(255, Math.max(0, v + t[(int) (z >>> (16 * (i & 3))) & 0xFFFF]));
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
