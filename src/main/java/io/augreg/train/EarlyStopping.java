package io.augreg.train;

import io.augreg.core.AugregException;

/**
 * Stop when the monitored dev metric has not improved for {@code patience} consecutive
 * evaluations (one evaluation every {@code evalEvery} epochs); the trainer then returns the
 * weights of the best evaluation.
 *
 * @param monitor what to watch on the dev set
 * @param patience evaluations without improvement before stopping, &gt;= 1
 * @param minDelta an evaluation improves only if it beats the best by more than this, &gt;= 0
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta) {

  /** The metric early stopping watches. */
  public enum Monitor {
    /** Dev cross-entropy, lower is better. */
    DEV_LOSS,
    /** Dev accuracy, higher is better. */
    DEV_ACCURACY
  }

  /** Validates. */
  public EarlyStopping {
    if (monitor == null) {
      throw new AugregException("early stopping needs a monitor (DEV_LOSS or DEV_ACCURACY)");
    }
    if (patience < 1) {
      throw new AugregException("--patience must be >= 1, got " + patience);
    }
    if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
      throw new AugregException("--min-delta must be a finite number >= 0, got " + minDelta);
    }
  }

  /**
   * Whether {@code score} improves on {@code best} by more than minDelta.
   *
   * @param score the new value of the monitored metric
   * @param best the best value so far (NaN if none)
   * @return true if it counts as an improvement
   */
  public boolean improves(double score, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(score);
    }
    return monitor == Monitor.DEV_LOSS ? score < best - minDelta : score > best + minDelta;
  }
}
