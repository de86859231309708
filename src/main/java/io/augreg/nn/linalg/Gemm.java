package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * General matrix multiply on row-major EJML matrices, the one seam through which the network's
 * products go, so that small products can stay in plain Java/EJML while large ones go to a BLAS.
 *
 * <p>{@code C = alpha · op(A) · op(B) + beta · C}, where {@code op(X)} is {@code X} or {@code Xᵀ}.
 * {@code C} must already have the result's shape and must not alias {@code A} or {@code B}. With
 * {@code beta == 0} the previous content of {@code C} is ignored (even NaN).
 */
public interface Gemm {

  /**
   * Computes {@code C = alpha · op(A) · op(B) + beta · C}.
   *
   * @param transA use {@code Aᵀ} instead of {@code A}
   * @param transB use {@code Bᵀ} instead of {@code B}
   * @param alpha scale of the product
   * @param a left operand
   * @param b right operand
   * @param beta scale of the existing {@code C}
   * @param c output, sized {@code rows(op(A)) × cols(op(B))}
   */
  void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c);

  /**
   * Declares that {@code constant} will not change until the returned handle is closed, so an
   * implementation may keep its own copy of it where it computes (OpenBLAS: in native memory,
   * saving a 20 MB copy per product for the cat network's training input). Products that use
   * {@code constant} as A or B then read that copy; if the caller changes the matrix's values in
   * place it must call {@link ResidentMatrix#refresh()}. The default keeps nothing.
   *
   * @param constant a matrix that is read by many products and not written between them
   * @return a handle that releases the copy when closed (closing twice is harmless)
   */
  default ResidentMatrix keepResident(DMatrixRMaj constant) {
    return ResidentMatrix.NONE;
  }

  /**
   * The native-operand path this kernel would take for an {@code m×k · k×n} product, or null if
   * it computes on the Java heap (the default). Callers that get one may fill operands in native
   * memory themselves instead of calling {@link #gemm}.
   *
   * @param m rows of the product
   * @param n columns of the product
   * @param k inner dimension
   * @return the native path, or null
   */
  default NativeGemm nativeFor(int m, int n, int k) {
    return null;
  }

  /** A short name for logs and benchmarks, e.g. {@code "java"}, {@code "openblas"}. */
  String name();
}
