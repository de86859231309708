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
 * <p>A step runs as lists of {@link RowPass}es made once per buffer size (one loop over the
 * examples each: a product row, a ReLU, the output, a dZ row) and the gradient sums of {@link
 * RowKernels#timesTrans}; the methods that drive a step only loop over the layers. Both reach their
 * loops through call sites that see many classes, so the JIT compiles each loop once, as its own
 * method, and never again inside a driver that would have inlined it.
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
  /** The passes of a training forward pass, of an evaluation's, and of dZ_{l−1} per layer l. */
  private RowPass[] trainForward;
  private RowPass[] evalForward;
  private RowPass[][] backPasses;
  private RowPass.Output trainOut;
  private RowPass.Output evalOut;
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
    plan();
    fixedMasksFor = -1;
    loaded = null;
  }

  /** The passes of a step on the current buffers. */
  private void plan() {
    int L = layers;
    List<RowPass> train = new ArrayList<>();
    List<RowPass> eval = new ArrayList<>();
    for (int l = 1; l <= L; l++) {
      int n = sizes[l];
      double[] w = weight[l].value();
      double[] b = bias[l].value();
      for (int o = 0; o < n; o++) {
        // Z_l = W_l · A_{l-1} (A_{l-1} without dropout when not training), W_l[o, q] at q·n + o
        RowPass.product(train, z[l][o], w, o, n, a[l - 1], sizes[l - 1]);
        RowPass.product(eval, z[l][o], w, o, n, l == 1 ? a[0] : g[l - 1], sizes[l - 1]);
        if (l < L) {
          train.add(dropout[l] != null
              ? new RowPass.ReluDropout(z[l][o], a[l][o], mask[l][o], b, o)
              : new RowPass.Relu(z[l][o], b, o));
          eval.add(new RowPass.Relu(z[l][o], b, o));
        }
      }
    }
    int k = sizes[L];
    double[] bl = bias[L].value();
    if (output == OutputKind.SIGMOID_BINARY) {
      trainOut = new RowPass.Sigmoid(z[L][0], bl, g[L][0], dz[L][0]);
      evalOut = new RowPass.Sigmoid(z[L][0], bl, g[L][0], null);
    } else {
      trainOut = new Softmax(z[L], bl, g[L], dz[L], k);
      evalOut = new Softmax(z[L], bl, g[L], null, k);
    }
    train.add(trainOut);
    eval.add(evalOut);
    trainForward = train.toArray(new RowPass[0]);
    evalForward = eval.toArray(new RowPass[0]);
    backPasses = new RowPass[L + 1][];
    for (int l = L; l >= 2; l--) {
      backPasses[l] = backPlan(l);
    }
  }

  /**
   * The passes of {@code dZ_{l−1} = (W_lᵀ·dZ_l) · D_{l−1} · (G_{l−1} > 0)} (D a row of ones
   * without dropout: multiplying by 1 is exact): one pass per unit when layer l has at most three
   * units (the narrow layers of small networks), else a product row and the step per unit.
   */
  private RowPass[] backPlan(int l) {
    int n = sizes[l];
    int p = sizes[l - 1];
    double[] w = weight[l].value(); // W_l[i, k] at k·n + i
    List<RowPass> plan = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      double[] mk = dropout[l - 1] != null ? mask[l - 1][k] : ones;
      double[] out = dz[l - 1][k];
      double[] gk = g[l - 1][k];
      switch (n) {
        case 1 -> plan.add(new RowPass.Back1(out, w, k, dz[l], mk, gk));
        case 2 -> plan.add(new RowPass.Back2(out, w, 2 * k, dz[l], mk, gk));
        case 3 -> plan.add(new RowPass.Back3(out, w, 3 * k, dz[l], mk, gk));
        default -> {
          RowPass.product(plan, out, w, k * n, 1, dz[l], n);
          plan.add(new RowPass.ReluBack(out, mk, gk));
        }
      }
    }
    return plan.toArray(new RowPass[0]);
  }

  /** The softmax output (the static kernels below), with {@code dZ_L = A_L − onehot(Y)} in training. */
  private static final class Softmax extends RowPass.Output {
    private final double[][] z;
    private final double[] b;
    private final double[][] a;
    private final double[][] dz;
    private final int k;

    /** dz null: no delta (evaluation). */
    Softmax(double[][] z, double[] b, double[][] a, double[][] dz, int k) {
      this.z = z;
      this.b = b;
      this.a = a;
      this.dz = dz;
      this.k = k;
    }

    @Override
    void run(int m) {
      check = softmax(z, b, a, k, m);
      if (dz != null) {
        softmaxDelta(a, y, dz, k, m);
      }
    }
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
    RowPass.Output out = training ? trainOut : evalOut;
    out.y = y;
    RowPass.run(training ? trainForward : evalForward, m);
    return out.check;
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
      RowPass.run(backPasses[l], m);
    }
  }
}
