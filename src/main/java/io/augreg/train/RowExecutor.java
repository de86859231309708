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
import java.util.Arrays;
import java.util.List;

/**
 * The row executor: a narrow dense ReLU stack ({@code dense → relu [→ dropout]} … {@code dense},
 * e.g. the football 2-20-3-1) run on one thread with its activations stored one array per unit
 * ({@link RowKernels}: the loops over examples vectorize), on the live parameters of a {@link
 * LayerStack}'s {@link Dense} layers. A dense layer stores W as {@code in × units}; the products
 * read it in place at strides ({@code W_l[i, k]} is {@code value[k·units + i]}) and the gradient
 * sums are written in that layout, so nothing is transposed between steps.
 *
 * <p>Layer l (1..L): {@code Z_l = W_l·A_{l−1} + b_l}, {@code G_l = max(Z_l, 0)}, {@code A_l = G_l ⊙
 * D_l} with dropout's scaled mask (0 or 1/keep, the {@link Dropout} layer's own masks, fresh or the
 * lesson's reference ones), else {@code A_l = G_l}; the output is {@code A_L = σ(Z_L)} or softmax.
 * Backward: {@code dZ_L = A_L − Y}; {@code dW_l = dZ_l·A_{l−1}ᵀ} and {@code db_l = Σ_j dZ_l}
 * (sums, divided by m once in the optimizer); {@code dA_{l−1} = W_lᵀ·dZ_l}, times {@code D_{l−1}}
 * with dropout, then {@code dZ_{l−1} = dA_{l−1} ⊙ [G_{l−1} > 0]}. Buffers grow to the largest
 * batch once; a step allocates nothing.
 *
 * <p>Every loop over units or examples sits in a small static kernel; the methods that drive a
 * step only loop over the layers. The JIT then compiles each kernel once, early, and never has to
 * compile a driver on the stack (OSR) with the kernels' loops inlined into it.
 */
final class RowExecutor implements Executor {
  private final LayerStack stack;
  private final OutputKind output;
  private final int layers;
  private final int[] sizes;
  private final Param[] weight;
  private final Param[] bias;
  private final Dropout[] dropout; // [l], hidden layers with dropout (keep < 1), else null
  private int maxM;
  private int m;
  private double[][][] z; // [l][unit][example]; hidden layers: z and g share arrays (in place)
  private double[][][] a; // [l]: activations after dropout (= g without dropout); a[0] = inputs
  private double[][][] g; // [l]: activations before dropout
  private double[][][] dz;
  private double[][][] mask; // [l]: scaled masks (0 or 1/keep)
  private double[][][] aOnes; // [l]: rows of a[l-1] plus a row of ones
  private double[][] dwb; // [l]: (n_{l−1} + 1) × n_l, the dense layout: [dW_lᵀ ; db_lᵀ]
  private double[] ones;
  /** The batch size the fixed (reference) masks were copied for, −1 for none. */
  private int fixedMasksFor = -1;
  /** The batch of every step (full-batch training), or null. */
  private BatchStream.Batch fixed;
  /** The batch whose inputs the input rows hold when it is {@link #fixed}, else null. */
  private BatchStream.Batch loaded;

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
    for (int l = 1; l <= layers; l++) {
      Dense d = dense.get(l - 1);
      sizes[l] = d.out().size();
      weight[l] = d.params().get(0);
      bias[l] = d.params().get(1);
      dropout[l] = l < layers ? drops.get(l - 1) : null;
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
  public void fixedBatch(BatchStream.Batch batch) {
    fixed = batch;
    loaded = null;
  }

  @Override
  public void changed() {
    // the products read the live values in place: nothing is derived from them between steps
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
    Arrays.fill(ones, 1.0);
    aOnes = new double[L + 1][][];
    dwb = new double[L + 1][];
    for (int l = 1; l <= L; l++) {
      int p = sizes[l - 1];
      aOnes[l] = Arrays.copyOf(a[l - 1], p + 1);
      aOnes[l][p] = ones;
      dwb[l] = new double[sizes[l] * (p + 1)];
    }
    fixedMasksFor = -1;
    loaded = null;
  }

  /**
   * Copies the batch's inputs into the input rows, unless they hold the fixed batch's already
   * (whose values never change).
   */
  private void load(BatchStream.Batch bt) {
    int n = bt.size();
    capacity(n);
    m = n;
    if (bt == fixed && loaded == fixed) {
      return;
    }
    copyRows(bt.x().data, bt.x().numCols, a[0], sizes[0], n);
    loaded = bt == fixed ? bt : null;
  }

  /** {@code rows[i][0..n) = x[i·cols ..]}: the first n columns of a row-major matrix. */
  private static void copyRows(double[] x, int cols, double[][] rows, int features, int n) {
    for (int i = 0; i < features; i++) {
      System.arraycopy(x, i * cols, rows[i], 0, n);
    }
  }

  /** The dropout layers' scaled masks of this pass into the mask rows. */
  private void masks(Pass pass) {
    for (int l = 1; l < layers; l++) {
      Dropout d = dropout[l];
      if (d == null) {
        continue;
      }
      if (!d.fixedMasks()) {
        d.scaleRows(pass, mask[l], m);
      } else if (fixedMasksFor != m) {
        transpose(d.scales(pass, m), mask[l], sizes[l], m);
      }
    }
    fixedMasksFor = m;
  }

  /** {@code d[i][j] = s[j·n + i]}: a mask of rows of n units as one row per unit. */
  private static void transpose(double[] s, double[][] d, int n, int m) {
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i++) {
        d[i][j] = s[j * n + i];
      }
    }
  }

  @Override
  public double step(BatchStream.Batch bt, Pass pass, ParamOptimizer optimizer, boolean cost) {
    load(bt);
    masks(pass);
    // loss finite ⟺ every logit finite: Σ z·0 is 0, or NaN
    double check = forward(true, bt.y());
    if (!Double.isFinite(check)) {
      return Double.NaN;
    }
    double loss = cost ? dataCost(bt.y()) * m : 0;
    backward();
    optimizer.step(m);
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
        forward(false, bt.y());
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
   * the masks in {@link #mask} and the output layer also leaves {@code dZ_L = A_L − Y} in {@link
   * #dz}, otherwise dropout is off.
   *
   * @return {@code Σ Z_L·0}: 0 when every logit is finite, else NaN
   */
  private double forward(boolean training, double[] y) {
    for (int l = 1; l < layers; l++) {
      int n = sizes[l];
      // Z_l = W_l · A_{l-1}   (A_{l-1} without dropout when not training)
      double[][] in = training || l == 1 ? a[l - 1] : g[l - 1];
      RowKernels.times(weight[l].value(), 1, n, n, sizes[l - 1], in, z[l], m);
      if (training && dropout[l] != null) {
        reluDropout(z[l], a[l], mask[l], bias[l].value(), n, m);
      } else {
        reluBias(z[l], bias[l].value(), n, m);
      }
    }
    int L = layers;
    int k = sizes[L];
    double[][] in = training || L == 1 ? a[L - 1] : g[L - 1];
    RowKernels.times(weight[L].value(), 1, k, k, sizes[L - 1], in, z[L], m);
    double[] bl = bias[L].value();
    if (output == OutputKind.SIGMOID_BINARY) {
      return training ? sigmoidDelta(z[L][0], bl[0], y, g[L][0], dz[L][0], m)
          : sigmoid(z[L][0], bl[0], g[L][0], m);
    }
    double check = softmax(z[L], bl, g[L], k, m);
    if (training) {
      softmaxDelta(g[L], y, dz[L], k, m);
    }
    return check;
  }

  /** {@code G = max(Z + b, 0)} in place, unit by unit. */
  private static void reluBias(double[][] zl, double[] bl, int n, int m) {
    for (int i = 0; i < n; i++) {
      double[] zi = zl[i];
      double bi = bl[i];
      // G = (v + |v|)/2 with v = Z + b
      for (int j = 0; j < m; j++) {
        double v = zi[j] + bi;
        zi[j] = (v + Math.abs(v)) * 0.5;
      }
    }
  }

  /**
   * The hidden ReLU layer with dropout in one pass per unit: {@code G = max(Z + b, 0)} in place,
   * then {@code A = G · D} with the scaled mask ({@code D/keep_prob}).
   */
  private static void reluDropout(
      double[][] zl, double[][] al, double[][] dl, double[] bl, int n, int m) {
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

  /**
   * The sigmoid output of a training pass: {@code Z += b}, {@code A = 1 / (1 + exp(−Z))}, {@code
   * dZ = A − Y}.
   *
   * @return {@code Σ Z·0}
   */
  private static double sigmoidDelta(
      double[] zr, double b, double[] y, double[] ar, double[] dl, int m) {
    double check = 0;
    for (int j = 0; j < m; j++) {
      double v = zr[j] + b;
      zr[j] = v;
      double p = 1.0 / (1.0 + Math.exp(-v));
      ar[j] = p;
      dl[j] = p - y[j];
      check += v * 0.0;
    }
    return check;
  }

  /**
   * The sigmoid output: {@code Z += b}, {@code A = 1 / (1 + exp(−Z))}.
   *
   * @return {@code Σ Z·0}
   */
  private static double sigmoid(double[] zr, double b, double[] ar, int m) {
    double check = 0;
    for (int j = 0; j < m; j++) {
      double v = zr[j] + b;
      zr[j] = v;
      ar[j] = 1.0 / (1.0 + Math.exp(-v));
      check += v * 0.0;
    }
    return check;
  }

  /**
   * The softmax output: {@code Z += b}, then per example {@code A[:,j] = exp(Z[:,j] − max) /
   * Σ exp(Z[:,j] − max)}.
   *
   * @return {@code Σ Z·0}
   */
  private static double softmax(double[][] zl, double[] bl, double[][] al, int k, int m) {
    double check = 0;
    for (int i = 0; i < k; i++) {
      double[] zi = zl[i];
      double bi = bl[i];
      for (int j = 0; j < m; j++) {
        zi[j] += bi;
        check += zi[j] * 0.0;
      }
    }
    for (int j = 0; j < m; j++) {
      double mx = columnMax(zl, k, j);
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
    return check;
  }

  /** {@code max_i Z[i][j]}: example j's largest logit. */
  private static double columnMax(double[][] zl, int k, int j) {
    double mx = zl[0][j];
    for (int i = 1; i < k; i++) {
      mx = Math.max(mx, zl[i][j]);
    }
    return mx;
  }

  /** {@code dZ_L = A_L − onehot(Y)}. */
  private static void softmaxDelta(double[][] al, double[] y, double[][] dl, int k, int m) {
    for (int i = 0; i < k; i++) {
      double[] ar = al[i];
      double[] dr = dl[i];
      for (int j = 0; j < m; j++) {
        dr[j] = ar[j] - (y[j] == i ? 1.0 : 0.0);
      }
    }
  }

  /** The mean cross-entropy (from the logits) of the last forward pass. */
  private double dataCost(double[] y) {
    double[][] zl = z[layers];
    double total = output == OutputKind.SIGMOID_BINARY ? sigmoidLoss(zl[0], y, m)
        : softmaxLoss(zl, y, sizes[layers], m);
    return total / m;
  }

  /** {@code Σ_j max(z,0) − z·y + log1p(exp(−|z|))}. */
  private static double sigmoidLoss(double[] zr, double[] y, int m) {
    double total = 0;
    for (int j = 0; j < m; j++) {
      double v = zr[j];
      total += Math.max(v, 0.0) - v * y[j] + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return total;
  }

  /** {@code Σ_j logsumexp(z[:,j]) − z[y_j, j]}. */
  private static double softmaxLoss(double[][] zl, double[] y, int k, int m) {
    double total = 0;
    for (int j = 0; j < m; j++) {
      double mx = columnMax(zl, k, j);
      double sum = 0;
      for (int i = 0; i < k; i++) {
        sum += Math.exp(zl[i][j] - mx);
      }
      total += mx + Math.log(sum) - zl[(int) y[j]][j];
    }
    return total;
  }

  /**
   * Accuracy of the last forward pass: binary {@code (a > 0.5) == (y > 0.5)} as the lesson;
   * softmax, arg max equals the label.
   */
  private double accuracy(double[] y) {
    return (double) correct(g[layers], y, output == OutputKind.SIGMOID_BINARY, sizes[layers], m)
        / m;
  }

  private static int correct(double[][] p, double[] y, boolean binary, int k, int m) {
    int correct = 0;
    for (int j = 0; j < m; j++) {
      int label;
      if (binary) {
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
    return correct;
  }

  /**
   * Backward pass after a training forward pass (which left {@code dZ_L}): the gradient sums over
   * the m examples into the dense layers' {@link Param#grad()} (in their {@code in × units}
   * layout).
   */
  private void backward() {
    for (int l = layers; l >= 1; l--) {
      int n = sizes[l];
      int p = sizes[l - 1];
      // [dW_l | db_l] = dZ_l · [A_{l-1}; 1]ᵀ, written transposed (the dense layout: dW_l[i, c] at
      // c·n + i, db_l[i] at p·n + i): the bias sums share the loads of the weight gradient
      double[] out = dwb[l];
      RowKernels.timesTrans(dz[l], n, aOnes[l], p + 1, m, out, 1, n);
      System.arraycopy(out, 0, weight[l].grad(), 0, p * n);
      System.arraycopy(out, p * n, bias[l].grad(), 0, n);
      if (l == 1) {
        break;
      }
      double[][] drop = dropout[l - 1] != null ? mask[l - 1] : null;
      double[] w = weight[l].value();
      if (n <= 3) {
        reluBackwardFused(w, n, p, dz[l], drop, g[l - 1], dz[l - 1], ones, m);
      } else {
        // dA_{l-1} = W_l^T · dZ_l   (W_l[i, k] at k·n + i)
        RowKernels.times(w, n, 1, p, n, dz[l], dz[l - 1], m);
        reluBackward(dz[l - 1], g[l - 1], drop, p, m);
      }
    }
  }

  /**
   * {@code dZ_{l−1} = (W_lᵀ·dZ_l) [· D] · (G_{l−1} > 0)} in one pass per unit when dZ_l has at
   * most three rows (the narrow layers of small networks): the product's terms are summed in the
   * same order as {@link RowKernels#times}, the mask is the scaled one (0 or 1/keep) and the
   * step is {@code min(1, G·2^1200)} as in {@link #reluBackward}. Each case is its own small
   * method with its own loop over the units, so that no branch in a loop depends on the run.
   *
   * @param w the dense weights ({@code W_l[i, k]} at {@code k·n + i})
   * @param n units of layer l (1 to 3)
   * @param np units of layer l − 1
   * @param d the rows of dZ_l
   * @param mk the mask rows of layer l − 1, or null without dropout
   * @param gl the rows of G_{l−1}
   * @param out the rows of dZ_{l−1}, overwritten
   * @param ones a row of ones (the mask of the two-row case without dropout)
   * @param m examples
   */
  private static void reluBackwardFused(double[] w, int n, int np, double[][] d, double[][] mk,
      double[][] gl, double[][] out, double[] ones, int m) {
    if (n == 1) {
      if (mk != null) {
        back1Masked(w, np, d[0], mk, gl, out, m);
      } else {
        back1(w, np, d[0], gl, out, m);
      }
    } else if (n == 2) {
      back2(w, np, d[0], d[1], mk, ones, gl, out, m);
    } else if (mk != null) {
      back3Masked(w, np, d[0], d[1], d[2], mk, gl, out, m);
    } else {
      back3(w, np, d[0], d[1], d[2], gl, out, m);
    }
  }

  private static void back1(
      double[] w, int np, double[] d0, double[][] gl, double[][] out, int m) {
    for (int k = 0; k < np; k++) {
      back1(out[k], w[k], d0, gl[k], m);
    }
  }

  private static void back1Masked(
      double[] w, int np, double[] d0, double[][] mk, double[][] gl, double[][] out, int m) {
    for (int k = 0; k < np; k++) {
      back1Masked(out[k], w[k], d0, mk[k], gl[k], m);
    }
  }

  private static void back2(double[] w, int np, double[] d0, double[] d1, double[][] mk,
      double[] ones, double[][] gl, double[][] out, int m) {
    for (int k = 0; k < np; k++) {
      back2(out[k], w[2 * k], d0, w[2 * k + 1], d1, mk != null ? mk[k] : ones, gl[k], m);
    }
  }

  private static void back3(double[] w, int np, double[] d0, double[] d1, double[] d2,
      double[][] gl, double[][] out, int m) {
    for (int k = 0; k < np; k++) {
      int c = 3 * k;
      back3(out[k], w[c], d0, w[c + 1], d1, w[c + 2], d2, gl[k], m);
    }
  }

  private static void back3Masked(double[] w, int np, double[] d0, double[] d1, double[] d2,
      double[][] mk, double[][] gl, double[][] out, int m) {
    for (int k = 0; k < np; k++) {
      int c = 3 * k;
      back3Masked(out[k], w[c], d0, w[c + 1], d1, w[c + 2], d2, mk[k], gl[k], m);
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
   * The ReLU backward step in one pass per unit: {@code dZ = dA [· D] · (G > 0)}, the step
   * computed branch-free as {@code min(1, G·2^1200)}.
   */
  private static void reluBackward(double[][] da, double[][] gl, double[][] dl, int p, int m) {
    if (dl == null) {
      reluBackward(da, gl, p, m);
      return;
    }
    for (int i = 0; i < p; i++) {
      double[] di = da[i];
      double[] gi = gl[i];
      double[] d = dl[i];
      for (int j = 0; j < m; j++) {
        di[j] = di[j] * d[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    }
  }

  /** {@code dZ = dA · (G > 0)} in place, unit by unit. */
  private static void reluBackward(double[][] da, double[][] gl, int p, int m) {
    for (int i = 0; i < p; i++) {
      double[] di = da[i];
      double[] gi = gl[i];
      for (int j = 0; j < m; j++) {
        di[j] = di[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    }
  }
}
