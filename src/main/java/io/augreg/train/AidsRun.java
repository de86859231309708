package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.nn.Layer;
import io.augreg.nn.Loss;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.ConvNet;
import java.util.List;

/**
 * The {@link TrainingAids} of one run, as the trainer's hooks call them: the batches (mixed or
 * not), each batch's soft targets (label smoothing), the rate of each epoch (the schedule), the
 * dev cost told to the schedule, and the max-norm constraint after each step.
 */
final class AidsRun {
  private final TrainingAids aids;
  private final OutputKind kind;
  private final int k;
  private final LrScheduler scheduler;
  private MaxNorm maxNorm;
  private double[] targets = new double[0];

  /**
   * @param config the run's configuration
   * @param net the network trained
   * @param dev whether the run has a dev set (a plateau schedule needs one)
   */
  AidsRun(TrainConfig config, ConvNet net, boolean dev) {
    this.aids = config.aids();
    this.kind = net.output();
    this.k = net.outputs();
    if (aids.schedule().kind() == LrSchedule.Kind.PLATEAU && !dev) {
      throw new AugregException("--lr-schedule plateau needs a dev set (--dev or --split)");
    }
    this.scheduler = new LrScheduler(aids.schedule(), config.learningRate(), config.epochs());
  }

  /**
   * The training batches: {@code source} itself, or mixed by a {@link Mixing} wrapper.
   *
   * @param source the batches
   * @param net the network (input shape, outputs)
   * @param seed the run seed
   * @return the batches to train on
   */
  BatchStream batches(BatchStream source, ConvNet net, long seed) {
    return aids.mixing()
        ? new Mixing(source, aids, net.input(), net.output(), net.outputs(), seed)
        : source;
  }

  /**
   * Binds the max-norm constraint to the layers holding the live weights.
   *
   * @param layers one worker's layers
   */
  void bind(List<Layer> layers) {
    maxNorm = aids.maxNorm() > 0 ? new MaxNorm(aids.maxNorm(), layers) : null;
  }

  /**
   * The soft targets a batch trains on: the batch's own (mixed) targets or one-hot labels,
   * smoothed ({@link Loss#smooth}); null when neither mixing nor smoothing applies (the loss then
   * reads the hard labels).
   *
   * @param bt the batch
   * @return k targets per example, or null
   */
  double[] targets(BatchStream.Batch bt) {
    double eps = aids.labelSmoothing();
    if (bt.targets() == null && eps == 0) {
      return null;
    }
    int n = bt.size();
    if (targets.length < n * k) {
      targets = new double[n * k];
    }
    if (bt.targets() != null) {
      System.arraycopy(bt.targets(), 0, targets, 0, n * k);
    } else if (kind == OutputKind.SIGMOID_BINARY) {
      System.arraycopy(bt.y(), 0, targets, 0, n);
    } else {
      // one-hot rows
      java.util.Arrays.fill(targets, 0, n * k, 0.0);
      for (int j = 0; j < n; j++) {
        targets[j * k + (int) bt.y()[j]] = 1;
      }
    }
    Loss.smooth(kind, targets, n * k, k, eps);
    return targets;
  }

  /**
   * The learning rate of an epoch.
   *
   * @param epoch 1-based, in order
   * @return its rate
   */
  double rate(int epoch) {
    return scheduler.rate(epoch);
  }

  /**
   * Tells the schedule a recorded epoch's dev cost.
   *
   * @param devCost the dev cost (NaN without a dev set)
   */
  void recorded(double devCost) {
    scheduler.devCost(devCost);
  }

  /** The schedule's state (for a checkpoint). */
  LrScheduler scheduler() {
    return scheduler;
  }

  /** Applies the max-norm constraint after an optimizer step (nothing when it is off). */
  void afterStep() {
    if (maxNorm != null) {
      maxNorm.apply();
    }
  }
}
