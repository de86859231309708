package io.augreg.train;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch bookkeeping every trainer shares, whatever its parameters look like: the recorded
 * epochs, the {@link TrainingListener} call, the {@link StopRule} verdict, the best and stop
 * epochs, the stop reason and the last training cost. The parameters themselves stay with the
 * trainer: {@link #record} runs the trainer's snapshot of the live parameters when they are the
 * best so far, and {@link #settle} says which parameters the trainer returns.
 *
 * <p>Use: construct, call {@link #record} for each recorded epoch (or {@link #diverged}) and stop
 * when it says so, then {@link #settle} and read {@link #history}, {@link #bestEpoch}, {@link
 * #stopEpoch}, {@link #reason} and {@link #lastCost}.
 */
final class EpochLog {

  /** Which parameters a settled run returns. */
  enum Returned {
    /** The live (last) parameters: all epochs ran and there is no early stopping. */
    LAST,
    /** The best snapshot: the trainer copies it back into the live parameters. */
    BEST,
    /** The initial parameters (best epoch 0): no epoch was kept before the run diverged. */
    INITIAL
  }

  private final int epochs;
  private final boolean earlyStopping;
  private final boolean haveDev;
  private final TrainingListener listener;
  private final StopRule stopRule;
  private final List<EpochRecord> records = new ArrayList<>();
  private boolean haveBest;
  private int bestEpoch;
  private int stopEpoch;
  private StopReason reason = StopReason.MAX_EPOCHS;
  private double lastCost = Double.NaN;

  /**
   * A log for one training call.
   *
   * @param epochs the configured number of epochs
   * @param early the early-stopping rule, or {@code null} for none
   * @param haveDev whether the run measures a dev set (its cost must then be finite too)
   * @param listener called after each recorded epoch; may be null
   * @throws AugregException for early stopping without a dev set
   */
  EpochLog(int epochs, EarlyStopping early, boolean haveDev, TrainingListener listener) {
    if (early != null && !haveDev) {
      throw new AugregException("early stopping needs a dev set");
    }
    this.epochs = epochs;
    this.earlyStopping = early != null;
    this.haveDev = haveDev;
    this.listener = listener;
    this.stopRule = new StopRule(early);
  }

  /**
   * Ends training on request ({@link StopReason#INTERRUPTED}) in the middle of {@code epoch}: no
   * record for the unfinished epoch; the caller stops its loop.
   */
  void interrupted() {
    reason = StopReason.INTERRUPTED;
  }

  /**
   * What a checkpoint needs to continue this log: the records, the kept epoch, the last cost and
   * the stop rule's best score and wait.
   *
   * @param records the recorded epochs
   * @param haveBest whether an epoch was kept
   * @param bestEpoch the kept epoch
   * @param lastCost the last recorded training cost
   * @param rule the stop rule's {best score, evaluations since it}
   */
  record Saved(List<EpochRecord> records, boolean haveBest, int bestEpoch, double lastCost,
      double[] rule) {}

  /** The log's state, for a checkpoint. */
  Saved save() {
    return new Saved(List.copyOf(records), haveBest, bestEpoch, lastCost, stopRule.state());
  }

  /** Continues from {@link #save()}'s state (a fresh log). */
  void restore(Saved s) {
    records.clear();
    records.addAll(s.records());
    haveBest = s.haveBest();
    bestEpoch = s.bestEpoch();
    lastCost = s.lastCost();
    stopRule.restore(s.rule());
  }

  /**
   * Records an epoch whose training pass diverged (NaN everywhere) and ends training with {@link
   * StopReason#DIVERGED}; the caller stops its loop.
   *
   * @param epoch the epoch
   */
  void diverged(int epoch) {
    reason = StopReason.DIVERGED;
    records.add(new EpochRecord(epoch, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    lastCost = Double.NaN;
  }

  /**
   * Records a finished epoch: adds it to the history, tells the listener, and judges it with the
   * stop rule, running {@code keepBest} when its parameters are the best so far.
   *
   * @param r the epoch's metrics (dev ones NaN without a dev set)
   * @param keepBest copies the live parameters into the trainer's best snapshot
   * @return true if training must stop (patience exhausted or a non-finite cost)
   */
  boolean record(EpochRecord r, Runnable keepBest) {
    records.add(r);
    lastCost = r.trainCost();
    if (listener != null) {
      listener.onEpoch(r);
    }
    StopRule.Outcome outcome =
        stopRule.observe(r.trainCost(), r.devCost(), r.devAccuracy(), haveDev);
    if (outcome == StopRule.Outcome.KEEP) {
      bestEpoch = r.epoch();
      keepBest.run();
      haveBest = true;
    } else if (outcome.stopReason() != null) {
      reason = outcome.stopReason();
      return true;
    }
    return false;
  }

  /**
   * Ends the epochs and says which parameters to return: the last ones when training ran all its
   * epochs (or was interrupted) without early stopping, else the best snapshot, else (a divergence before the first
   * finite epoch) the initial parameters. A divergence never fails the run: the caller writes its
   * outputs with {@link StopReason#DIVERGED} and the parameters this names.
   *
   * @param epoch the epoch the loop ended at ({@code epochs + 1} when it ran to the end)
   * @return which parameters the trainer returns
   */
  Returned settle(int epoch) {
    stopEpoch = Math.min(epoch, epochs);
    if ((reason == StopReason.MAX_EPOCHS || reason == StopReason.INTERRUPTED) && !earlyStopping) {
      bestEpoch = stopEpoch;
      return Returned.LAST;
    }
    if (haveBest) {
      return Returned.BEST;
    }
    bestEpoch = 0;
    return Returned.INITIAL;
  }

  /**
   * The recorded epochs so far.
   *
   * @return an unmodifiable copy, in order
   */
  History history() {
    return new History(records);
  }

  /**
   * The epoch of the returned parameters, valid after {@link #settle}.
   *
   * @return the best kept epoch, the stop epoch when the last parameters are returned, or 0 for
   *     the initial parameters
   */
  int bestEpoch() {
    return bestEpoch;
  }

  /**
   * The last epoch that ran, valid after {@link #settle}.
   *
   * @return min(loop end epoch, configured epochs)
   */
  int stopEpoch() {
    return stopEpoch;
  }

  /**
   * Why training ended.
   *
   * @return {@link StopReason#MAX_EPOCHS} until a stop outcome or a divergence is recorded
   */
  StopReason reason() {
    return reason;
  }

  /**
   * The training cost of the last recorded epoch.
   *
   * @return that cost, NaN before the first record or after a diverged epoch
   */
  double lastCost() {
    return lastCost;
  }
}
