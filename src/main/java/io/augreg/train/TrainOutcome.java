package io.augreg.train;

/**
 * How a training call ended: what {@link TrainResult} reports to outputs, reports and the
 * console.
 */
public interface TrainOutcome {
  /**
   * The recorded epochs.
   *
   * @return the history
   */
  History history();

  /**
   * The epoch whose weights the model holds.
   *
   * @return that epoch, 0 for the initial weights
   */
  int bestEpoch();

  /**
   * The last epoch that ran.
   *
   * @return that epoch
   */
  int stopEpoch();

  /**
   * Why training ended.
   *
   * @return the reason
   */
  StopReason stopReason();

  /**
   * The training cost (with the penalty) of the last recorded epoch.
   *
   * @return that cost, NaN after a diverged epoch
   */
  double finalCost();

  /**
   * Wall time of the training call.
   *
   * @return seconds
   */
  double seconds();

  /**
   * The bias/variance diagnosis of the returned model.
   *
   * @return the diagnosis
   */
  Diagnosis diagnosis();
}
