package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link Gemm} must pass: against a naive triple loop, over random and edge shapes
 * (1×n, n×1, 1×1, non-square, k = 1), all four transpose combinations and several alpha/beta,
 * including beta = 0 over a NaN-filled C.
 */
abstract class GemmContract {

  /** The implementation under test. */
  abstract Gemm gemm();

  /** Allowed error relative to the magnitude of the terms summed into each element. */
  abstract double tolerance();

  /** Naive reference: C = alpha · op(A) · op(B) + beta · C, plus the magnitude of each sum. */
  static double[][] naive(
      boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
      DMatrixRMaj c) {
    int m = c.numRows;
    int n = c.numCols;
    int k = ta ? a.numRows : a.numCols;
    double[] value = new double[m * n];
    double[] scale = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double mag = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a.get(p, i) : a.get(i, p);
          double y = tb ? b.get(j, p) : b.get(p, j);
          sum += x * y;
          mag += Math.abs(x * y);
        }
        double old = beta == 0 ? 0 : beta * c.get(i, j);
        value[i * n + j] = alpha * sum + old;
        scale[i * n + j] = Math.abs(alpha) * mag + Math.abs(old);
      }
    }
    return new double[][] {value, scale};
  }

  static DMatrixRMaj random(int rows, int cols, SplittableRandom rnd) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rnd.nextDouble(-1, 1);
    }
    return m;
  }

  /** Runs one product on fresh random operands and compares it with {@link #naive}. */
  void check(int m, int n, int k, boolean ta, boolean tb, double alpha, double beta, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    DMatrixRMaj a = ta ? random(k, m, rnd) : random(m, k, rnd);
    DMatrixRMaj b = tb ? random(n, k, rnd) : random(k, n, rnd);
    DMatrixRMaj c = random(m, n, rnd);
    if (beta == 0) {
      Arrays.fill(c.data, Double.NaN);
    }
    double[][] expected = naive(ta, tb, alpha, a, b, beta, c);
    DMatrixRMaj aCopy = a.copy();
    DMatrixRMaj bCopy = b.copy();
    gemm().gemm(ta, tb, alpha, a, b, beta, c);
    String what = String.format("%s m=%d n=%d k=%d ta=%b tb=%b alpha=%s beta=%s",
        gemm().name(), m, n, k, ta, tb, alpha, beta);
    for (int i = 0; i < m * n; i++) {
      double err = Math.abs(c.data[i] - expected[0][i]);
      if (!(err <= tolerance() * Math.max(expected[1][i], Double.MIN_NORMAL))) {
        fail(what + ": element " + i + " is " + c.data[i] + ", expected " + expected[0][i]);
      }
    }
    assertTrue(Arrays.equals(aCopy.data, a.data), what + ": A was modified");
    assertTrue(Arrays.equals(bCopy.data, b.data), what + ": B was modified");
  }

  @Test
  void matchesNaiveOnEdgeShapesAllTransposesAndScalars() {
    int[][] shapes = {
      {1, 1, 1}, {1, 7, 5}, {7, 1, 5}, {1, 1, 9}, {6, 4, 1}, {3, 20, 211}, {20, 211, 2},
      {20, 5, 300}, {33, 17, 8}, {2, 64, 64}
    };
    double[][] scalars = {{1, 0}, {-0.5, 0}, {1, 1}, {2.5, -0.75}, {0, 0.5}};
    long seed = 1;
    for (int[] s : shapes) {
      for (int t = 0; t < 4; t++) {
        for (double[] ab : scalars) {
          check(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, ab[0], ab[1], seed++);
        }
      }
    }
  }

  @Test
  void matchesNaiveOnRandomShapes() {
    SplittableRandom rnd = new SplittableRandom(42);
    for (int trial = 0; trial < 60; trial++) {
      int m = 1 + rnd.nextInt(48);
      int n = 1 + rnd.nextInt(48);
      int k = 1 + rnd.nextInt(96);
      double alpha = rnd.nextDouble(-2, 2);
      double beta = trial % 3 == 0 ? 0 : rnd.nextDouble(-2, 2);
      check(m, n, k, rnd.nextBoolean(), rnd.nextBoolean(), alpha, beta, rnd.nextLong());
    }
  }

  @Test
  void emptyInnerDimensionScalesC() {
    DMatrixRMaj a = new DMatrixRMaj(3, 0);
    DMatrixRMaj b = new DMatrixRMaj(0, 2);
    DMatrixRMaj c = new DMatrixRMaj(3, 2);
    Arrays.fill(c.data, 4.0);
    gemm().gemm(false, false, 1, a, b, 0.5, c);
    for (double v : c.data) {
      assertEquals(2.0, v, 0);
    }
    Arrays.fill(c.data, Double.NaN);
    gemm().gemm(false, false, 1, a, b, 0, c);
    for (double v : c.data) {
      assertEquals(0.0, v, 0);
    }
  }

  @Test
  void rejectsMismatchedShapesAndAliasing() {
    DMatrixRMaj a = new DMatrixRMaj(3, 4);
    DMatrixRMaj b = new DMatrixRMaj(5, 2);
    IllegalArgumentException inner = assertThrows(IllegalArgumentException.class,
        () -> gemm().gemm(false, false, 1, a, b, 0, new DMatrixRMaj(3, 2)));
    assertTrue(inner.getMessage().contains("inner dimensions"), inner.getMessage());
    IllegalArgumentException outer = assertThrows(IllegalArgumentException.class,
        () -> gemm().gemm(false, true, 1, a, new DMatrixRMaj(2, 4), 0, new DMatrixRMaj(3, 3)));
    assertTrue(outer.getMessage().contains("C is 3×3"), outer.getMessage());
    DMatrixRMaj square = new DMatrixRMaj(3, 3);
    assertThrows(IllegalArgumentException.class,
        () -> gemm().gemm(false, false, 1, square, new DMatrixRMaj(3, 3), 0, square));
  }
}
