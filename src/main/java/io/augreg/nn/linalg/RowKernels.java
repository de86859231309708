package io.augreg.nn.linalg;

/**
 * Products for dense layers whose activations are stored as one Java array per unit (row), each
 * holding the m examples from index 0.
 *
 * <p>Why rows: HotSpot's C2 (JDK 17) vectorizes {@code y[j] += a·x[j]} only when every array index
 * in the loop has the same loop-invariant offset; a flat row-major matrix addresses row i at
 * {@code i·m + j}, which defeats it. With one array per row every access is {@code x[j]}, the
 * axpy loops below run on AVX, and a 2-20-3-1 network step takes a few microseconds.
 *
 * <p>Weights stay flat row-major ({@code W[i·p + k]}), read as scalars. Output rows are
 * overwritten (not accumulated). Reductions over examples ({@code dZ·Aᵀ}) cannot be vectorized by
 * the JIT; they run as register blocks of dot products with independent accumulators, each step a
 * fused multiply-add ({@link Math#fma}, one instruction on FMA hardware).
 */
public final class RowKernels {
  private RowKernels() {}

  /**
   * Output rows processed together: their m entries (at most this many doubles in all) stay in
   * cache while the inputs stream past, so wide layers read their inputs once per chunk.
   */
  private static final int CHUNK_DOUBLES = 1 << 16;

  /**
   * {@code Z = W · A}: {@code z[i][j] = Σ_k W[i,k]·a[k][j]}, four k per pass over j.
   *
   * @param w W, row-major n × p
   * @param n rows of W (output rows)
   * @param p columns of W (input rows)
   * @param a input rows (p of them, length ≥ m)
   * @param z output rows (n of them, length ≥ m), overwritten
   * @param m examples
   */
  public static void times(double[] w, int n, int p, double[][] a, double[][] z, int m) {
    axpyProduct(w, p, 1, n, p, a, z, m);
  }

  /**
   * {@code Z = W · A} with W at any strides: {@code z[o][j] = Σ_q W[o·so + q·sq]·a[q][j]}, e.g.
   * {@code so = 1, sq = n} for W stored transposed ({@code p × n}, a dense layer's {@code in ×
   * units}) and {@code so = n, sq = 1} for the backward {@code Wᵀ·dZ} of that layout. The same
   * sums, in the same order, as {@link #times}.
   *
   * @param w the coefficients
   * @param so stride of W between output rows
   * @param sq stride of W between input rows
   * @param n output rows
   * @param p input rows
   * @param a input rows (p of them, length ≥ m)
   * @param z output rows (n of them, length ≥ m), overwritten
   * @param m examples
   */
  public static void times(
      double[] w, int so, int sq, int n, int p, double[][] a, double[][] z, int m) {
    axpyProduct(w, so, sq, n, p, a, z, m);
  }

  /**
   * {@code D = Wᵀ · G}: {@code d[k][j] = Σ_i W[i,k]·g[i][j]} (the backward {@code dA = Wᵀ·dZ}).
   *
   * @param w W, row-major n × p
   * @param n rows of W (rows of g)
   * @param p columns of W (output rows)
   * @param g input rows (n of them)
   * @param d output rows (p of them), overwritten
   * @param m examples
   */
  public static void transTimes(double[] w, int n, int p, double[][] g, double[][] d, int m) {
    axpyProduct(w, 1, p, p, n, g, d, m);
  }

  /**
   * {@code out[o][j] = Σ_q c(o, q)·in[q][j]} with coefficients {@code c(o, q) = w[o·so + q·sq]}.
   * Each output row sums its inputs in order q = 0, 1, 2, ... (first four assigned, then four at a
   * time, then the rest), so results do not depend on the chunking. Outputs go in chunks that fit
   * in cache; within a chunk the loop runs over groups of four inputs, all outputs inside, so each
   * group of input rows is read from memory once per chunk.
   */
  private static void axpyProduct(
      double[] w, int so, int sq, int nOut, int nIn, double[][] in, double[][] out, int m) {
    int chunk = Math.max(4, CHUNK_DOUBLES / Math.max(m, 1));
    int first = Math.min(nIn, 4);
    for (int o0 = 0; o0 < nOut; o0 += chunk) {
      int o1 = Math.min(nOut, o0 + chunk);
      // out_o = c(o,0..3) · in_{0..3}   (fewer when there are fewer inputs)
      switch (first) {
        case 4 -> assignRows4(w, so, sq, o0, o1, in, out, m);
        case 3 -> assignRows3(w, so, sq, o0, o1, in, out, m);
        case 2 -> assignRows2(w, so, sq, o0, o1, in, out, m);
        default -> assignRows1(w, so, o0, o1, in, out, m);
      }
      int q = first;
      // out_o += c(o,q..q+3) · in_{q..q+3}
      for (; q + 4 <= nIn; q += 4) {
        addRows4(w, so, sq, q, o0, o1, in, out, m);
      }
      switch (nIn - q) {
        case 3 -> addRows3(w, so, sq, q, o0, o1, in, out, m);
        case 2 -> addRows2(w, so, sq, q, o0, o1, in, out, m);
        case 1 -> addRows1(w, so, sq, q, o0, o1, in, out, m);
        default -> {
          // no inputs left
        }
      }
    }
  }

  // Each case of the product in its own loop over the output rows, so that no branch inside a
  // loop depends on the shape (the JIT then compiles each once, whatever the shapes it saw first).

  private static void assignRows4(
      double[] w, int so, int sq, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      int c = o * so;
      assign4(out[o], w[c], in[0], w[c + sq], in[1], w[c + 2 * sq], in[2], w[c + 3 * sq], in[3],
          m);
    }
  }

  private static void assignRows3(
      double[] w, int so, int sq, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      int c = o * so;
      assign3(out[o], w[c], in[0], w[c + sq], in[1], w[c + 2 * sq], in[2], m);
    }
  }

  private static void assignRows2(
      double[] w, int so, int sq, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      int c = o * so;
      assign2(out[o], w[c], in[0], w[c + sq], in[1], m);
    }
  }

  private static void assignRows1(
      double[] w, int so, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      assign1(out[o], w[o * so], in[0], m);
    }
  }

  private static void addRows4(
      double[] w, int so, int sq, int q, int o0, int o1, double[][] in, double[][] out, int m) {
    double[] a0 = in[q];
    double[] a1 = in[q + 1];
    double[] a2 = in[q + 2];
    double[] a3 = in[q + 3];
    for (int o = o0; o < o1; o++) {
      int c = o * so + q * sq;
      add4(out[o], w[c], a0, w[c + sq], a1, w[c + 2 * sq], a2, w[c + 3 * sq], a3, m);
    }
  }

  private static void addRows3(
      double[] w, int so, int sq, int q, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      int c = o * so + q * sq;
      add3(out[o], w[c], in[q], w[c + sq], in[q + 1], w[c + 2 * sq], in[q + 2], m);
    }
  }

  private static void addRows2(
      double[] w, int so, int sq, int q, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      int c = o * so + q * sq;
      add2(out[o], w[c], in[q], w[c + sq], in[q + 1], m);
    }
  }

  private static void addRows1(
      double[] w, int so, int sq, int q, int o0, int o1, double[][] in, double[][] out, int m) {
    for (int o = o0; o < o1; o++) {
      add1(out[o], w[o * so + q * sq], in[q], m);
    }
  }

  /**
   * {@code W = G · Aᵀ}: {@code w[i·p + k] = Σ_j g[i][j]·a[k][j]} (the weight gradient {@code
   * dZ·A_prevᵀ}). Register blocks of 3 rows of G × 4 rows of A (3 × 3 when A has 3 rows, 4 × 2
   * when it has fewer) share their loads across 8 to 12 independent accumulators.
   *
   * @param g rows of G (n of them)
   * @param n rows of G
   * @param a rows of A (p of them)
   * @param p rows of A
   * @param m examples
   * @param w output, row-major n × p, overwritten
   */
  public static void timesTrans(double[][] g, int n, double[][] a, int p, int m, double[] w) {
    timesTrans(g, n, a, p, m, w, p, 1);
  }

  /**
   * {@link #timesTrans(double[][], int, double[][], int, int, double[])} written at any strides:
   * {@code w[i·rs + k·cs] = Σ_j g[i][j]·a[k][j]}, the same sums in the same order (e.g. {@code rs
   * = 1, cs = n} writes {@code (G·Aᵀ)ᵀ}, a dense layer's {@code in × units} layout).
   *
   * @param g rows of G (n of them)
   * @param n rows of G
   * @param a rows of A (p of them)
   * @param p rows of A
   * @param m examples
   * @param w output, overwritten at the n·p positions
   * @param rs stride of the output between rows of G
   * @param cs stride of the output between rows of A
   */
  public static void timesTrans(
      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {
    int i = 0;
    if (p >= 4) {
      // chunks of rows of G (a multiple of 3) that stay in cache while A streams past once
      int chunk = Math.max(3, CHUNK_DOUBLES / Math.max(m, 1) / 3 * 3);
      int full = n / 3 * 3;
      for (int i0 = 0; i0 < full; i0 += chunk) {
        int i1 = Math.min(full, i0 + chunk);
        int k = 0;
        for (; k + 4 <= p; k += 4) {
          for (int r = i0; r < i1; r += 3) {
            sum(BLOCK34, g, r, a, k, m, w, r * rs + k * cs, rs, cs);
          }
        }
        for (; k < p; k++) {
          for (int r = i0; r < i1; r += 3) {
            sum(BLOCK31, g, r, a, k, m, w, r * rs + k * cs, rs, cs);
          }
        }
      }
      for (i = full; i < n; i++) {
        int k = 0;
        for (; k + 4 <= p; k += 4) {
          sum(BLOCK14, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
        for (; k < p; k++) {
          sum(DOT, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
      }
    } else if (p == 3) {
      for (; i + 3 <= n; i += 3) {
        sum(BLOCK33, g, i, a, 0, m, w, i * rs, rs, cs);
      }
      for (; i < n; i++) {
        for (int k = 0; k < 3; k++) {
          sum(DOT, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
      }
    } else {
      for (; i + 4 <= n; i += 4) {
        int k = 0;
        for (; k + 2 <= p; k += 2) {
          sum(BLOCK42, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
        if (k < p) {
          sum(BLOCK41, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
      }
      for (; i < n; i++) {
        for (int k = 0; k < p; k++) {
          sum(DOT, g, i, a, k, m, w, i * rs + k * cs, rs, cs);
        }
      }
    }
  }

  /**
   * A register block of dot products {@code w[o + r·rs + c·cs] = Σ_j g[i + r][j]·a[k + c][j]}
   * over a few rows r of G and c of A, one class per shape. They are all called through the one
   * call site in {@link #sum}, which sees several classes: the JIT then compiles each block once,
   * as its own method, instead of once alone and again inside every method that inlined it.
   */
  private abstract static class Block {
    abstract void sum(
        double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs);
  }

  /**
   * The blocks, read from an array at each call: a receiver the JIT took from a constant would be
   * of known class, and then inlined after all.
   */
  private static final Block[] BLOCKS = {
    new Block34(), new Block33(), new Block31(), new Block14(), new Block42(), new Block41(),
    new Dot()
  };

  private static final int BLOCK34 = 0;
  private static final int BLOCK33 = 1;
  private static final int BLOCK31 = 2;
  private static final int BLOCK14 = 3;
  private static final int BLOCK42 = 4;
  private static final int BLOCK41 = 5;
  private static final int DOT = 6;

  /** Runs a block (the one call site of every block). */
  private static void sum(
      int block, double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs,
      int cs) {
    BLOCKS[block].sum(g, i, a, k, m, w, o, rs, cs);
  }

  /** 3 × 4 block of dot products, written at w[o + r·rs + c·cs]. */
  private static final class Block34 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] g1 = g[i + 1];
      double[] g2 = g[i + 2];
      double[] a0 = a[k];
      double[] a1 = a[k + 1];
      double[] a2 = a[k + 2];
      double[] a3 = a[k + 3];
      double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      for (int j = 0; j < m; j++) {
        double x0 = g0[j];
        double x1 = g1[j];
        double x2 = g2[j];
        double y0 = a0[j];
        double y1 = a1[j];
        double y2 = a2[j];
        double y3 = a3[j];
        s00 = Math.fma(x0, y0, s00);
        s01 = Math.fma(x0, y1, s01);
        s02 = Math.fma(x0, y2, s02);
        s03 = Math.fma(x0, y3, s03);
        s10 = Math.fma(x1, y0, s10);
        s11 = Math.fma(x1, y1, s11);
        s12 = Math.fma(x1, y2, s12);
        s13 = Math.fma(x1, y3, s13);
        s20 = Math.fma(x2, y0, s20);
        s21 = Math.fma(x2, y1, s21);
        s22 = Math.fma(x2, y2, s22);
        s23 = Math.fma(x2, y3, s23);
      }
      w[o] = s00;
      w[o + cs] = s01;
      w[o + 2 * cs] = s02;
      w[o + 3 * cs] = s03;
      w[o + rs] = s10;
      w[o + rs + cs] = s11;
      w[o + rs + 2 * cs] = s12;
      w[o + rs + 3 * cs] = s13;
      w[o + 2 * rs] = s20;
      w[o + 2 * rs + cs] = s21;
      w[o + 2 * rs + 2 * cs] = s22;
      w[o + 2 * rs + 3 * cs] = s23;
    }
  }

  /** 3 × 3 block (p = 3), written at w[o + r·rs + c·cs]. */
  private static final class Block33 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] g1 = g[i + 1];
      double[] g2 = g[i + 2];
      double[] a0 = a[k];
      double[] a1 = a[k + 1];
      double[] a2 = a[k + 2];
      double s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
      for (int j = 0; j < m; j++) {
        double y0 = a0[j];
        double y1 = a1[j];
        double y2 = a2[j];
        double x0 = g0[j];
        double x1 = g1[j];
        double x2 = g2[j];
        s00 = Math.fma(x0, y0, s00);
        s01 = Math.fma(x0, y1, s01);
        s02 = Math.fma(x0, y2, s02);
        s10 = Math.fma(x1, y0, s10);
        s11 = Math.fma(x1, y1, s11);
        s12 = Math.fma(x1, y2, s12);
        s20 = Math.fma(x2, y0, s20);
        s21 = Math.fma(x2, y1, s21);
        s22 = Math.fma(x2, y2, s22);
      }
      w[o] = s00;
      w[o + cs] = s01;
      w[o + 2 * cs] = s02;
      w[o + rs] = s10;
      w[o + rs + cs] = s11;
      w[o + rs + 2 * cs] = s12;
      w[o + 2 * rs] = s20;
      w[o + 2 * rs + cs] = s21;
      w[o + 2 * rs + 2 * cs] = s22;
    }
  }

  /** 3 × 1 block. */
  private static final class Block31 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] g1 = g[i + 1];
      double[] g2 = g[i + 2];
      double[] a0 = a[k];
      double s0 = 0, s1 = 0, s2 = 0;
      for (int j = 0; j < m; j++) {
        double y = a0[j];
        s0 = Math.fma(g0[j], y, s0);
        s1 = Math.fma(g1[j], y, s1);
        s2 = Math.fma(g2[j], y, s2);
      }
      w[o] = s0;
      w[o + rs] = s1;
      w[o + 2 * rs] = s2;
    }
  }

  /** 1 × 4 block. */
  private static final class Block14 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] a0 = a[k];
      double[] a1 = a[k + 1];
      double[] a2 = a[k + 2];
      double[] a3 = a[k + 3];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int j = 0; j < m; j++) {
        double x = g0[j];
        s0 = Math.fma(x, a0[j], s0);
        s1 = Math.fma(x, a1[j], s1);
        s2 = Math.fma(x, a2[j], s2);
        s3 = Math.fma(x, a3[j], s3);
      }
      w[o] = s0;
      w[o + cs] = s1;
      w[o + 2 * cs] = s2;
      w[o + 3 * cs] = s3;
    }
  }

  /** 4 × 2 block. */
  private static final class Block42 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] g1 = g[i + 1];
      double[] g2 = g[i + 2];
      double[] g3 = g[i + 3];
      double[] a0 = a[k];
      double[] a1 = a[k + 1];
      double s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (int j = 0; j < m; j++) {
        double y0 = a0[j];
        double y1 = a1[j];
        double x0 = g0[j];
        double x1 = g1[j];
        double x2 = g2[j];
        double x3 = g3[j];
        s00 = Math.fma(x0, y0, s00);
        s01 = Math.fma(x0, y1, s01);
        s10 = Math.fma(x1, y0, s10);
        s11 = Math.fma(x1, y1, s11);
        s20 = Math.fma(x2, y0, s20);
        s21 = Math.fma(x2, y1, s21);
        s30 = Math.fma(x3, y0, s30);
        s31 = Math.fma(x3, y1, s31);
      }
      w[o] = s00;
      w[o + cs] = s01;
      w[o + rs] = s10;
      w[o + rs + cs] = s11;
      w[o + 2 * rs] = s20;
      w[o + 2 * rs + cs] = s21;
      w[o + 3 * rs] = s30;
      w[o + 3 * rs + cs] = s31;
    }
  }

  /** 4 × 1 block. */
  private static final class Block41 extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] g0 = g[i];
      double[] g1 = g[i + 1];
      double[] g2 = g[i + 2];
      double[] g3 = g[i + 3];
      double[] a0 = a[k];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int j = 0; j < m; j++) {
        double y = a0[j];
        s0 = Math.fma(g0[j], y, s0);
        s1 = Math.fma(g1[j], y, s1);
        s2 = Math.fma(g2[j], y, s2);
        s3 = Math.fma(g3[j], y, s3);
      }
      w[o] = s0;
      w[o + rs] = s1;
      w[o + 2 * rs] = s2;
      w[o + 3 * rs] = s3;
    }
  }

  /** One dot product (a 1 × 1 block), four accumulators, written at w[o]. */
  private static final class Dot extends Block {
    @Override
    void sum(double[][] g, int i, double[][] a, int k, int m, double[] w, int o, int rs, int cs) {
      double[] x = g[i];
      double[] y = a[k];
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int j = 0;
      for (; j + 4 <= m; j += 4) {
        s0 = Math.fma(x[j], y[j], s0);
        s1 = Math.fma(x[j + 1], y[j + 1], s1);
        s2 = Math.fma(x[j + 2], y[j + 2], s2);
        s3 = Math.fma(x[j + 3], y[j + 3], s3);
      }
      for (; j < m; j++) {
        s0 = Math.fma(x[j], y[j], s0);
      }
      w[o] = (s0 + s1) + (s2 + s3);
    }
  }

  // The axpy building blocks: every array indexed by j alone, so the JIT vectorizes them.

  private static void assign1(double[] z, double w0, double[] a0, int m) {
    for (int j = 0; j < m; j++) {
      z[j] = w0 * a0[j];
    }
  }

  private static void assign2(double[] z, double w0, double[] a0, double w1, double[] a1, int m) {
    for (int j = 0; j < m; j++) {
      z[j] = w0 * a0[j] + w1 * a1[j];
    }
  }

  private static void assign3(
      double[] z, double w0, double[] a0, double w1, double[] a1, double w2, double[] a2, int m) {
    for (int j = 0; j < m; j++) {
      z[j] = w0 * a0[j] + w1 * a1[j] + w2 * a2[j];
    }
  }

  private static void add3(
      double[] z, double w0, double[] a0, double w1, double[] a1, double w2, double[] a2, int m) {
    for (int j = 0; j < m; j++) {
      z[j] += w0 * a0[j] + w1 * a1[j] + w2 * a2[j];
    }
  }

  private static void assign4(
      double[] z,
      double w0,
      double[] a0,
      double w1,
      double[] a1,
      double w2,
      double[] a2,
      double w3,
      double[] a3,
      int m) {
    for (int j = 0; j < m; j++) {
      z[j] = w0 * a0[j] + w1 * a1[j] + w2 * a2[j] + w3 * a3[j];
    }
  }

  private static void add1(double[] z, double w0, double[] a0, int m) {
    for (int j = 0; j < m; j++) {
      z[j] += w0 * a0[j];
    }
  }

  private static void add2(double[] z, double w0, double[] a0, double w1, double[] a1, int m) {
    for (int j = 0; j < m; j++) {
      z[j] += w0 * a0[j] + w1 * a1[j];
    }
  }

  private static void add4(
      double[] z,
      double w0,
      double[] a0,
      double w1,
      double[] a1,
      double w2,
      double[] a2,
      double w3,
      double[] a3,
      int m) {
    for (int j = 0; j < m; j++) {
      z[j] += w0 * a0[j] + w1 * a1[j] + w2 * a2[j] + w3 * a3[j];
    }
  }
}
