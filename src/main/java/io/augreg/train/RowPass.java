package io.augreg.train;

import java.util.List;

/**
 * One loop over the m examples of a {@link RowExecutor} step (one unit's row), bound to its rows
 * when the executor's buffers are made. A step runs lists of passes through the one call site in
 * {@link #run(RowPass[], int)}.
 *
 * <p>Why passes: that call site sees many classes, so the JIT calls each pass's {@code run}
 * instead of inlining it, and compiles each kind of loop once. Static kernels called from the
 * step's driver methods were compiled alone when they got hot, then again inside every hot driver
 * that inlined them (and a kernel that looped over rows once more, on the stack): measured on
 * {@code football --reference}, the C2 time of the row executor fell from about 2.1 s to 0.8 s
 * (compiler threads on a loaded machine) without that inlining. Each pass is a single loop of m
 * iterations, so the JIT compiles it whole rather than on the stack (OSR).
 *
 * <p>The arithmetic is that of {@link io.augreg.nn.linalg.RowKernels} and of the lesson's
 * layers, term for term and in the same order (Java evaluates left to right and never fuses a
 * product into a sum), so the recorded history is bit for bit the same.
 */
abstract class RowPass {
  /**
   * Runs the pass on the first m examples.
   *
   * @param m examples
   */
  abstract void run(int m);

  /** Runs the passes in order. */
  static void run(RowPass[] passes, int m) {
    for (RowPass p : passes) {
      p.run(m);
    }
  }

  /**
   * Appends the passes of one product row {@code z[j] = Σ_q c(q)·in[q][j]}, {@code c(q) =
   * w[c0 + q·sq]}, summed as {@link io.augreg.nn.linalg.RowKernels#times}: the first (up to)
   * four terms assigned, then four at a time, then the rest.
   *
   * @param plan the passes so far
   * @param z the output row
   * @param w the coefficients
   * @param c0 index of the first coefficient
   * @param sq stride between coefficients
   * @param in the input rows
   * @param p number of inputs
   */
  static void product(
      List<RowPass> plan, double[] z, double[] w, int c0, int sq, double[][] in, int p) {
    int first = Math.min(p, 4);
    plan.add(sum(first, true, z, w, c0, sq, in, 0));
    int q = first;
    for (; q + 4 <= p; q += 4) {
      plan.add(new Sum4(false, z, w, c0 + q * sq, sq, in, q));
    }
    if (q < p) {
      plan.add(sum(p - q, false, z, w, c0 + q * sq, sq, in, q));
    }
  }

  private static RowPass sum(
      int terms, boolean assign, double[] z, double[] w, int c, int sq, double[][] in, int q) {
    return switch (terms) {
      case 4 -> new Sum4(assign, z, w, c, sq, in, q);
      case 3 -> new Sum3(assign, z, w, c, sq, in, q);
      case 2 -> new Sum2(assign, z, w, c, sq, in, q);
      default -> new Sum1(assign, z, w, c, in, q);
    };
  }

  /** The ReLU step {@code min(1, G·2^1200)}: 1 for G &gt; 0, else 0 (G is never negative). */
  static double step(double g) {
    return Math.min(1.0, g * 0x1p600 * 0x1p600);
  }

  /** Terms of a product row: coefficients from the live weights, input rows from q on. */
  private abstract static class Terms extends RowPass {
    final boolean assign;
    final double[] z;
    final double[] w;
    final int c;
    final int sq;
    final double[][] in;
    final int q;

    Terms(boolean assign, double[] z, double[] w, int c, int sq, double[][] in, int q) {
      this.assign = assign;
      this.z = z;
      this.w = w;
      this.c = c;
      this.sq = sq;
      this.in = in;
      this.q = q;
    }
  }

  /** {@code z = w0·a0} or {@code z += w0·a0}. */
  static final class Sum1 extends Terms {
    Sum1(boolean assign, double[] z, double[] w, int c, double[][] in, int q) {
      super(assign, z, w, c, 0, in, q);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double[] a0 = in[q];
      if (assign) {
        for (int j = 0; j < m; j++) {
          z[j] = w0 * a0[j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          z[j] += w0 * a0[j];
        }
      }
    }
  }

  /** {@code z = w0·a0 + w1·a1} or {@code z += (w0·a0 + w1·a1)}. */
  static final class Sum2 extends Terms {
    Sum2(boolean assign, double[] z, double[] w, int c, int sq, double[][] in, int q) {
      super(assign, z, w, c, sq, in, q);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double w1 = w[c + sq];
      double[] a0 = in[q];
      double[] a1 = in[q + 1];
      if (assign) {
        for (int j = 0; j < m; j++) {
          z[j] = w0 * a0[j] + w1 * a1[j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          z[j] += w0 * a0[j] + w1 * a1[j];
        }
      }
    }
  }

  /** Three terms, assigned or added. */
  static final class Sum3 extends Terms {
    Sum3(boolean assign, double[] z, double[] w, int c, int sq, double[][] in, int q) {
      super(assign, z, w, c, sq, in, q);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double w1 = w[c + sq];
      double w2 = w[c + 2 * sq];
      double[] a0 = in[q];
      double[] a1 = in[q + 1];
      double[] a2 = in[q + 2];
      if (assign) {
        for (int j = 0; j < m; j++) {
          z[j] = w0 * a0[j] + w1 * a1[j] + w2 * a2[j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          z[j] += w0 * a0[j] + w1 * a1[j] + w2 * a2[j];
        }
      }
    }
  }

  /** Four terms, assigned or added. */
  static final class Sum4 extends Terms {
    Sum4(boolean assign, double[] z, double[] w, int c, int sq, double[][] in, int q) {
      super(assign, z, w, c, sq, in, q);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double w1 = w[c + sq];
      double w2 = w[c + 2 * sq];
      double w3 = w[c + 3 * sq];
      double[] a0 = in[q];
      double[] a1 = in[q + 1];
      double[] a2 = in[q + 2];
      double[] a3 = in[q + 3];
      if (assign) {
        for (int j = 0; j < m; j++) {
          z[j] = w0 * a0[j] + w1 * a1[j] + w2 * a2[j] + w3 * a3[j];
        }
      } else {
        for (int j = 0; j < m; j++) {
          z[j] += w0 * a0[j] + w1 * a1[j] + w2 * a2[j] + w3 * a3[j];
        }
      }
    }
  }

  /** A hidden unit: {@code G = max(Z + b, 0)} in place, as {@code (v + |v|)/2}. */
  static final class Relu extends RowPass {
    private final double[] z;
    private final double[] b;
    private final int i;

    Relu(double[] z, double[] b, int i) {
      this.z = z;
      this.b = b;
      this.i = i;
    }

    @Override
    void run(int m) {
      double bi = b[i];
      for (int j = 0; j < m; j++) {
        double v = z[j] + bi;
        z[j] = (v + Math.abs(v)) * 0.5;
      }
    }
  }

  /** A hidden unit with dropout: {@code G = max(Z + b, 0)} in place, {@code A = G · D}. */
  static final class ReluDropout extends RowPass {
    private final double[] z;
    private final double[] a;
    private final double[] d;
    private final double[] b;
    private final int i;

    ReluDropout(double[] z, double[] a, double[] d, double[] b, int i) {
      this.z = z;
      this.a = a;
      this.d = d;
      this.b = b;
      this.i = i;
    }

    @Override
    void run(int m) {
      double bi = b[i];
      for (int j = 0; j < m; j++) {
        double v = z[j] + bi;
        double g = (v + Math.abs(v)) * 0.5;
        z[j] = g;
        a[j] = g * d[j];
      }
    }
  }

  /** The output of a pass: {@link #check} is {@code Σ Z·0} (0 when every logit is finite). */
  abstract static class Output extends RowPass {
    /** The labels of the batch (set before a training pass). */
    double[] y;
    /** {@code Σ Z·0} of the last run. */
    double check;
  }

  /**
   * The sigmoid output: {@code Z += b}, {@code A = 1 / (1 + exp(−Z))}, in training also {@code
   * dZ = A − Y}.
   */
  static final class Sigmoid extends Output {
    private final double[] z;
    private final double[] b;
    private final double[] a;
    private final double[] dz;

    /** dz null: no delta (evaluation). */
    Sigmoid(double[] z, double[] b, double[] a, double[] dz) {
      this.z = z;
      this.b = b;
      this.a = a;
      this.dz = dz;
    }

    @Override
    void run(int m) {
      double b0 = b[0];
      double c = 0;
      if (dz != null) {
        double[] yy = y;
        for (int j = 0; j < m; j++) {
          double v = z[j] + b0;
          z[j] = v;
          double p = 1.0 / (1.0 + Math.exp(-v));
          a[j] = p;
          dz[j] = p - yy[j];
          c += v * 0.0;
        }
      } else {
        for (int j = 0; j < m; j++) {
          double v = z[j] + b0;
          z[j] = v;
          a[j] = 1.0 / (1.0 + Math.exp(-v));
          c += v * 0.0;
        }
      }
      check = c;
    }
  }

  /**
   * A row k of {@code dZ_{l−1} = (Σ_i W_l[i,k]·dZ_l[i]) · D · step(G_{l−1})} for a layer l of one
   * to three units, summed as {@link io.augreg.nn.linalg.RowKernels#times} (D the scaled mask, a
   * row of ones without dropout: multiplying by 1 is exact).
   */
  abstract static class Back extends RowPass {
    final double[] out;
    final double[] w;
    final int c;
    final double[][] d;
    final double[] mk;
    final double[] g;

    /**
     * @param out the row of dZ_{l−1}
     * @param w W_l, with W_l[i, k] at c + i
     * @param c index of W_l[0, k]
     * @param d the rows of dZ_l
     * @param mk the mask row
     * @param g the row of G_{l−1}
     */
    Back(double[] out, double[] w, int c, double[][] d, double[] mk, double[] g) {
      this.out = out;
      this.w = w;
      this.c = c;
      this.d = d;
      this.mk = mk;
      this.g = g;
    }
  }

  /** One unit: {@code dZ_{l−1} = W[0,k]·dZ_0 · D · step(G)}. */
  static final class Back1 extends Back {
    Back1(double[] out, double[] w, int c, double[][] d, double[] mk, double[] g) {
      super(out, w, c, d, mk, g);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double[] d0 = d[0];
      for (int j = 0; j < m; j++) {
        out[j] = w0 * d0[j] * mk[j] * step(g[j]);
      }
    }
  }

  /** Two units: {@code dZ_{l−1} = (W[0,k]·dZ_0 + W[1,k]·dZ_1) · D · step(G)}. */
  static final class Back2 extends Back {
    Back2(double[] out, double[] w, int c, double[][] d, double[] mk, double[] g) {
      super(out, w, c, d, mk, g);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double w1 = w[c + 1];
      double[] d0 = d[0];
      double[] d1 = d[1];
      for (int j = 0; j < m; j++) {
        out[j] = (w0 * d0[j] + w1 * d1[j]) * mk[j] * step(g[j]);
      }
    }
  }

  /** Three units: {@code dZ_{l−1} = (W[0,k]·dZ_0 + W[1,k]·dZ_1 + W[2,k]·dZ_2) · D · step(G)}. */
  static final class Back3 extends Back {
    Back3(double[] out, double[] w, int c, double[][] d, double[] mk, double[] g) {
      super(out, w, c, d, mk, g);
    }

    @Override
    void run(int m) {
      double w0 = w[c];
      double w1 = w[c + 1];
      double w2 = w[c + 2];
      double[] d0 = d[0];
      double[] d1 = d[1];
      double[] d2 = d[2];
      for (int j = 0; j < m; j++) {
        out[j] = (w0 * d0[j] + w1 * d1[j] + w2 * d2[j]) * mk[j] * step(g[j]);
      }
    }
  }

  /** {@code dZ = dA · D · step(G)} in place (after a product {@code dA = Wᵀ·dZ_l}). */
  static final class ReluBack extends RowPass {
    private final double[] da;
    private final double[] mk;
    private final double[] g;

    ReluBack(double[] da, double[] mk, double[] g) {
      this.da = da;
      this.mk = mk;
      this.g = g;
    }

    @Override
    void run(int m) {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * mk[j] * step(g[j]);
      }
    }
  }
}
