package io.augreg.augment;

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
}
