package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain-Java {@link Gemm}, tuned for the small and thin matrices of dense layers whose columns
 * are examples (a few to a few hundred rows, hundreds of columns). Stateless and thread-safe.
 *
 * <p>Loop orders are chosen so the innermost loop is an axpy over a contiguous row, which the
 * JIT vectorizes: {@code C[i,:] += a·B[k,:]} for {@code A·B} and {@code Aᵀ·B}. For {@code A·Bᵀ}
 * (the weight gradient {@code dZ·A_prevᵀ}) both operands are read along their contiguous rows
 * and the reduction is computed as 2×4 blocks of dot products with independent accumulators,
 * since the JIT does not vectorize floating-point reductions.
 */
public final class JavaGemm implements Gemm {

  /** Creates the plain-Java kernel. */
  public JavaGemm() {}

  @Override
  public String name() {
    return "java";
  }

  @Override
  public void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    int r = transA ? a.numCols : a.numRows;
    int p = transA ? a.numRows : a.numCols;
    int pb = transB ? b.numCols : b.numRows;
    int cc = transB ? b.numRows : b.numCols;
    if (p != pb || c.numRows != r || c.numCols != cc) {
      throw new IllegalArgumentException(
          "gemm shapes: op(A) "
              + r
              + "x"
              + p
              + ", op(B) "
              + pb
              + "x"
              + cc
              + ", C "
              + c.numRows
              + "x"
              + c.numCols);
    }
    if (c == a || c == b) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    scale(beta, c.data, r * cc);
    if (!transB) {
      axpyKernel(transA, alpha, a.data, b.data, c.data, r, p, cc);
    } else if (!transA) {
      dotKernel(alpha, a.data, b.data, c.data, r, p, cc);
    } else {
      transTrans(alpha, a.data, b.data, c.data, r, p, cc);
    }
  }

  /** {@code C = beta·C}; beta == 0 clears C even if it holds NaN. */
  private static void scale(double beta, double[] c, int n) {
    if (beta == 0.0) {
      java.util.Arrays.fill(c, 0, n, 0.0);
    } else if (beta != 1.0) {
      for (int i = 0; i < n; i++) {
        c[i] *= beta;
      }
    }
  }

  /**
   * {@code C += alpha · op(A) · B} with B row-major (p × cc): for each row i of C and each k,
   * {@code C[i,:] += alpha·op(A)[i,k] · B[k,:]}, four k at a time so C is loaded once per four
   * rows of B. {@code op(A)[i,k]} is {@code A[i,k]} (A is r × p) or {@code A[k,i]} (A is p × r).
   */
  static void axpyKernel(
      boolean transA, double alpha, double[] a, double[] b, double[] c, int r, int p, int cc) {
    int strideI = transA ? 1 : p;
    int strideK = transA ? r : 1;
    for (int i = 0; i < r; i++) {
      int ci = i * cc;
      int ai = i * strideI;
      int k = 0;
      for (; k + 4 <= p; k += 4) {
        double a0 = alpha * a[ai + k * strideK];
        double a1 = alpha * a[ai + (k + 1) * strideK];
        double a2 = alpha * a[ai + (k + 2) * strideK];
        double a3 = alpha * a[ai + (k + 3) * strideK];
        int b0 = k * cc;
        int b1 = b0 + cc;
        int b2 = b1 + cc;
        int b3 = b2 + cc;
        // C[i,:] += a0·B[k,:] + a1·B[k+1,:] + a2·B[k+2,:] + a3·B[k+3,:]
        for (int j = 0; j < cc; j++) {
          c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
        }
      }
      for (; k < p; k++) {
        double a0 = alpha * a[ai + k * strideK];
        int b0 = k * cc;
        // C[i,:] += a0·B[k,:]
        for (int j = 0; j < cc; j++) {
          c[ci + j] += a0 * b[b0 + j];
        }
      }
    }
  }

  /**
   * {@code C += alpha · A · Bᵀ}, A (r × p), B (cc × p): {@code C[i,j] += alpha · Σ_k A[i,k]·B[j,k]},
   * blocks of 2 rows of A × 4 rows of B, eight independent accumulators.
   */
  static void dotKernel(double alpha, double[] a, double[] b, double[] c, int r, int p, int cc) {
    int i = 0;
    for (; i + 2 <= r; i += 2) {
      int a0 = i * p;
      int a1 = a0 + p;
      int j = 0;
      for (; j + 4 <= cc; j += 4) {
        int b0 = j * p;
        int b1 = b0 + p;
        int b2 = b1 + p;
        int b3 = b2 + p;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        for (int k = 0; k < p; k++) {
          double x0 = a[a0 + k];
          double x1 = a[a1 + k];
          double y0 = b[b0 + k];
          double y1 = b[b1 + k];
          double y2 = b[b2 + k];
          double y3 = b[b3 + k];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        int c0 = i * cc + j;
        int c1 = c0 + cc;
        c[c0] += alpha * s00;
        c[c0 + 1] += alpha * s01;
        c[c0 + 2] += alpha * s02;
        c[c0 + 3] += alpha * s03;
        c[c1] += alpha * s10;
        c[c1 + 1] += alpha * s11;
        c[c1 + 2] += alpha * s12;
        c[c1 + 3] += alpha * s13;
      }
      for (; j < cc; j++) {
        int b0 = j * p;
        double s0 = 0, s1 = 0;
        for (int k = 0; k < p; k++) {
          double y = b[b0 + k];
          s0 += a[a0 + k] * y;
          s1 += a[a1 + k] * y;
        }
        c[i * cc + j] += alpha * s0;
        c[(i + 1) * cc + j] += alpha * s1;
      }
    }
    for (; i < r; i++) {
      int a0 = i * p;
      for (int j = 0; j < cc; j++) {
        int b0 = j * p;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        for (; k + 4 <= p; k += 4) {
          s0 += a[a0 + k] * b[b0 + k];
          s1 += a[a0 + k + 1] * b[b0 + k + 1];
          s2 += a[a0 + k + 2] * b[b0 + k + 2];
          s3 += a[a0 + k + 3] * b[b0 + k + 3];
        }
        for (; k < p; k++) {
          s0 += a[a0 + k] * b[b0 + k];
        }
        c[i * cc + j] += alpha * ((s0 + s1) + (s2 + s3));
      }
    }
  }

  /** {@code C += alpha · Aᵀ · Bᵀ}, A (p × r), B (cc × p); rare, plain loops. */
  private static void transTrans(
      double alpha, double[] a, double[] b, double[] c, int r, int p, int cc) {
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < cc; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += a[k * r + i] * b[j * p + k];
        }
        c[i * cc + j] += alpha * s;
      }
    }
  }
}
