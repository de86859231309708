package io.augreg.train;

import io.augreg.data.Dataset;
import io.augreg.nn.Dense;
import io.augreg.nn.Flatten;
import io.augreg.nn.Layer;
import io.augreg.nn.LayerStack;
import io.augreg.nn.Network;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.Arrays;
import java.util.List;

/**
 * The Gram executor: full-batch gradient descent of a network whose first layer is a wide dense
 * layer on the raw inputs (more features than training examples, e.g. the course's 12 288-pixel
 * cat network on 209 images), with that layer trained in the examples' Gram space ({@link
 * GramSpace}: exact algebra, O(h·m²) per step instead of O(h·n·m)) and the layers after it run as
 * usual on one thread ({@link LayerStack#forwardFrom}, {@link LayerStack#backwardTo}). The other
 * parameters, the first layer's bias included, take the trainer's {@link ParamOptimizer} step
 * unchanged; the first layer's weights are written into the live parameters only when the trainer
 * reads them ({@link #sync()}), and the state is re-anchored on them every {@link #ANCHOR_EVERY}
 * steps ({@link #settled()}: only there a checkpoint is taken).
 *
 * <p>It applies ({@link #applies}) only when that is exact algebra: the same fixed batch every step
 * (no augmentation, no mixing), plain gradient descent (no momentum or Adam), no L1 (a sign is not
 * linear), no max-norm constraint, the first layer dense and on the inputs (no dropout before it),
 * and more features than examples (else it does not pay). The dev set is tracked the same way
 * ({@code H = X_dev·Xᵀ}, computed once).
 */
final class GramExecutor implements Executor {
  /** Steps between two anchors of the Gram state on the live weights. */
  static final int ANCHOR_EVERY = 100;

  private final LayerStack stack;
  private final int tail;
  private final Param weight;
  private final Param bias;
  private final Penalty penalty;
  private final BatchStream.Batch fixed;
  private final int outputs;
  private final Gemm big;
  private final Gemm small;
  private final GramSpace space;
  private double[] y1 = new double[0];
  private double[] rows = new double[0];
  /** The tracked dev set and its index in the space, or null / −1. */
  private final Dataset dev;
  private final int devSet;

  /**
   * Whether a run can take this executor.
   *
   * @param config the run's configuration (optimizer, L1, max-norm)
   * @param net the network (its first layer)
   * @param fixed the batch every step trains on, or null when the batches change
   * @return true when the first layer may be trained in the Gram space
   */
  static boolean applies(TrainConfig config, Network net, BatchStream.Batch fixed) {
    if (fixed == null || config.l1() != 0 || config.aids().maxNorm() != 0
        || (config.optimizer() != Optimizer.GD && config.optimizer() != Optimizer.SGD)) {
      return false;
    }
    if (fixed.x().numRows <= fixed.size()) {
      return false;
    }
    LayerStack s = net.stack(null, new JavaGemm());
    return firstDense(s.layers()) >= 0;
  }

  /** Index of the first layer if it is dense (behind flattens only), else −1. */
  private static int firstDense(List<Layer> layers) {
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (l instanceof Dense) {
        return i;
      }
      if (!(l instanceof Flatten)) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * @param net the network (its architecture); {@link #applies} must hold
   * @param live the live parameter values
   * @param config the run's configuration (the penalty)
   * @param fixed the batch every step trains on
   * @param dev the dev set evaluated at recorded epochs, or null: tracked in the Gram space when
   *     that costs less than evaluating it ({@code m·evalEvery < n})
   * @param threads OpenBLAS threads of the products with the inputs
   * @param precision of those products
   * @param referenceMasks the dropout layers take the lesson's reference masks
   */
  GramExecutor(Network net, List<double[]> live, TrainConfig config, BatchStream.Batch fixed,
      Dataset dev, int threads, Precision precision, boolean referenceMasks) {
    this.penalty = Penalty.of(config);
    this.fixed = fixed;
    this.outputs = net.outputs();
    boolean blas = Gemms.openBlasAvailable();
    big = blas ? new OpenBlasGemm(threads, precision) : new JavaGemm();
    small = blas ? new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision),
        Gemms.DEFAULT_THRESHOLD) : new JavaGemm();
    try {
      stack = net.stack(live, small);
      if (referenceMasks) {
        stack.useReferenceMasks();
      }
      int first = firstDense(stack.layers());
      tail = first + 1;
      List<Param> ps = stack.layers().get(first).params();
      weight = ps.get(0);
      bias = ps.get(1);
      if (stack.params().get(0) != weight || live.get(0) != weight.value()) {
        throw new IllegalStateException("gram: the first dense layer's weights are not the first"
            + " parameters");
      }
      space = new GramSpace(fixed.x(), weight.value(), bias.value().length, big, small);
      boolean track = dev != null
          && (long) fixed.size() * config.evalEvery() < fixed.x().numRows;
      this.dev = track ? dev : null;
      devSet = track ? space.track(dev.x()) : -1;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  @Override
  public List<Param> params() {
    return stack.params();
  }

  @Override
  public int evalBatch() {
    return 64;
  }

  /**
   * One step: the first layer's output from the Gram state, the layers after it forward and
   * backward, then the optimizer's step on every parameter but the first layer's weights, which
   * step in the Gram space.
   */
  @Override
  public double step(BatchStream.Batch bt, Pass pass, ParamOptimizer optimizer, boolean cost) {
    if (bt.x() != fixed.x() || bt.size() != fixed.size()) {
      throw new IllegalStateException("gram: a step on another batch than the fixed one");
    }
    int m = bt.size();
    List<Param> ps = stack.params();
    for (int p = 1; p < ps.size(); p++) {
      Arrays.fill(ps.get(p).grad(), 0.0);
    }
    firstLayer(0, m);
    stack.forwardFrom(tail, y1, m, pass);
    double loss = bt.targets() == null ? stack.loss(bt.y(), 0, m)
        : stack.softLoss(bt.targets(), 0, m);
    double[] dy = stack.backwardTo(tail, m);
    int h = bias.value().length;
    double[] db = bias.grad();
    // db = Σ_rows dY (as the dense layer's own backward sums it)
    for (int r = 0, o = 0; r < m; r++, o += h) {
      for (int u = 0; u < h; u++) {
        db[u] += dy[o + u];
      }
    }
    if (Double.isFinite(loss)) {
      optimizer.begin(m);
      // every value but the first layer's weights (the first parameter)
      optimizer.update(weight.value().length, optimizer.size());
      space.step(dy, optimizer.rate(), 1.0 / m, penalty.l2(), penalty.weightDecay());
      optimizer.end();
      stack.parametersChanged();
      if (optimizer.steps() % ANCHOR_EVERY == 0) {
        space.anchor();
      }
    }
    return loss;
  }

  /** y1 = the first layer's output on tracked set {@code set} of {@code rows} examples. */
  private void firstLayer(int set, int count) {
    y1 = Layer.ensure(y1, (long) count * bias.value().length);
    space.input(set, bias.value(), y1);
  }

  @Override
  public double[] evaluate(BatchStream.Epoch all) {
    double cost = 0;
    double correct = 0;
    int n = 0;
    try (all) {
      for (BatchStream.Batch bt = all.next(); bt != null; bt = all.next()) {
        int set = bt.x() == fixed.x() && bt.size() == fixed.size() ? 0 : -1;
        double[] r = evaluate(bt.x(), bt.y(), bt.size(), set);
        cost += r[0];
        correct += r[1];
        n += bt.size();
      }
    }
    return new double[] {cost / n, correct / n};
  }

  /**
   * The tracked dev set from the Gram state (no product with its inputs), any other set through
   * every layer.
   */
  @Override
  public double[] evaluate(Dataset set) {
    if (set != dev) {
      return Executor.super.evaluate(set);
    }
    int n = set.size();
    double[] r = evaluate(set.x(), set.y().data, n, devSet);
    return new double[] {r[0] / n, r[1] / n};
  }

  /**
   * Summed loss and correct count of {@code n} examples: from the Gram state for a tracked set,
   * else (any other data) through every layer with the weights written out.
   */
  private double[] evaluate(org.ejml.data.DMatrixRMaj x, double[] y, int n, int set) {
    double[] z;
    if (set >= 0) {
      firstLayer(set, n);
      z = stack.forwardFrom(tail, y1, n, Pass.INFERENCE);
    } else {
      space.materialize();
      int f = x.numRows;
      rows = Layer.ensure(rows, (long) n * f);
      Network.columnsToRows(x.data, x.numCols, 0, n, f, rows);
      z = stack.forward(rows, n, Pass.INFERENCE);
    }
    double correct = SliceExecutor.correct(z, y, 0, n, outputs);
    return new double[] {stack.loss(y, 0, n), correct};
  }

  @Override
  public void sync() {
    space.materialize();
  }

  /** ‖W‖² of the first layer from the Gram state ({@link GramSpace#squares()}), no write-out. */
  @Override
  public double squares(Param p) {
    return p == weight ? space.squares() : Double.NaN;
  }

  /**
   * Every array now but the first layer's weights, which are kept as their Gram state and written
   * out when read ({@link #sync()}): keeping an epoch costs no product.
   */
  @Override
  public void keep(List<double[]> live, List<double[]> best) {
    for (int i = 1; i < live.size(); i++) {
      System.arraycopy(live.get(i), 0, best.get(i), 0, live.get(i).length);
    }
    space.keep(best.get(0));
  }

  @Override
  public boolean settled() {
    return space.anchored();
  }

  /** The live values were replaced: the Gram state is anchored on them again. */
  @Override
  public void changed() {
    stack.parametersChanged();
    space.rebase();
  }

  @Override
  public void close() {
    if (space != null) {
      space.close();
    }
    for (Gemm g : new Gemm[] {big, small}) {
      if (g instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
