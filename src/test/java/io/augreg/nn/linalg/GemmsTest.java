package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link Gemms}: the factories and the default threshold. */
class GemmsTest {

  @Test
  void factoriesBuildTheNamedPaths() {
    assertTrue(Gemms.openBlasAvailable(), "OpenBLAS natives must load on the build platform");
    assertEquals("ejml", Gemms.ejml().name());
    try (OpenBlasGemm blas = Gemms.openBlas();
        OpenBlasGemm f32 = Gemms.openBlas(2, Precision.FLOAT)) {
      assertEquals("openblas-1t", blas.name());
      assertEquals(1, blas.threads());
      assertEquals("openblas-f32-2t", f32.name());
    }
  }

  @Test
  void adaptiveKeepsSmallProductsOnTheGivenSmallPath() {
    EjmlGemm small = Gemms.ejml();
    try (AdaptiveGemm g = Gemms.adaptive(small)) {
      assertEquals(Gemms.DEFAULT_THRESHOLD, g.threshold());
      // The football network's products (at most 3×211×20) stay small; the cat layers go to BLAS.
      assertSame(small, g.choose(20, 211, 2));
      assertSame(small, g.choose(3, 211, 20));
      assertTrue(g.choose(20, 209, 12288) instanceof OpenBlasGemm);
      assertTrue(g.choose(7, 209, 20) instanceof OpenBlasGemm);
      DMatrixRMaj c = new DMatrixRMaj(1, 1);
      g.gemm(false, false, 2, new DMatrixRMaj(new double[][] {{3}}),
          new DMatrixRMaj(new double[][] {{4}}), 0, c);
      assertEquals(24.0, c.get(0, 0), 0);
    }
  }
}
