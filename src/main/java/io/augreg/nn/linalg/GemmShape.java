package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The dimensions of one product {@code C(m×n) = op(A)(m×k) · op(B)(k×n)}, checked against the
 * operands. Shared by every {@link Gemm} so all reject the same mistakes with the same message.
 *
 * @param m rows of {@code op(A)} and of {@code C}
 * @param n columns of {@code op(B)} and of {@code C}
 * @param k the inner dimension
 */
record GemmShape(int m, int n, int k) {

  /**
   * Reads and checks the shape of a product.
   *
   * @throws IllegalArgumentException if the inner dimensions differ, {@code C} has the wrong shape
   *     or {@code C} shares storage with {@code A} or {@code B}
   */
  static GemmShape of(
      boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    int m = transA ? a.numCols : a.numRows;
    int ka = transA ? a.numRows : a.numCols;
    int kb = transB ? b.numCols : b.numRows;
    int n = transB ? b.numRows : b.numCols;
    if (ka != kb) {
      throw new IllegalArgumentException(
          "gemm: op(A) is " + m + "×" + ka + " but op(B) is " + kb + "×" + n
              + "; inner dimensions differ");
    }
    if (c.numRows != m || c.numCols != n) {
      throw new IllegalArgumentException(
          "gemm: C is " + c.numRows + "×" + c.numCols + " but op(A)·op(B) is " + m + "×" + n);
    }
    if (c == a || c == b || c.data == a.data || c.data == b.data) {
      throw new IllegalArgumentException("gemm: C must not share storage with A or B");
    }
    return new GemmShape(m, n, ka);
  }

  /** {@code m·n·k}, the count of multiply-adds; a product costs {@code 2·m·n·k} flops. */
  long volume() {
    return (long) m * n * k;
  }

  /**
   * Handles the degenerate products a BLAS rejects or EJML special-cases: when {@code k == 0} the
   * product is empty and {@code C = beta · C} (beta = 0 clears C, even NaN).
   *
   * @return true if {@code c} is final and no multiplication is needed
   */
  boolean finishIfEmpty(double beta, DMatrixRMaj c) {
    if (m == 0 || n == 0) {
      return true;
    }
    if (k != 0) {
      return false;
    }
    int size = m * n;
    double[] cd = c.data;
    // C = beta · C, with beta = 0 meaning "overwrite"
    for (int i = 0; i < size; i++) {
      cd[i] = beta == 0 ? 0 : beta * cd[i];
    }
    return true;
  }
}
