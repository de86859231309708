package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain-Java {@link Gemm}, tuned for the small and thin matrices of dense layers whose columns
 * are examples (a few to a few hundred rows, hundreds or thousands of columns). Thread-safe.
 *
 * <p>The operands are packed into one Java array per row (see {@link RowKernels} for why the JIT
 * needs that to vectorize), then {@code op(A)·B} runs as axpy passes over rows of B ({@link
 * RowKernels#times}) and {@code op(A)·Bᵀ} as register-blocked dot products ({@link
 * RowKernels#timesTrans}). Packing costs O(size of the operands), small next to the product for
 * anything but the tiniest shapes. Packing buffers are cached per thread up to {@value
 * #CACHE_LIMIT} doubles; larger ones are allocated per call.
 *
 * <p>The row executor of the trainer does not call this class in its inner loop: it stores
 * activations as rows and calls {@link RowKernels} directly. {@code JavaGemm} serves the layer
 * stack's small products and inference, and anyone who needs a plain {@link Gemm}.
 */
public final class JavaGemm implements Gemm {
  /** The largest packing buffer (in doubles) kept per thread between calls. */
  static final int CACHE_LIMIT = 1 << 20;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
          "gemm shapes: op(A) " + r + "x" + p + ", op(B) " + pb + "x" + cc + ", C " + c.numRows
              + "x" + c.numCols);
    }
    if (c == a || c == b) {
      throw new IllegalArgumentException("gemm: C must not alias A or B");
    }
    if (r == 0 || cc == 0) {
      return;
    }
    if (p == 0) {
      // C = beta·C (beta == 0 clears C even if it holds NaN)
      for (int i = 0; i < r * cc; i++) {
        c.data[i] = beta == 0 ? 0.0 : beta * c.data[i];
      }
      return;
    }
    Scratch s = scratch(r, p, cc);
    double[] prod = s.flat(0, r * cc);
    if (!transB) {
      // op(A) flat (r x p), rows of B (p of length cc), product rows (r of length cc)
      double[] af = transA ? transpose(a.data, p, r, s.flat(1, r * p)) : a.data;
      double[][] bRows = s.rows(0, p, cc);
      for (int k = 0; k < p; k++) {
        System.arraycopy(b.data, k * cc, bRows[k], 0, cc);
      }
      double[][] cRows = s.rows(1, r, cc);
      RowKernels.times(af, r, p, bRows, cRows, cc);
      for (int i = 0; i < r; i++) {
        System.arraycopy(cRows[i], 0, prod, i * cc, cc);
      }
    } else {
      // rows of op(A) (r of length p) and rows of B (cc of length p): dot products
      double[][] aRows = s.rows(0, r, p);
      if (transA) {
        for (int k = 0; k < p; k++) {
          for (int i = 0; i < r; i++) {
            aRows[i][k] = a.data[k * r + i];
          }
        }
      } else {
        for (int i = 0; i < r; i++) {
          System.arraycopy(a.data, i * p, aRows[i], 0, p);
        }
      }
      double[][] bRows = s.rows(1, cc, p);
      for (int j = 0; j < cc; j++) {
        System.arraycopy(b.data, j * p, bRows[j], 0, p);
      }
      RowKernels.timesTrans(aRows, r, bRows, cc, p, prod);
    }
    // C = alpha·product + beta·C
    double[] cd = c.data;
    int n = r * cc;
    if (beta == 0) {
      for (int i = 0; i < n; i++) {
        cd[i] = alpha * prod[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        cd[i] = alpha * prod[i] + beta * cd[i];
      }
    }
  }

  private static double[] transpose(double[] src, int rows, int cols, double[] dst) {
    // dst (cols x rows) = src (rows x cols) transposed
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        dst[j * rows + i] = src[i * cols + j];
      }
    }
    return dst;
  }

  private static Scratch scratch(int r, int p, int cc) {
    long need = (long) r * cc * 2 + (long) r * p + (long) Math.max(p, cc) * Math.max(p, cc);
    return need <= CACHE_LIMIT ? SCRATCH.get() : new Scratch();
  }

  /** Packing buffers, grown on demand. */
  private static final class Scratch {
    private final double[][] flats = new double[2][0];
    private final double[][][] rowSets = new double[2][0][0];

    double[] flat(int slot, int n) {
      if (flats[slot].length < n) {
        flats[slot] = new double[n];
      }
      return flats[slot];
    }

    double[][] rows(int slot, int count, int length) {
      double[][] set = rowSets[slot];
      if (set.length < count || (count > 0 && set[0].length < length)) {
        int len = Math.max(length, set.length > 0 ? set[0].length : 0);
        set = new double[Math.max(count, set.length)][len];
        rowSets[slot] = set;
      }
      return set;
    }
  }
}
