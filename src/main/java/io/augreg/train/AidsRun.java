package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.nn.Loss;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
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
  private final double base;
  private final int epochs;
  private LrScheduler scheduler;
  private MaxNorm maxNorm;
  private double[] targets = new double[0];

  /**
   * @param config the run's configuration
   * @param net the network trained
   * @param dev whether the run has a dev set (a plateau schedule needs one)
   */
  AidsRun(TrainConfig config, Network net, boolean dev) {
    this.aids = config.aids();
    this.kind = net.output();
    this.k = net.outputs();
    if (aids.schedule().kind() == LrSchedule.Kind.PLATEAU && !dev) {
      throw new AugregException("--lr-schedule plateau needs a dev set (--dev or --split)");
    }
    this.base = config.learningRate();
    this.epochs = config.epochs();
    this.scheduler = new LrScheduler(aids.schedule(), base, epochs);
  }

  /**
   * The training batches: {@code source} itself, or mixed by a {@link Mixing} wrapper.
   *
   * @param source the batches
   * @param net the network (input shape, outputs)
   * @param seed the run seed
   * @return the batches to train on
   */
  BatchStream batches(BatchStream source, Network net, long seed) {
    return aids.mixing()
        ? new Mixing(source, aids, net.input(), net.output(), net.outputs(), seed)
        : source;
  }

  /**
   * Binds the max-norm constraint to the live weights.
   *
   * @param net the network (its layers' shapes)
   * @param live the live parameter values the executor updates
   */
  void bind(Network net, List<double[]> live) {
    maxNorm = aids.maxNorm() > 0
        ? new MaxNorm(aids.maxNorm(), net.stack(live, new JavaGemm()).layers())
        : null;
  }

  /**
   * Whether batches may carry soft targets (label smoothing or mixing), which only the slice
   * executor's loss reads.
   *
   * @return true when the loss must take soft targets
   */
  boolean softTargets() {
    return aids.labelSmoothing() > 0 || aids.mixing();
  }

  /**
   * The batch a step trains on: {@code bt} itself, or with label smoothing the same batch with
   * soft targets, its own (mixed) targets or its one-hot labels smoothed ({@link Loss#smooth}).
   *
   * @param bt the batch
   * @return the batch with the targets the loss takes
   */
  BatchStream.Batch targets(BatchStream.Batch bt) {
    double eps = aids.labelSmoothing();
    if (eps == 0) {
      return bt;
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
    return bt.withTargets(targets);
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

  /**
   * Continues the schedule from a checkpoint's state.
   *
   * @param state what {@code scheduler().state()} gave
   */
  void restore(LrScheduler.State state) {
    scheduler = LrScheduler.restore(aids.schedule(), base, epochs, state);
  }

  /**
   * Applies the max-norm constraint after an optimizer step.
   *
   * @return whether it ran (the executor must then be told that the values changed)
   */
  boolean afterStep() {
    if (maxNorm == null) {
      return false;
    }
    maxNorm.apply();
    return true;
  }
}
