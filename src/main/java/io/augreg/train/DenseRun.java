package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Loss;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.Gemm;

/**
 * One training call of a dense network: what {@link Trainer} and {@link OnlineTrainer} share
 * around their own batch loops. It checks the dev set and early stopping, holds the live
 * parameters (updated in place by the trainer) and a copy of the best ones seen, measures the
 * dev set at every recorded epoch, keeps the history and stop decisions in an {@link EpochLog},
 * draws fresh dropout masks and builds the {@link TrainResult}.
 *
 * <p>Use: construct, run the epochs calling {@link #record} (or {@link #diverged}) and stopping
 * when it says so, then {@link #settle}, {@link #release} and {@link #result}.
 */
final class DenseRun {
  private static final long DROPOUT_KEY = 0x4452_4F50L; // "DROP"

  /** Live weights per layer (index l−1 holds W_l), updated in place by the trainer. */
  final double[][] w;

  /** Live biases per layer, updated in place by the trainer. */
  final double[][] b;

  /** Keep probability of layers 0..L for training. */
  final double[] keep;

  /** Keep probability 1 for layers 0..L: evaluation without dropout. */
  final double[] noKeep;

  private final TrainConfig config;
  private final Network initial;
  private final Dataset dev;
  private final Propagation devEval;
  private final EpochLog log;
  private final double[][] bestW;
  private final double[][] bestB;
  // copies the live parameters into the best ones (the log runs it when an epoch is kept)
  private final Runnable keepBest;
  private final FreshMasks fresh = new FreshMasks();
  // Seeds.mix(seed, DROPOUT_KEY), extended per (epoch, batch) without allocating
  private final long dropoutBase;

  /**
   * Starts a run from {@code initial} (never modified).
   *
   * @param config the training configuration
   * @param gemm the product kernel of the dev evaluation
   * @param initial the starting network
   * @param dev dev set for early stopping, history and diagnosis; may be null
   * @param listener called after each recorded epoch; may be null
   * @throws AugregException on a mismatched dev set, early stopping without a dev set, or a
   *     keep probability that fits neither one value nor one per hidden layer
   */
  DenseRun(TrainConfig config, Gemm gemm, Network initial, Dataset dev, TrainingListener listener) {
    if (dev != null) {
      checkData(initial, dev, "dev set");
    }
    this.log = new EpochLog(config.epochs(), config.earlyStopping(), dev != null, listener);
    int layers = initial.layers();
    this.keep = DenseParams.keepPerLayer(config, layers);
    this.noKeep = DenseParams.noDropout(layers);
    this.config = config;
    this.initial = initial;
    this.dev = dev;
    this.w = initial.weightArrays();
    this.b = initial.biasArrays();
    this.devEval = dev == null ? null : new Propagation(initial, w, b, noKeep, dev.size(), gemm);
    if (devEval != null) {
      devEval.input(dev.x());
    }
    this.bestW = DenseParams.copy(w);
    this.bestB = DenseParams.copy(b);
    this.keepBest = () -> {
      DenseParams.copyInto(w, bestW);
      DenseParams.copyInto(b, bestB);
    };
    this.dropoutBase = Seeds.mix(config.seed(), DROPOUT_KEY);
  }

  /**
   * Checks that a data set fits the network: its feature count, at least one example, and labels
   * valid for the output layer.
   *
   * @param net the network
   * @param d the data set
   * @param what the set's name for messages, e.g. "training set"
   * @throws AugregException naming the set and what is wrong
   */
  static void checkData(Network net, Dataset d, String what) {
    if (d.features() != net.sizes()[0]) {
      throw new AugregException(
          what + " has " + d.features() + " features, the network expects " + net.sizes()[0]);
    }
    if (d.size() < 1) {
      throw new AugregException(what + " is empty");
    }
    int k = net.sizes()[net.layers()];
    try {
      Loss.checkLabels(net.output(), d.y().data, d.size(), k);
    } catch (AugregException e) {
      throw new AugregException(what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fresh inverted-dropout masks for batch {@code batch} of epoch {@code epoch}, from the stream
   * seeded with {@code Seeds.mix(seed, "DROP", epoch, batch)}.
   *
   * @param prop the training propagation (masks are written into it)
   * @param epoch 1-based epoch
   * @param batch 0-based batch within the epoch
   * @param m the batch's examples
   */
  void freshMasks(Propagation prop, int epoch, int batch, int m) {
    Trainer.freshMasks(prop, fresh, FreshMasks.extend(dropoutBase, epoch, batch), m);
  }

  /**
   * Records an epoch whose training pass diverged (NaN everywhere) and ends training with {@link
   * StopReason#DIVERGED}; the caller stops its loop.
   *
   * @param epoch the epoch
   */
  void diverged(int epoch) {
    log.diverged(epoch);
  }

  /**
   * Records a finished epoch: measures the dev cost and accuracy of the live weights and hands the
   * record to the {@link EpochLog} (history, listener, stop rule), which has the weights copied
   * when they are the best so far.
   *
   * @param epoch the epoch
   * @param trainCost its training cost (with regularization)
   * @param trainAccuracy its training accuracy
   * @return true if training must stop (patience exhausted or a non-finite cost)
   */
  boolean record(int epoch, double trainCost, double trainAccuracy) {
    double devCost = Double.NaN;
    double devAcc = Double.NaN;
    if (devEval != null) {
      devEval.forward(false);
      devCost = devEval.dataCost(dev.y().data);
      devAcc = devEval.accuracy(dev.y().data);
    }
    return log.record(new EpochRecord(epoch, trainCost, devCost, trainAccuracy, devAcc), keepBest);
  }

  /**
   * Ends the epochs and leaves in {@link #w} and {@link #b} the weights to return: the last ones
   * when training ran all its epochs without early stopping, else the best recorded ones, else
   * (a divergence before the first finite epoch) the initial ones.
   *
   * @param epoch the epoch the loop ended at ({@code epochs + 1} when it ran to the end)
   */
  void settle(int epoch) {
    switch (log.settle(epoch)) {
      case LAST -> {
        // the live weights are the ones to return
      }
      case BEST -> {
        DenseParams.copyInto(bestW, w);
        DenseParams.copyInto(bestB, b);
      }
      case INITIAL -> {
        DenseParams.copyInto(initial.weightArrays(), w);
        DenseParams.copyInto(initial.biasArrays(), b);
      }
    }
  }

  /** Releases the dev evaluation's resident inputs (it still computes afterwards). */
  void release() {
    if (devEval != null) {
      devEval.release();
    }
  }

  /**
   * The dev error of the live weights with the run's own dev propagation.
   *
   * @return 1 − dev accuracy, NaN without a dev set
   */
  double devError() {
    if (devEval == null) {
      return Double.NaN;
    }
    devEval.forward(false);
    return 1 - devEval.accuracy(dev.y().data);
  }

  /**
   * The network with the live weights: after {@link #settle}, the model to return.
   *
   * @return a new network (the initial one's architecture, copies of {@link #w} and {@link #b})
   */
  Network model() {
    return initial.withParameters(w, b);
  }

  /**
   * The result of a settled run: the initial network with the live weights, the history, the
   * epochs and stop reason, and the bias/variance diagnosis of the two errors.
   *
   * @param trainError 1 − train accuracy of the returned weights
   * @param devError 1 − dev accuracy of the returned weights, NaN without a dev set
   * @param start {@link System#nanoTime()} when the training call began
   * @return the result
   */
  TrainResult result(double trainError, double devError, long start) {
    Diagnosis diagnosis = Diagnosis.of(trainError, devError, config.baseError(),
        config.biasThreshold(), config.varianceThreshold());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TrainResult(model(), log.history(), log.bestEpoch(), log.stopEpoch(), log.reason(),
        log.lastCost(), seconds, diagnosis);
  }
}
