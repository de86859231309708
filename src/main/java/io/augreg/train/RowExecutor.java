package io.augreg.train;

import io.augreg.nn.Dense;
import io.augreg.nn.Dropout;
import io.augreg.nn.Layer;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Relu;
import io.augreg.nn.LayerStack;
import io.augreg.nn.linalg.RowKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * The row executor: a narrow dense ReLU stack ({@code dense → relu [→ dropout]} … {@code dense},
 * e.g. the football 2-20-3-1) run on one thread with its activations stored one array per unit
 * ({@link RowKernels}: the loops over examples vectorize), on the live parameters of a {@link
 * LayerStack}'s {@link Dense} layers. A dense layer stores W as {@code in × units}; the products
 * read a transposed copy {@code W_l} ({@code units × in}), refreshed after each step.
 *
 * <p>Layer l (1..L): {@code Z_l = W_l·A_{l−1} + b_l}, {@code G_l = max(Z_l, 0)}, {@code A_l = G_l ⊙
 * D_l} with dropout's scaled mask (0 or 1/keep, the {@link Dropout} layer's own masks, fresh or the
 * lesson's reference ones), else {@code A_l = G_l}; the output is {@code A_L = σ(Z_L)} or softmax.
 * Backward: {@code dZ_L = A_L − Y}; {@code dW_l = dZ_l·A_{l−1}ᵀ} and {@code db_l = Σ_j dZ_l}
 * (sums, divided by m once in the optimizer); {@code dA_{l−1} = W_lᵀ·dZ_l}, times {@code D_{l−1}}
 * with dropout, then {@code dZ_{l−1} = dA_{l−1} ⊙ [G_{l−1} > 0]}. Buffers grow to the largest
 * batch once; a step allocates nothing.
 */
final class RowExecutor implements Executor {
  private final LayerStack stack;
  private final OutputKind output;
  private final int layers;
  private final int[] sizes;
  private final Param[] weight;
  private final Param[] bias;
  private final Dropout[] dropout; // [l], hidden layers with dropout (keep < 1), else null
  private final double[][] wt; // [l]: W_l, units × in (transposed copy of the dense weights)
  private boolean stale = true;
  private int maxM;
  private int m;
  private double[][][] z; // [l][unit][example]; hidden layers: z and g share arrays (in place)
  private double[][][] a; // [l]: activations after dropout (= g without dropout); a[0] = inputs
  private double[][][] g; // [l]: activations before dropout
  private double[][][] dz;
  private double[][][] mask; // [l]: scaled masks (0 or 1/keep)
  private double[][][] aOnes; // [l]: rows of a[l-1] plus a row of ones
  private double[][] dwb; // [l]: n_l × (n_{l−1} + 1): [dW_l | db_l]
  private double[] ones;
  /** The batch size the fixed (reference) masks were copied for, −1 for none. */
  private int fixedMasksFor = -1;

  /**
   * Whether a stack fits this executor: flat input, {@code dense → relu [→ dropout]} hidden layers
   * and a dense output, every layer at most {@code widest} inputs and units.
   *
   * @param stack the layers
   * @param widest the widest layer (inputs or units) the row layout is used for
   * @return true if the row executor can run it
   */
  static boolean fits(LayerStack stack, int widest) {
    List<Layer> ls = stack.layers();
    int i = 0;
    while (i < ls.size()) {
      if (!(ls.get(i) instanceof Dense d) || d.in().size() > widest
          || d.out().size() > widest) {
        return false;
      }
      if (i == ls.size() - 1) {
        return true;
      }
      if (!(ls.get(i + 1) instanceof Relu)) {
        return false;
      }
      i += 2;
      if (i < ls.size() && ls.get(i) instanceof Dropout dr) {
        if (dr.in().channels() != dr.in().size()) {
          return false;
        }
        i++;
      }
    }
    return false;
  }

  /**
   * @param stack a stack that {@link #fits}, bound to the live parameters
   * @param output the output kind
   */
  RowExecutor(LayerStack stack, OutputKind output) {
    this.stack = stack;
    this.output = output;
    List<Dense> dense = new ArrayList<>();
    List<Dropout> drops = new ArrayList<>();
    for (Layer l : stack.layers()) {
      if (l instanceof Dense d) {
        dense.add(d);
        drops.add(null);
      } else if (l instanceof Dropout d) {
        drops.set(drops.size() - 1, d.keep() < 1 ? d : null);
      }
    }
    layers = dense.size();
    sizes = new int[layers + 1];
    sizes[0] = dense.get(0).in().size();
    weight = new Param[layers + 1];
    bias = new Param[layers + 1];
    dropout = new Dropout[layers + 1];
    wt = new double[layers + 1][];
    for (int l = 1; l <= layers; l++) {
      Dense d = dense.get(l - 1);
      sizes[l] = d.out().size();
      weight[l] = d.params().get(0);
      bias[l] = d.params().get(1);
      dropout[l] = l < layers ? drops.get(l - 1) : null;
      wt[l] = new double[sizes[l] * sizes[l - 1]];
    }
  }

  @Override
  public List<Param> params() {
    return stack.params();
  }

  @Override
  public int evalBatch() {
    return 0;
  }

  @Override
  public void changed() {
    stale = true;
  }

  @Override
  public void close() {}

  /** Buffers for batches of up to {@code cap} examples (kept when large enough). */
  private void capacity(int cap) {
    if (cap <= maxM) {
      return;
    }
    maxM = cap;
    int L = layers;
    z = new double[L + 1][][];
    g = new double[L + 1][][];
    a = new double[L + 1][][];
    dz = new double[L + 1][][];
    mask = new double[L + 1][][];
    a[0] = new double[sizes[0]][cap];
    for (int l = 1; l <= L; l++) {
      int n = sizes[l];
      z[l] = new double[n][cap];
      g[l] = l < L ? z[l] : new double[n][cap];
      a[l] = dropout[l] != null ? new double[n][cap] : g[l];
      dz[l] = new double[n][cap];
      if (dropout[l] != null) {
        mask[l] = new double[n][cap];
      }
    }
    ones = new double[cap];
    java.util.Arrays.fill(ones, 1.0);
    aOnes = new double[L + 1][][];
    dwb = new double[L + 1][];
    for (int l = 1; l <= L; l++) {
      int p = sizes[l - 1];
      aOnes[l] = java.util.Arrays.copyOf(a[l - 1], p + 1);
      aOnes[l][p] = ones;
      dwb[l] = new double[sizes[l] * (p + 1)];
    }
    fixedMasksFor = -1;
  }

  /** Copies the batch's inputs into the input rows and refreshes the transposed weights. */
  private void load(BatchStream.Batch bt) {
    int n = bt.size();
    capacity(n);
    m = n;
    int cols = bt.x().numCols;
    double[] x = bt.x().data;
    for (int i = 0; i < sizes[0]; i++) {
      System.arraycopy(x, i * cols, a[0][i], 0, n);
    }
    if (stale) {
      for (int l = 1; l <= layers; l++) {
        int n1 = sizes[l];
        int p = sizes[l - 1];
        double[] w = weight[l].value();
        double[] t = wt[l];
        // W_l[i, k] = dense weight[k, i]
        for (int k = 0; k < p; k++) {
          for (int i = 0; i < n1; i++) {
            t[i * p + k] = w[k * n1 + i];
          }
        }
      }
      stale = false;
    }
  }

  /** The dropout layers' scaled masks of this pass into the mask rows. */
  private void masks(Pass pass) {
    boolean fixed = true;
    for (int l = 1; l < layers; l++) {
      if (dropout[l] != null && !dropout[l].fixedMasks()) {
        fixed = false;
      }
    }
    if (fixed && fixedMasksFor == m) {
      return;
    }
    for (int l = 1; l < layers; l++) {
      if (dropout[l] == null) {
        continue;
      }
      int n = sizes[l];
      double[] s = dropout[l].scales(pass, m);
      double[][] d = mask[l];
      // D[i][j] = the layer's mask of unit i, example j (rows of n units)
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < n; i++) {
          d[i][j] = s[j * n + i];
        }
      }
    }
    fixedMasksFor = fixed ? m : -1;
  }

  @Override
  public double step(BatchStream.Batch bt, Pass pass, ParamOptimizer optimizer, boolean cost) {
    load(bt);
    masks(pass);
    forward(true);
    double[] y = bt.y();
    // loss finite ⟺ every logit finite: Σ z·0 is 0, or NaN
    double check = 0;
    for (double[] zr : z[layers]) {
      for (int j = 0; j < m; j++) {
        check += zr[j] * 0.0;
      }
    }
    if (!Double.isFinite(check)) {
      return Double.NaN;
    }
    double loss = cost ? dataCost(y) * m : 0;
    backward(y);
    optimizer.step(m);
    stale = true;
    return loss;
  }

  @Override
  public double[] evaluate(BatchStream.Epoch all) {
    double cost = 0;
    double correct = 0;
    int total = 0;
    int batches = 0;
    double single = 0;
    double singleAcc = 0;
    try (all) {
      for (BatchStream.Batch bt = all.next(); bt != null; bt = all.next()) {
        load(bt);
        forward(false);
        single = dataCost(bt.y());
        singleAcc = accuracy(bt.y());
        cost += single * m;
        correct += singleAcc * m;
        total += m;
        batches++;
      }
    }
    // one batch: the mean as the lesson computes it; more: the batches' sums over all
    return batches == 1 ? new double[] {single, singleAcc}
        : new double[] {cost / total, correct / total};
  }

  /**
   * Forward pass on the current input rows; with {@code training}, hidden layers with dropout use
   * the masks in {@link #mask}, otherwise dropout is off.
   */
  private void forward(boolean training) {
    for (int l = 1; l <= layers; l++) {
      int n = sizes[l];
      // Z_l = W_l · A_{l-1}   (A_{l-1} without dropout when not training)
      double[][] in = training || l == 1 ? a[l - 1] : g[l - 1];
      RowKernels.times(wt[l], n, sizes[l - 1], in, z[l], m);
      double[] bl = bias[l].value();
      if (l == layers) {
        for (int i = 0; i < n; i++) {
          addScalar(z[l][i], bl[i], m);
        }
        probabilities(z[l], g[l], n);
        break;
      }
      if (training && dropout[l] != null) {
        reluDropout(z[l], a[l], mask[l], bl, n);
        continue;
      }
      for (int i = 0; i < n; i++) {
        reluBias(z[l][i], bl[i], m);
      }
    }
  }

  /** {@code G = max(Z + b, 0)} in place for one unit. */
  private static void reluBias(double[] zi, double bi, int m) {
    // G = (v + |v|)/2 with v = Z + b
    for (int j = 0; j < m; j++) {
      double v = zi[j] + bi;
      zi[j] = (v + Math.abs(v)) * 0.5;
    }
  }

  /**
   * The hidden ReLU layer with dropout in one pass per unit: {@code G = max(Z + b, 0)} in place,
   * then {@code A = G · D} with the scaled mask ({@code D/keep_prob}).
   */
  private void reluDropout(double[][] zl, double[][] al, double[][] dl, double[] bl, int n) {
    for (int i = 0; i < n; i++) {
      double[] zi = zl[i];
      double[] ai = al[i];
      double[] d = dl[i];
      double bi = bl[i];
      // G = (v + |v|)/2 with v = Z + b; A = G · D
      for (int j = 0; j < m; j++) {
        double v = zi[j] + bi;
        double gj = (v + Math.abs(v)) * 0.5;
        zi[j] = gj;
        ai[j] = gj * d[j];
      }
    }
  }

  private static void addScalar(double[] x, double c, int m) {
    for (int j = 0; j < m; j++) {
      x[j] += c;
    }
  }

  /** Output probabilities A_L from the logits Z_L (row layout). */
  private void probabilities(double[][] zl, double[][] al, int k) {
    if (output == OutputKind.SIGMOID_BINARY) {
      double[] zr = zl[0];
      double[] ar = al[0];
      // A = 1 / (1 + exp(-Z))
      for (int j = 0; j < m; j++) {
        ar[j] = 1.0 / (1.0 + Math.exp(-zr[j]));
      }
      return;
    }
    for (int j = 0; j < m; j++) {
      // A[:,j] = exp(Z[:,j] - max) / sum(exp(Z[:,j] - max))
      double mx = zl[0][j];
      for (int i = 1; i < k; i++) {
        mx = Math.max(mx, zl[i][j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(zl[i][j] - mx);
        al[i][j] = e;
        sum += e;
      }
      double inv = 1.0 / sum;
      for (int i = 0; i < k; i++) {
        al[i][j] *= inv;
      }
    }
  }

  /** The mean cross-entropy (from the logits) of the last forward pass. */
  private double dataCost(double[] y) {
    int k = sizes[layers];
    double[][] zl = z[layers];
    double total = 0;
    if (output == OutputKind.SIGMOID_BINARY) {
      double[] zr = zl[0];
      for (int j = 0; j < m; j++) {
        // max(z,0) - z*y + log1p(exp(-|z|))
        double v = zr[j];
        total += Math.max(v, 0.0) - v * y[j] + Math.log1p(Math.exp(-Math.abs(v)));
      }
    } else {
      for (int j = 0; j < m; j++) {
        // logsumexp(z[:,j]) - z[y_j, j]
        double mx = zl[0][j];
        for (int i = 1; i < k; i++) {
          mx = Math.max(mx, zl[i][j]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
          sum += Math.exp(zl[i][j] - mx);
        }
        total += mx + Math.log(sum) - zl[(int) y[j]][j];
      }
    }
    return total / m;
  }

  /**
   * Accuracy of the last forward pass: binary {@code (a > 0.5) == (y > 0.5)} as the lesson;
   * softmax, arg max equals the label.
   */
  private double accuracy(double[] y) {
    int k = sizes[layers];
    double[][] p = g[layers];
    int correct = 0;
    for (int j = 0; j < m; j++) {
      int label;
      if (output == OutputKind.SIGMOID_BINARY) {
        label = p[0][j] > 0.5 ? 1 : 0;
      } else {
        label = 0;
        for (int i = 1; i < k; i++) {
          if (p[i][j] > p[label][j]) {
            label = i;
          }
        }
      }
      if (label == (int) y[j]) {
        correct++;
      }
    }
    return (double) correct / m;
  }

  /**
   * Backward pass after a training forward pass: the gradient sums over the m examples into the
   * dense layers' {@link Param#grad()} (in their {@code in × units} layout).
   */
  private void backward(double[] y) {
    int L = layers;
    int k = sizes[L];
    double[][] al = g[L];
    if (output == OutputKind.SIGMOID_BINARY) {
      double[] ar = al[0];
      double[] dl = dz[L][0];
      // dZ_L = A_L - Y
      for (int j = 0; j < m; j++) {
        dl[j] = ar[j] - y[j];
      }
    } else {
      // dZ_L = A_L - onehot(Y)
      for (int i = 0; i < k; i++) {
        double[] ar = al[i];
        double[] dr = dz[L][i];
        for (int j = 0; j < m; j++) {
          dr[j] = ar[j] - (y[j] == i ? 1.0 : 0.0);
        }
      }
    }
    for (int l = L; l >= 1; l--) {
      int n = sizes[l];
      int p = sizes[l - 1];
      // [dW_l | db_l] = dZ_l · [A_{l-1}; 1]ᵀ: the bias sums share the loads of the weight gradient
      double[] out = dwb[l];
      RowKernels.timesTrans(dz[l], n, aOnes[l], p + 1, m, out);
      double[] gw = weight[l].grad();
      double[] gb = bias[l].grad();
      // dense layout: grad W[k, i] = dW_l[i, k]
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < p; c++) {
          gw[c * n + i] = out[i * (p + 1) + c];
        }
        gb[i] = out[i * (p + 1) + p];
      }
      if (l == 1) {
        break;
      }
      boolean drop = dropout[l - 1] != null;
      if (n <= 3) {
        reluBackwardFused(l, drop);
        continue;
      }
      // dA_{l-1} = W_l^T · dZ_l
      RowKernels.transTimes(wt[l], n, p, dz[l], dz[l - 1], m);
      for (int i = 0; i < p; i++) {
        reluBackward(dz[l - 1][i], g[l - 1][i], drop ? mask[l - 1][i] : null, m);
      }
    }
  }

  /**
   * {@code dZ_{l−1} = (W_lᵀ·dZ_l) [· D] · (G_{l−1} > 0)} in one pass per unit when dZ_l has at
   * most three rows (the narrow layers of small networks): the product's terms are summed in the
   * same order as {@link RowKernels#transTimes}, the mask is the scaled one (0 or 1/keep) and the
   * step is {@code min(1, G·2^1200)} as in {@link #reluBackward}. Each case is its own small
   * method, so the JIT compiles it early and no branch in it depends on the run.
   */
  private void reluBackwardFused(int l, boolean drop) {
    int n = sizes[l];
    int np = sizes[l - 1];
    double[] wl = wt[l];
    double[][] d = dz[l];
    for (int k = 0; k < np; k++) {
      double[] out = dz[l - 1][k];
      double[] gk = g[l - 1][k];
      double w0 = wl[k];
      if (n == 1) {
        if (drop) {
          back1Masked(out, w0, d[0], mask[l - 1][k], gk, m);
        } else {
          back1(out, w0, d[0], gk, m);
        }
      } else if (n == 2) {
        double[] mk = drop ? mask[l - 1][k] : ones;
        back2(out, w0, d[0], wl[np + k], d[1], mk, gk, m);
      } else if (drop) {
        back3Masked(out, w0, d[0], wl[np + k], d[1], wl[2 * np + k], d[2], mask[l - 1][k], gk, m);
      } else {
        back3(out, w0, d[0], wl[np + k], d[1], wl[2 * np + k], d[2], gk, m);
      }
    }
  }

  private static void back1(double[] out, double w0, double[] d0, double[] gk, int m) {
    // dZ = W[0,k]·dZ_0 · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = w0 * d0[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back1Masked(
      double[] out, double w0, double[] d0, double[] mk, double[] gk, int m) {
    // dZ = W[0,k]·dZ_0 · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = w0 * d0[j] * mk[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back2(
      double[] out, double w0, double[] d0, double w1, double[] d1, double[] mk, double[] gk,
      int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1) · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j]) * mk[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back3(
      double[] out, double w0, double[] d0, double w1, double[] d1, double w2, double[] d2,
      double[] gk, int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1 + W[2,k]·dZ_2) · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j] + w2 * d2[j]) * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back3Masked(
      double[] out, double w0, double[] d0, double w1, double[] d1, double w2, double[] d2,
      double[] mk, double[] gk, int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1 + W[2,k]·dZ_2) · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j] + w2 * d2[j]) * mk[j]
          * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  /**
   * The ReLU backward step in one pass: {@code dZ = dA [· D] · (G > 0)}, the step computed
   * branch-free as {@code min(1, G·2^1200)}.
   */
  private static void reluBackward(double[] da, double[] gi, double[] d, int m) {
    if (d == null) {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    } else {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * d[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    }
  }
}
