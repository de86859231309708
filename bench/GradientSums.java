import io.augreg.nn.linalg.RowKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * The football network's gradient sums {@code dW = dZ·Aᵀ} (with the bias row), as the row
 * executor runs them, against summation orders that C2 (JDK 17) could vectorize (issue 13,
 * foottrain). Shapes of the 2-20-3-1 net on 211 examples: 20 × 3, 3 × 21 and 1 × 4 sums per step,
 * 26 797 multiply-adds. Each candidate is first checked bit for bit against a plain loop written
 * in its own order, then timed in alternating rounds on the thread's CPU clock.
 *
 * <ul>
 *   <li>{@code blocks}: {@link RowKernels#timesTrans}, the order FootballReferenceTest pins:
 *       sequential fused multiply-adds in register blocks (3 × 4, 3 × 3, ...), the 1 × 1 leftovers
 *       with four interleaved accumulators.
 *   <li>{@code lanes-inv}: lane r of a sum holds {@code x[r]·y[r] + x[r+L]·y[r+L] + x[r+2L]·y[r+2L]
 *       + x[r+3L]·y[r+3L]} with {@code L = m/4} (register blocks of 3 × 4 sums), then the lanes
 *       in order and the last m mod 4 terms.
 *   <li>{@code lanes-64}: the same with {@code L = 64} written as constants (rows zero-padded to
 *       256 examples). C2 vectorizes neither lane block (both take the same time with {@code
 *       -XX:-UseSuperWord}): 28 loads, 48 multiply-adds and 12 stores per lane.
 *   <li>{@code pairs-128}: one row of dZ against two rows of A (the body C2 vectorizes best), lane
 *       r = {@code x[r]·y[r] + x[r+128]·y[r+128]} over 128 lanes, then halving folds 128 → 8 and
 *       a fixed tree of the last 8.
 *   <li>{@code pairs-64}: the same with chains of four over 64 lanes, folds 64 → 8.
 * </ul>
 * Both pairs kernels are vectorized (twice as slow with {@code -XX:-UseSuperWord}), yet slower than
 * the scalar blocks: the loads, stores and folds cost more than the multiply-adds they save.
 *
 * <p>Usage: {@code java -cp target/augreg.jar bench/GradientSums.java [ROUNDS=5] [REPS=200000]}.
 */
public class GradientSums {
  static final int M = 211;
  static final int PAD = 256;
  static final int[] N = {20, 3, 1};
  static final int[] P = {3, 21, 4};
  static final double[][] LANES = new double[12][PAD];
  static final double[] FOLD = new double[12];

  interface Sums {
    void run(double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs);
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Random rnd = new Random(1);
    double[][][] g = new double[3][][];
    double[][][] a = new double[3][][];
    for (int l = 0; l < 3; l++) {
      g[l] = rows(rnd, N[l]);
      a[l] = rows(rnd, P[l]);
    }
    String[] names = {"blocks", "lanes-inv", "lanes-64", "pairs-128", "pairs-64"};
    Sums[] kernels = {
      RowKernels::timesTrans, GradientSums::lanesInv, GradientSums::lanes64, GradientSums::pairs128,
      GradientSums::pairs64
    };
    Sums[] plain = {
      RowKernels::timesTrans, GradientSums::plainLanesInv, GradientSums::plainLanes64,
      GradientSums::plainPairs128, GradientSums::plainPairs64
    };
    for (int c = 0; c < kernels.length; c++) {
      for (int l = 0; l < 3; l++) {
        double[] w1 = new double[N[l] * P[l]];
        double[] w2 = new double[N[l] * P[l]];
        kernels[c].run(g[l], N[l], a[l], P[l], M, w1, 1, N[l]);
        plain[c].run(g[l], N[l], a[l], P[l], M, w2, 1, N[l]);
        if (!Arrays.equals(w1, w2)) {
          throw new AssertionError(names[c] + " differs from its plain loop, layer " + (l + 1));
        }
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] us = new double[kernels.length][rounds];
    double[][] w = {new double[60], new double[63], new double[4]};
    for (int r = -2; r < rounds; r++) { // two untimed rounds: JIT
      for (int c = 0; c < kernels.length; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int it = 0; it < reps; it++) {
          for (int l = 0; l < 3; l++) {
            kernels[c].run(g[l], N[l], a[l], P[l], M, w[l], 1, N[l]);
          }
        }
        if (r >= 0) {
          us[c][r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / reps;
        }
      }
    }
    int fmas = M * (20 * 3 + 3 * 21 + 4);
    System.out.println("| order | µs per step (median) | min–max | multiply-adds per ns |");
    System.out.println("| --- | ---: | ---: | ---: |");
    for (int c = 0; c < kernels.length; c++) {
      double[] s = us[c].clone();
      Arrays.sort(s);
      double med = s[s.length / 2];
      System.out.printf("| %s | %.2f | %.2f–%.2f | %.1f |%n", names[c], med, s[0], s[s.length - 1],
          fmas / (med * 1e3));
    }
  }

  /** Rows of PAD doubles, the first M random, the rest zero. */
  static double[][] rows(Random rnd, int n) {
    double[][] r = new double[n][PAD];
    for (double[] row : r) {
      for (int j = 0; j < M; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    return r;
  }

  // ---- plain loops, one per order ----

  static void plainLanesInv(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    int len = m / 4;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        double[] x = g[i];
        double[] y = a[k];
        double s = 0;
        for (int r = 0; r < len; r++) {
          s += chain4(x, y, r, len);
        }
        for (int j = 4 * len; j < m; j++) {
          s = Math.fma(x[j], y[j], s);
        }
        w[i * rs + k * cs] = s;
      }
    }
  }

  static double chain4(double[] x, double[] y, int r, int len) {
    return Math.fma(x[r + 3 * len], y[r + 3 * len], Math.fma(x[r + 2 * len], y[r + 2 * len],
        Math.fma(x[r + len], y[r + len], x[r] * y[r])));
  }

  static void plainLanes64(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        double s = 0;
        for (int r = 0; r < 64; r++) {
          s += chain4(g[i], a[k], r, 64);
        }
        w[i * rs + k * cs] = s;
      }
    }
  }

  static void plainPairs128(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    double[] z = new double[128];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        double[] x = g[i];
        double[] y = a[k];
        for (int r = 0; r < 128; r++) {
          z[r] = Math.fma(x[r + 128], y[r + 128], x[r] * y[r]);
        }
        for (int h = 64; h >= 8; h /= 2) {
          for (int r = 0; r < h; r++) {
            z[r] += z[r + h];
          }
        }
        w[i * rs + k * cs] = tree8(z);
      }
    }
  }

  static void plainPairs64(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    double[] z = new double[64];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < p; k++) {
        for (int r = 0; r < 64; r++) {
          z[r] = chain4(g[i], a[k], r, 64);
        }
        for (int h = 32; h >= 8; h /= 2) {
          for (int r = 0; r < h; r++) {
            z[r] += z[r + h];
          }
        }
        w[i * rs + k * cs] = tree8(z);
      }
    }
  }

  static double tree8(double[] z) {
    return ((z[0] + z[1]) + (z[2] + z[3])) + ((z[4] + z[5]) + (z[6] + z[7]));
  }

  // ---- the kernels ----

  /** lanes-inv: 3 × 4 register blocks where they fit, single sums elsewhere. */
  static void lanesInv(double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    lanes(g, n, a, p, m, m / 4, w, rs, cs);
  }

  /** lanes-64: as lanes-inv with L = 64 (zero-padded rows, m ≤ 256). */
  static void lanes64(double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    lanes(g, n, a, p, m, 64, w, rs, cs);
  }

  static void lanes(
      double[][] g, int n, double[][] a, int p, int m, int len, double[] w, int rs, int cs) {
    if (p == 3 && n >= 4) {
      // the 20 × 3 sums as 3 × 20: the same products (x·y = y·x exactly), 3 × 4 blocks
      lanes(a, p, g, n, m, len, w, cs, rs);
      return;
    }
    int i = 0;
    for (; i + 3 <= n; i += 3) {
      int k = 0;
      for (; k + 4 <= p; k += 4) {
        if (len == 64) {
          block34c(g, i, a, k, w, i * rs + k * cs, rs, cs);
        } else {
          block34(g, i, a, k, m, len, w, i * rs + k * cs, rs, cs);
        }
      }
      for (; k < p; k++) {
        for (int r = 0; r < 3; r++) {
          w[(i + r) * rs + k * cs] = lane11(g[i + r], a[k], m, len);
        }
      }
    }
    for (; i < n; i++) {
      for (int k = 0; k < p; k++) {
        w[i * rs + k * cs] = lane11(g[i], a[k], m, len);
      }
    }
  }

  static double lane11(double[] x, double[] y, int m, int len) {
    double[] z = LANES[0];
    for (int r = 0; r < len; r++) {
      z[r] = chain4(x, y, r, len);
    }
    double s = 0;
    for (int r = 0; r < len; r++) {
      s += z[r];
    }
    for (int j = 4 * len; j < m; j++) {
      s = Math.fma(x[j], y[j], s);
    }
    return s;
  }

  /** 3 × 4 block of lane sums at loop-invariant offsets L, 2L, 3L. */
  static void block34(
      double[][] g, int i, double[][] a, int k, int m, int len, double[] w, int o, int rs,
      int cs) {
    double[] x0 = g[i], x1 = g[i + 1], x2 = g[i + 2];
    double[] y0 = a[k], y1 = a[k + 1], y2 = a[k + 2], y3 = a[k + 3];
    double[][] z = LANES;
    double[] z0 = z[0], z1 = z[1], z2 = z[2], z3 = z[3], z4 = z[4], z5 = z[5];
    double[] z6 = z[6], z7 = z[7], z8 = z[8], z9 = z[9], z10 = z[10], z11 = z[11];
    int l2 = 2 * len;
    int l3 = 3 * len;
    for (int r = 0; r < len; r++) {
      double a0 = x0[r], a1 = x0[r + len], a2 = x0[r + l2], a3 = x0[r + l3];
      double b0 = x1[r], b1 = x1[r + len], b2 = x1[r + l2], b3 = x1[r + l3];
      double c0 = x2[r], c1 = x2[r + len], c2 = x2[r + l2], c3 = x2[r + l3];
      double d0 = y0[r], d1 = y0[r + len], d2 = y0[r + l2], d3 = y0[r + l3];
      double e0 = y1[r], e1 = y1[r + len], e2 = y1[r + l2], e3 = y1[r + l3];
      double f0 = y2[r], f1 = y2[r + len], f2 = y2[r + l2], f3 = y2[r + l3];
      double h0 = y3[r], h1 = y3[r + len], h2 = y3[r + l2], h3 = y3[r + l3];
      z0[r] = Math.fma(a3, d3, Math.fma(a2, d2, Math.fma(a1, d1, a0 * d0)));
      z1[r] = Math.fma(a3, e3, Math.fma(a2, e2, Math.fma(a1, e1, a0 * e0)));
      z2[r] = Math.fma(a3, f3, Math.fma(a2, f2, Math.fma(a1, f1, a0 * f0)));
      z3[r] = Math.fma(a3, h3, Math.fma(a2, h2, Math.fma(a1, h1, a0 * h0)));
      z4[r] = Math.fma(b3, d3, Math.fma(b2, d2, Math.fma(b1, d1, b0 * d0)));
      z5[r] = Math.fma(b3, e3, Math.fma(b2, e2, Math.fma(b1, e1, b0 * e0)));
      z6[r] = Math.fma(b3, f3, Math.fma(b2, f2, Math.fma(b1, f1, b0 * f0)));
      z7[r] = Math.fma(b3, h3, Math.fma(b2, h2, Math.fma(b1, h1, b0 * h0)));
      z8[r] = Math.fma(c3, d3, Math.fma(c2, d2, Math.fma(c1, d1, c0 * d0)));
      z9[r] = Math.fma(c3, e3, Math.fma(c2, e2, Math.fma(c1, e1, c0 * e0)));
      z10[r] = Math.fma(c3, f3, Math.fma(c2, f2, Math.fma(c1, f1, c0 * f0)));
      z11[r] = Math.fma(c3, h3, Math.fma(c2, h2, Math.fma(c1, h1, c0 * h0)));
    }
    fold34(g, i, a, k, m, len, w, o, rs, cs);
  }

  /** The same block with L = 64 written as constants (C2 then sees one alignment). */
  static void block34c(
      double[][] g, int i, double[][] a, int k, double[] w, int o, int rs, int cs) {
    double[] x0 = g[i], x1 = g[i + 1], x2 = g[i + 2];
    double[] y0 = a[k], y1 = a[k + 1], y2 = a[k + 2], y3 = a[k + 3];
    double[][] z = LANES;
    double[] z0 = z[0], z1 = z[1], z2 = z[2], z3 = z[3], z4 = z[4], z5 = z[5];
    double[] z6 = z[6], z7 = z[7], z8 = z[8], z9 = z[9], z10 = z[10], z11 = z[11];
    for (int r = 0; r < 64; r++) {
      double a0 = x0[r], a1 = x0[r + 64], a2 = x0[r + 128], a3 = x0[r + 192];
      double b0 = x1[r], b1 = x1[r + 64], b2 = x1[r + 128], b3 = x1[r + 192];
      double c0 = x2[r], c1 = x2[r + 64], c2 = x2[r + 128], c3 = x2[r + 192];
      double d0 = y0[r], d1 = y0[r + 64], d2 = y0[r + 128], d3 = y0[r + 192];
      double e0 = y1[r], e1 = y1[r + 64], e2 = y1[r + 128], e3 = y1[r + 192];
      double f0 = y2[r], f1 = y2[r + 64], f2 = y2[r + 128], f3 = y2[r + 192];
      double h0 = y3[r], h1 = y3[r + 64], h2 = y3[r + 128], h3 = y3[r + 192];
      z0[r] = Math.fma(a3, d3, Math.fma(a2, d2, Math.fma(a1, d1, a0 * d0)));
      z1[r] = Math.fma(a3, e3, Math.fma(a2, e2, Math.fma(a1, e1, a0 * e0)));
      z2[r] = Math.fma(a3, f3, Math.fma(a2, f2, Math.fma(a1, f1, a0 * f0)));
      z3[r] = Math.fma(a3, h3, Math.fma(a2, h2, Math.fma(a1, h1, a0 * h0)));
      z4[r] = Math.fma(b3, d3, Math.fma(b2, d2, Math.fma(b1, d1, b0 * d0)));
      z5[r] = Math.fma(b3, e3, Math.fma(b2, e2, Math.fma(b1, e1, b0 * e0)));
      z6[r] = Math.fma(b3, f3, Math.fma(b2, f2, Math.fma(b1, f1, b0 * f0)));
      z7[r] = Math.fma(b3, h3, Math.fma(b2, h2, Math.fma(b1, h1, b0 * h0)));
      z8[r] = Math.fma(c3, d3, Math.fma(c2, d2, Math.fma(c1, d1, c0 * d0)));
      z9[r] = Math.fma(c3, e3, Math.fma(c2, e2, Math.fma(c1, e1, c0 * e0)));
      z10[r] = Math.fma(c3, f3, Math.fma(c2, f2, Math.fma(c1, f1, c0 * f0)));
      z11[r] = Math.fma(c3, h3, Math.fma(c2, h2, Math.fma(c1, h1, c0 * h0)));
    }
    fold34(g, i, a, k, 256, 64, w, o, rs, cs);
  }

  /** Each of the 12 sums: its lanes in order (12 chains in one loop), then the tail terms. */
  static void fold34(double[][] g, int i, double[][] a, int k, int m, int len, double[] w, int o,
      int rs, int cs) {
    double[][] z = LANES;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
    double s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0;
    for (int r = 0; r < len; r++) {
      s0 += z[0][r];
      s1 += z[1][r];
      s2 += z[2][r];
      s3 += z[3][r];
      s4 += z[4][r];
      s5 += z[5][r];
      s6 += z[6][r];
      s7 += z[7][r];
      s8 += z[8][r];
      s9 += z[9][r];
      s10 += z[10][r];
      s11 += z[11][r];
    }
    double[] s = FOLD;
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    s[4] = s4;
    s[5] = s5;
    s[6] = s6;
    s[7] = s7;
    s[8] = s8;
    s[9] = s9;
    s[10] = s10;
    s[11] = s11;
    for (int q = 0; q < 12; q++) {
      double t = s[q];
      for (int j = 4 * len; j < m; j++) {
        t = Math.fma(g[i + q / 4][j], a[k + q % 4][j], t);
      }
      w[o + (q / 4) * rs + (q % 4) * cs] = t;
    }
  }

  /** pairs-128: one row of dZ against two rows of A at a time (zero-padded rows, m ≤ 256). */
  static void pairs128(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    for (int i = 0; i < n; i++) {
      int k = 0;
      for (; k + 2 <= p; k += 2) {
        pair(g[i], a[k], a[k + 1], w, i * rs + k * cs, i * rs + (k + 1) * cs);
      }
      if (k < p) {
        pair(g[i], a[k], a[k], w, i * rs + k * cs, i * rs + k * cs);
      }
    }
  }

  /** pairs-64: as pairs-128 with chains of four over 64 lanes, folds 64 → 8. */
  static void pairs64(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    for (int i = 0; i < n; i++) {
      int k = 0;
      for (; k + 2 <= p; k += 2) {
        pair64(g[i], a[k], a[k + 1], w, i * rs + k * cs, i * rs + (k + 1) * cs);
      }
      if (k < p) {
        pair64(g[i], a[k], a[k], w, i * rs + k * cs, i * rs + k * cs);
      }
    }
  }

  static void pair64(double[] x, double[] y0, double[] y1, double[] w, int o0, int o1) {
    double[] z0 = LANES[0];
    double[] z1 = LANES[1];
    for (int j = 0; j < 64; j++) {
      double a0 = x[j];
      double a1 = x[j + 64];
      double a2 = x[j + 128];
      double a3 = x[j + 192];
      z0[j] = Math.fma(a3, y0[j + 192], Math.fma(a2, y0[j + 128], Math.fma(a1, y0[j + 64],
          a0 * y0[j])));
      z1[j] = Math.fma(a3, y1[j + 192], Math.fma(a2, y1[j + 128], Math.fma(a1, y1[j + 64],
          a0 * y1[j])));
    }
    fold64(z0, z1, w, o0, o1);
  }

  static void pair(double[] x, double[] y0, double[] y1, double[] w, int o0, int o1) {
    double[] z0 = LANES[0];
    double[] z1 = LANES[1];
    for (int j = 0; j < 128; j++) {
      double a0 = x[j];
      double a1 = x[j + 128];
      z0[j] = Math.fma(a1, y0[j + 128], a0 * y0[j]);
      z1[j] = Math.fma(a1, y1[j + 128], a0 * y1[j]);
    }
    for (int j = 0; j < 64; j++) {
      z0[j] += z0[j + 64];
      z1[j] += z1[j + 64];
    }
    fold64(z0, z1, w, o0, o1);
  }

  /** Two rows of 64 lanes folded in halves to 8, then each a fixed tree of 8, into w. */
  static void fold64(double[] z0, double[] z1, double[] w, int o0, int o1) {
    for (int j = 0; j < 32; j++) {
      z0[j] += z0[j + 32];
      z1[j] += z1[j + 32];
    }
    for (int j = 0; j < 16; j++) {
      z0[j] += z0[j + 16];
      z1[j] += z1[j + 16];
    }
    for (int j = 0; j < 8; j++) {
      z0[j] += z0[j + 8];
      z1[j] += z1[j + 8];
    }
    w[o0] = tree8(z0);
    w[o1] = tree8(z1);
  }
}
