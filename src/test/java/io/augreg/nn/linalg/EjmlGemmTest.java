package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.ejml.data.DMatrixRMaj;
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
  void nameAndResidencyDefault() {
    assertEquals("ejml", gemm.name());
    assertSame(ResidentMatrix.NONE, gemm.keepResident(new DMatrixRMaj(2, 2)));
    ResidentMatrix.NONE.refresh();
    ResidentMatrix.NONE.close();
  }
}
