package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link EjmlGemm} against the naive reference, to 1e-12 relative. */
class EjmlGemmTest extends GemmContract {
  private final EjmlGemm gemm = new EjmlGemm();

  @Override
  Gemm gemm() {
    return gemm;
  }

  @Override
  double tolerance() {
    return 1e-12;
  }

  @Test
  void name() {
    assertEquals("ejml", gemm.name());
  }
}
