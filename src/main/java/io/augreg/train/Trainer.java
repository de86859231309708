package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Loss;
import io.augreg.nn.Network;
import io.augreg.nn.NumpyRandom;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains a {@link Network} with gradient descent (full batch, the lesson's), mini-batch SGD,
 * momentum or Adam; L2 and L1 penalties; inverted dropout; early stopping on the dev set; and
 * ends with a bias/variance {@link Diagnosis}.
 *
 * <p>Per mini-batch of m examples: forward pass (dropout masks drawn first), backward pass, then
 * the update with {@code g_W = (1/m)·(dW + λ2·W + λ1·sign(W))} and {@code g_b = (1/m)·db} (biases
 * never penalized). All buffers are sized before the first epoch; the iteration loop allocates
 * nothing. Products go through the {@link Gemm} given to the constructor ({@link JavaGemm} by
 * default). A trainer holds no mutable state: every {@link #train} call sizes its own buffers, so
 * one trainer may run several trainings at once on different threads (as long as the Gemm is
 * thread-safe, which {@link JavaGemm} is).
 */
public final class Trainer extends DenseTrainer {
  private static final long SHUFFLE_KEY = 0x5348_5546L; // "SHUF"

  /**
   * A trainer with the plain-Java product kernel.
   *
   * @param config the training configuration
   */
  public Trainer(TrainConfig config) {
    this(config, new JavaGemm());
  }

  /**
   * A trainer with an explicit product kernel (e.g. a BLAS for wide layers).
   *
   * @param config the training configuration
   * @param gemm the matrix-product kernel
   */
  public Trainer(TrainConfig config, Gemm gemm) {
    super(config, gemm);
  }

  /**
   * Trains from {@code initial} (never modified).
   *
   * @param initial the starting network
   * @param train training set
   * @param dev dev set for early stopping, history and diagnosis; may be null
   * @param listener called after each recorded epoch; may be null
   * @return the result (model = best weights seen, see {@link TrainResult})
   * @throws AugregException on mismatched data, bad labels or early stopping without a dev set (a
   *     divergence ends the run with {@link StopReason#DIVERGED}, see {@link TrainResult})
   */
  public TrainResult train(
      Network initial, Dataset train, Dataset dev, TrainingListener listener) {
    return train(initial, train, dev, listener, null);
  }

  /**
   * Trains with the examples of every batch supplied by {@code source} (online augmentation);
   * {@code train} still defines the examples, their number and the un-augmented evaluation.
   *
   * @param initial the starting network
   * @param train training set (its size and order drive the batches; evaluated un-augmented)
   * @param dev dev set; may be null
   * @param listener called after each recorded epoch; may be null
   * @param source fills each batch; null trains on {@code train} itself
   * @return the result
   */
  public TrainResult train(
      Network initial,
      Dataset train,
      Dataset dev,
      TrainingListener listener,
      BatchSource source) {
    long start = System.nanoTime();
    int[] sizes = initial.sizes();
    int layers = sizes.length - 1;
    DenseRun.checkData(initial, train, "training set");
    DenseRun run = new DenseRun(config, gemm, initial, dev, listener);
    int m = train.size();
    boolean fullBatch =
        config.optimizer() == Optimizer.GD || config.batchSize() == 0 || config.batchSize() >= m;
    int batch = fullBatch ? m : config.batchSize();

    // Parameters, updated in place; gradients live in the propagation buffers.
    double[][] w = run.w;
    double[][] b = run.b;
    Propagation prop = new Propagation(initial, w, b, run.keep, batch, gemm);
    // masks hold 0 or 1/keep: one multiply per entry instead of numpy's multiply-then-divide (a
    // vector division costs several multiplies; results differ by at most an ulp per entry)
    prop.scaledMasks = true;
    Propagation trainEval =
        fullBatch && !config.dropout()
            ? prop
            : new Propagation(initial, w, b, run.noKeep, m, gemm);
    Updater updater = new Updater(config, w, b);

    // Inputs: copied into the propagation's rows once (full batch) or per mini-batch.
    double[] yb = fullBatch ? train.y().data : new double[batch];
    double[] ySource = train.y().data;
    DMatrixRMaj xs = source == null ? null : new DMatrixRMaj(sizes[0], batch);
    double[] ys = source == null ? null : new double[batch];
    if (fullBatch && source == null) {
      prop.input(train.x());
    }
    if (trainEval != prop) {
      trainEval.input(train.x());
    }
    int[] perm = new int[m];
    for (int j = 0; j < m; j++) {
      perm[j] = j;
    }
    NumpyRandom reference =
        config.dropout() && config.dropoutMasks() == DropoutMasks.REFERENCE
            ? new NumpyRandom(1)
            : null;
    int referenceMasksFor = -1;

    boolean duringPass = config.recordedCost() == RecordedCost.DURING_PASS;
    int epoch;
    for (epoch = 1; epoch <= config.epochs(); epoch++) {
      boolean record = epoch % config.evalEvery() == 0 || epoch == 1 || epoch == config.epochs();
      // λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| (+ (wd/2)·Σθ²) of the parameters the epoch starts from
      double regCost = record && duringPass ? DenseParams.penalty(config, w, b, m) : 0;
      double dataCost = 0;
      boolean diverged = false;
      if (!fullBatch) {
        Seeds.shuffle(perm, Seeds.generator(config.seed(), SHUFFLE_KEY, epoch));
      }
      if (source != null) {
        source.startEpoch(epoch, perm);
      }
      int batches = fullBatch ? 1 : (m + batch - 1) / batch;
      for (int bi = 0; bi < batches; bi++) {
        int from = bi * batch;
        int mb = Math.min(batch, m - from);
        if (source != null) {
          xs.reshape(sizes[0], mb);
          source.fill(epoch, perm, from, mb, xs, ys);
          Loss.checkLabels(initial.output(), ys, mb, sizes[layers]);
          prop.input(xs);
          yb = ys;
        } else if (!fullBatch) {
          prop.input(train.x(), perm, from, mb);
          for (int c = 0; c < mb; c++) {
            yb[c] = ySource[perm[from + c]];
          }
        }
        if (config.dropout()) {
          if (reference != null) {
            if (referenceMasksFor != mb) {
              referenceMasks(prop, reference, mb);
              referenceMasksFor = mb;
            }
          } else {
            run.freshMasks(prop, epoch, bi, mb);
          }
        }
        double batchCost = step(prop, updater, yb, mb, record && duringPass);
        if (Double.isNaN(batchCost)) {
          diverged = true;
          break;
        }
        dataCost += batchCost;
      }
      if (diverged) {
        run.diverged(epoch);
        break;
      }
      if (!record) {
        continue;
      }
      trainEval.forward(false);
      double trainCost;
      if (duringPass) {
        // J_train = the batches' summed cross-entropy / m + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w|, measured
        // during the pass (before each batch's update), as the lesson does
        trainCost = dataCost / m + regCost;
      } else {
        // J_train = clean mean cross-entropy + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| (+ (wd/2)·Σθ²) of the
        // weights the epoch ends with
        trainCost = trainEval.dataCost(train.y().data) + DenseParams.penalty(config, w, b, m);
      }
      if (run.record(epoch, trainCost, trainEval.accuracy(train.y().data))) {
        break;
      }
    }
    prop.release();
    trainEval.release();
    run.release();
    run.settle(epoch);
    trainEval.forward(false);
    double trainError = 1 - trainEval.accuracy(train.y().data);
    return run.result(trainError, run.devError(), start);
  }

  /**
   * One gradient step on the batch already in {@code prop} (inputs and dropout masks set):
   * forward, backward, parameter update. Its own method, so that the JIT compiles the step as a
   * whole early (it runs once per batch) rather than only as part of the long training loop.
   *
   * @return the batch's summed data cost if {@code record} (else 0), NaN if the pass diverged
   */
  private static double step(
      Propagation prop, Updater updater, double[] yb, int mb, boolean record) {
    prop.forward(true);
    double cost = record ? prop.dataCost(yb) * mb : 0;
    double check = prop.backward(yb);
    if (!Double.isFinite(check)) {
      return Double.NaN;
    }
    updater.step(prop, mb);
    return cost;
  }

  /**
   * The reference's masks: numpy re-seeded with 1, then {@code rand(n_l, m) < keep_prob} for
   * every hidden layer in order (layers with keep 1 still consume their draws, as numpy would).
   * A kept entry holds 1/keep_prob with {@link Propagation#scaledMasks}, else 1.
   */
  static void referenceMasks(Propagation prop, NumpyRandom rng, int m) {
    rng.seed(1);
    for (int l = 1; l < prop.layers; l++) {
      double kp = prop.keep(l);
      double[][] d = prop.mask[l];
      double one = prop.scaledMasks ? 1.0 / kp : 1.0;
      for (int i = 0; i < prop.sizes[l]; i++) {
        for (int j = 0; j < m; j++) {
          double u = rng.rand();
          if (d != null) {
            d[i][j] = u < kp ? one : 0.0;
          }
        }
      }
    }
  }

  /**
   * Fresh masks: D = (U[0,1) &lt; keep_prob) for every hidden layer with dropout, from a stream
   * seeded with {@code seed} (derived from (run seed, epoch, batch) by the caller).
   */
  static void freshMasks(Propagation prop, FreshMasks gen, long seed, int m) {
    gen.reseed(seed);
    for (int l = 1; l < prop.layers; l++) {
      double[][] d = prop.mask[l];
      if (d == null) {
        continue;
      }
      long threshold = FreshMasks.threshold(prop.keep(l));
      double scale = prop.scaledMasks ? 1.0 / prop.keep(l) : 1.0;
      for (int i = 0; i < prop.sizes[l]; i++) {
        gen.fill(d[i], m, threshold, scale);
      }
    }
  }
}
