package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RowKernels against plain triple loops, over sizes that hit every block and remainder path. */
class RowKernelsTest {
  private static double[][] rows(int n, int len, SplittableRandom r) {
    double[][] out = new double[n][len];
    for (double[] row : out) {
      for (int j = 0; j < len; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return out;
  }

  private static double[] flat(int n, SplittableRandom r) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextGaussian();
    }
    return out;
  }

  @Test
  void productsMatchNaiveLoops() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n = 1; n <= 9; n++) {
      for (int p = 1; p <= 9; p++) {
        // m = 12 000 splits the rows into several cache chunks
        for (int m : new int[] {1, 2, 7, 16, n == 9 && p == 9 ? 12_000 : 3}) {
          int len = m + 3; // rows longer than m: entries past m must be ignored
          double[] w = flat(n * p, r);
          double[][] a = rows(p, len, r);
          double[][] g = rows(n, len, r);
          double[][] z = rows(n, len, r);
          RowKernels.times(w, n, p, a, z, m);
          double[][] d = rows(p, len, r);
          RowKernels.transTimes(w, n, p, g, d, m);
          double[] dw = flat(n * p, r);
          RowKernels.timesTrans(g, n, a, p, m, dw);
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
              double s = 0;
              for (int k = 0; k < p; k++) {
                s += w[i * p + k] * a[k][j];
              }
              assertEquals(s, z[i][j], 1e-12, "times " + n + "x" + p + " m=" + m);
            }
            for (int k = 0; k < p; k++) {
              double s = 0;
              for (int j = 0; j < m; j++) {
                s += g[i][j] * a[k][j];
              }
              assertEquals(s, dw[i * p + k], 1e-12, "timesTrans " + n + "x" + p + " m=" + m);
            }
          }
          for (int k = 0; k < p; k++) {
            for (int j = 0; j < m; j++) {
              double s = 0;
              for (int i = 0; i < n; i++) {
                s += w[i * p + k] * g[i][j];
              }
              assertEquals(s, d[k][j], 1e-12, "transTimes " + n + "x" + p + " m=" + m);
            }
          }
        }
      }
    }
  }

  /**
   * The strided forms give the row-major forms' values bit for bit: W read transposed ({@code in ×
   * units}, a dense layer's layout) and the gradient written transposed.
   */
  @Test
  void stridedProductsEqualTheRowMajorOnesBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    for (int n = 1; n <= 22; n += 3) {
      for (int p = 1; p <= 22; p += (p < 5 ? 1 : 4)) {
        int m = 211;
        double[] w = flat(n * p, r);
        double[] wt = new double[n * p]; // W transposed: W[i, k] at k·n + i
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < p; k++) {
            wt[k * n + i] = w[i * p + k];
          }
        }
        double[][] a = rows(p, m, r);
        double[][] g = rows(n, m, r);
        double[][] z = rows(n, m, r);
        double[][] zs = rows(n, m, r);
        RowKernels.times(w, n, p, a, z, m);
        RowKernels.times(wt, 1, n, n, p, a, zs, m);
        double[][] d = rows(p, m, r);
        double[][] ds = rows(p, m, r);
        RowKernels.transTimes(w, n, p, g, d, m);
        RowKernels.times(wt, n, 1, p, n, g, ds, m);
        double[] dw = flat(n * p, r);
        double[] dws = flat(n * p, r);
        RowKernels.timesTrans(g, n, a, p, m, dw);
        RowKernels.timesTrans(g, n, a, p, m, dws, 1, n);
        String at = n + "x" + p;
        for (int i = 0; i < n; i++) {
          assertArrayEquals(z[i], zs[i], "times " + at);
          for (int k = 0; k < p; k++) {
            assertEquals(Double.doubleToRawLongBits(dw[i * p + k]),
                Double.doubleToRawLongBits(dws[k * n + i]), "timesTrans " + at);
          }
        }
        for (int k = 0; k < p; k++) {
          assertArrayEquals(d[k], ds[k], "transTimes " + at);
        }
      }
    }
  }
}
