package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link Gemm} on EJML's {@link CommonOps_DDRM} (single-threaded, pure Java). The reference path:
 * exact enough to check the others against and fast for small products, about 2 GFLOP/s on the
 * wide first layer of the cat network (see {@code bench/gemm.sh}).
 *
 * <p>Stateless and thread-safe.
 */
public final class EjmlGemm implements Gemm {

  /** Creates the EJML path. */
  public EjmlGemm() {}

  @Override
  public void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    GemmShape shape = GemmShape.of(transA, transB, a, b, c);
    if (shape.finishIfEmpty(beta, c)) {
      return;
    }
    if (beta == 0) {
      // C = alpha · op(A) · op(B): EJML's mult* overwrite C
      if (transA && transB) {
        CommonOps_DDRM.multTransAB(alpha, a, b, c);
      } else if (transA) {
        CommonOps_DDRM.multTransA(alpha, a, b, c);
      } else if (transB) {
        CommonOps_DDRM.multTransB(alpha, a, b, c);
      } else {
        CommonOps_DDRM.mult(alpha, a, b, c);
      }
      return;
    }
    // C = beta · C, then C += alpha · op(A) · op(B)
    if (beta != 1) {
      CommonOps_DDRM.scale(beta, c);
    }
    if (transA && transB) {
      CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
    } else if (transA) {
      CommonOps_DDRM.multAddTransA(alpha, a, b, c);
    } else if (transB) {
      CommonOps_DDRM.multAddTransB(alpha, a, b, c);
    } else {
      CommonOps_DDRM.multAdd(alpha, a, b, c);
    }
  }

  @Override
  public String name() {
    return "ejml";
  }
}
