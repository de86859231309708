package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;

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
public final class OnlineTrainer extends DenseTrainer {

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
    super(config, gemm);
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
    if (source.features() != sizes[0]) {
      throw new AugregException(
          "training inputs have " + source.features() + " features, the network expects " + sizes[0]);
    }
    DenseRun run = new DenseRun(config, gemm, initial, dev, listener);
    int m = source.size();
    int batch = source.batchSize();
    Propagation prop = new Propagation(initial, run.w, run.b, run.keep, batch, gemm);
    Propagation eval = new Propagation(initial, run.w, run.b, run.noKeep, batch, gemm);
    Updater updater = new Updater(config, run.w, run.b);
    try {
      int epoch;
      for (epoch = 1; epoch <= config.epochs(); epoch++) {
        boolean diverged = false;
        try (BatchStream.Epoch batches = source.epoch(epoch)) {
          int bi = 0;
          for (BatchStream.Batch bt = batches.next(); bt != null; bt = batches.next(), bi++) {
            int mb = bt.size();
            prop.inputBatch(bt.x(), mb);
            if (config.dropout()) {
              run.freshMasks(prop, epoch, bi, mb);
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
          run.diverged(epoch);
          break;
        }
        boolean record = epoch % config.evalEvery() == 0 || epoch == config.epochs();
        if (!record) {
          continue;
        }
        // J_train = mean clean cross-entropy + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| (+ (wd/2)·Σθ²)
        double[] costAcc = evaluate(eval, source);
        double trainCost = costAcc[0] + DenseParams.penalty(config, run.w, run.b, m);
        if (run.record(epoch, trainCost, costAcc[1])) {
          break;
        }
      }
      run.settle(epoch);
      double trainError = 1 - evaluate(eval, source)[1];
      return run.result(trainError, run.devError(), start);
    } finally {
      prop.release();
      eval.release();
      run.release();
    }
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
