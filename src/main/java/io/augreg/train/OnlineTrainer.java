package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Loss;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link Network} from a {@link BatchStream} (mini-batches built on the fly, e.g.
 * augmented images) with the same optimizers, penalties, dropout, early stopping and diagnosis
 * as {@link Trainer}. Each recorded epoch measures the train cost and accuracy on the
 * <em>un-augmented</em> training examples ({@link BatchStream#clean()}, inference, no dropout)
 * and the dev cost and accuracy on the dev set, so the bias/variance diagnosis sees clean data.
 *
 * <p>The training cost in the history is the clean data cost plus the penalty; the optimizer's
 * own (augmented, dropped-out) losses are not recorded. Dropout masks are always fresh.
 */
public final class OnlineTrainer {
  private static final long DROPOUT_KEY = 0x4452_4F50L; // "DROP", as Trainer

  private final TrainConfig config;
  private final Gemm gemm;

  /**
   * A trainer with the plain-Java product kernel.
   *
   * @param config the training configuration (its batch size is the source's business)
   */
  public OnlineTrainer(TrainConfig config) {
    this(config, new JavaGemm());
  }

  /**
   * A trainer with an explicit product kernel.
   *
   * @param config the training configuration
   * @param gemm the matrix-product kernel
   */
  public OnlineTrainer(TrainConfig config, Gemm gemm) {
    if (config == null || gemm == null) {
      throw new IllegalArgumentException("config and gemm are required");
    }
    this.config = config;
    this.gemm = gemm;
  }

  /**
   * Trains from {@code initial} (never modified).
   *
   * @param initial the starting network
   * @param source the training batches (not closed here)
   * @param dev dev set for early stopping and diagnosis; may be null
   * @param listener called after each recorded epoch; may be null
   * @return the result (model = best weights by the early-stopping monitor, else the last)
   */
  public TrainResult train(Network initial, BatchStream source, Dataset dev, TrainingListener listener) {
    long start = System.nanoTime();
    int[] sizes = initial.sizes();
    int layers = sizes.length - 1;
    int k = sizes[layers];
    if (source.features() != sizes[0]) {
      throw new AugregException(
          "training inputs have " + source.features() + " features, the network expects " + sizes[0]);
    }
    if (dev != null) {
      if (dev.features() != sizes[0]) {
        throw new AugregException("dev set has " + dev.features() + " features, the network expects " + sizes[0]);
      }
      Loss.checkLabels(initial.output(), dev.y().data, dev.size(), k);
    }
    EarlyStopping early = config.earlyStopping();
    if (early != null && dev == null) {
      throw new AugregException("early stopping needs a dev set");
    }
    int m = source.size();
    int batch = source.batchSize();
    double[] keep = DenseParams.keepPerLayer(config, layers);
    double[] noKeep = DenseParams.noDropout(layers);
    double[][] w = initial.weightArrays();
    double[][] b = initial.biasArrays();
    Propagation prop = new Propagation(initial, w, b, keep, batch, gemm);
    Propagation eval = new Propagation(initial, w, b, noKeep, batch, gemm);
    Propagation devEval = dev == null ? null : new Propagation(initial, w, b, noKeep, dev.size(), gemm);
    if (devEval != null) {
      devEval.input(dev.x());
    }
    Updater updater = new Updater(config, w, b);
    FreshMasks fresh = new FreshMasks();
    double[][] bestW = DenseParams.copy(w);
    double[][] bestB = DenseParams.copy(b);
    boolean haveBest = false;
    int bestEpoch = 0;
    StopRule stopRule = new StopRule(early);
    List<EpochRecord> records = new ArrayList<>();
    StopReason reason = StopReason.MAX_EPOCHS;
    int epoch;
    double lastCost = Double.NaN;
    try {
      for (epoch = 1; epoch <= config.epochs(); epoch++) {
        boolean diverged = false;
        try (BatchStream.Epoch batches = source.epoch(epoch)) {
          int bi = 0;
          for (BatchStream.Batch bt = batches.next(); bt != null; bt = batches.next(), bi++) {
            int mb = bt.size();
            prop.inputBatch(bt.x(), mb);
            if (config.dropout()) {
              Trainer.freshMasks(prop, fresh, Seeds.mix(config.seed(), DROPOUT_KEY, epoch, bi), mb);
            }
            prop.forward(true);
            double check = prop.backward(bt.y());
            if (!Double.isFinite(check)) {
              diverged = true;
              break;
            }
            updater.step(prop, mb);
          }
        }
        if (diverged) {
          reason = StopReason.DIVERGED;
          records.add(new EpochRecord(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
          lastCost = Double.NaN;
          break;
        }
        boolean record = epoch % config.evalEvery() == 0 || epoch == config.epochs();
        if (!record) {
          continue;
        }
        // J_train = mean clean cross-entropy + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w|
        double[] costAcc = evaluate(eval, source);
        double trainCost = costAcc[0] + DenseParams.penalty(config, w, m);
        double devCost = Double.NaN;
        double devAcc = Double.NaN;
        if (devEval != null) {
          devEval.forward(false);
          devCost = devEval.dataCost(dev.y().data);
          devAcc = devEval.accuracy(dev.y().data);
        }
        EpochRecord r = new EpochRecord(epoch, trainCost, devCost, costAcc[1], devAcc);
        records.add(r);
        lastCost = trainCost;
        if (listener != null) {
          listener.onEpoch(r);
        }
        StopRule.Outcome outcome = stopRule.observe(trainCost, devCost, devAcc, devEval != null);
        if (outcome == StopRule.Outcome.KEEP) {
          bestEpoch = epoch;
          DenseParams.copyInto(w, bestW);
          DenseParams.copyInto(b, bestB);
          haveBest = true;
        } else if (outcome.stopReason() != null) {
          reason = outcome.stopReason();
          break;
        }
      }
    } finally {
      prop.release();
      eval.release();
      if (devEval != null) {
        devEval.release();
      }
    }
    int stopEpoch = Math.min(epoch, config.epochs());
    Network model;
    if (reason == StopReason.MAX_EPOCHS && early == null) {
      model = initial.withParameters(w, b);
      bestEpoch = stopEpoch;
    } else {
      if (!haveBest) {
        throw new AugregException(
            "training diverged at epoch " + stopEpoch + " before any finite cost was recorded (try a smaller --lr)");
      }
      model = initial.withParameters(bestW, bestB);
    }
    Propagation finalEval = new Propagation(model, model.weightArrays(), model.biasArrays(), noKeep, batch, gemm);
    double trainError = 1 - evaluate(finalEval, source)[1];
    finalEval.release();
    double devError = dev == null ? Double.NaN : 1 - model.accuracy(dev);
    Diagnosis diagnosis =
        Diagnosis.of(trainError, devError, config.baseError(), config.biasThreshold(), config.varianceThreshold());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new TrainResult(model, new History(records), bestEpoch, stopEpoch, reason, lastCost, seconds, diagnosis);
  }

  /** {mean data cost, accuracy} over the clean training examples, batch by batch. */
  private static double[] evaluate(Propagation eval, BatchStream source) {
    double cost = 0;
    double correct = 0;
    int n = 0;
    try (BatchStream.Epoch all = source.clean()) {
      for (BatchStream.Batch bt = all.next(); bt != null; bt = all.next()) {
        int mb = bt.size();
        eval.inputBatch(bt.x(), mb);
        eval.forward(false);
        cost += eval.dataCost(bt.y()) * mb;
        correct += eval.accuracy(bt.y()) * mb;
        n += mb;
      }
    }
    return new double[] {cost / n, correct / n};
  }
}
