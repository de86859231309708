package io.augreg.train;

/**
 * The per-epoch stopping decision every trainer shares: a non-finite cost stops with {@link
 * StopReason#DIVERGED}; with early stopping a better monitored score asks for the weights to be
 * kept and {@code patience} recorded epochs without one stop with {@link StopReason#PATIENCE};
 * without early stopping every finite epoch is kept (the last one wins).
 */
final class StopRule {

  /** What one recorded epoch means for the training loop. */
  enum Outcome {
    /** Keep these weights as the best so far and go on. */
    KEEP,
    /** Not better; go on. */
    CONTINUE,
    /** Stop: patience exhausted (do not keep these weights). */
    PATIENCE,
    /** Stop: the cost is NaN or infinite (do not keep these weights). */
    DIVERGED;

    /** The stop reason, or {@code null} when training goes on. */
    StopReason stopReason() {
      return switch (this) {
        case PATIENCE -> StopReason.PATIENCE;
        case DIVERGED -> StopReason.DIVERGED;
        default -> null;
      };
    }
  }

  private final EarlyStopping early;
  private double bestScore = Double.NaN;
  private int wait;

  /** The best monitored score so far (NaN before the first) and the evaluations since it. */
  double[] state() {
    return new double[] {bestScore, wait};
  }

  /** Restores what {@link #state()} returned. */
  void restore(double[] state) {
    bestScore = state[0];
    wait = (int) state[1];
  }

  /** @param early the early-stopping rule, or {@code null} for none */
  StopRule(EarlyStopping early) {
    this.early = early;
  }

  /**
   * Judges one recorded epoch.
   *
   * @param trainCost the training cost (with regularization)
   * @param devCost the dev cost, or NaN without a dev set
   * @param devAccuracy the dev accuracy, or NaN without a dev set
   * @param hasDev whether there is a dev set
   * @return what the loop should do
   */
  Outcome observe(double trainCost, double devCost, double devAccuracy, boolean hasDev) {
    if (!Double.isFinite(trainCost) || (hasDev && !Double.isFinite(devCost))) {
      return Outcome.DIVERGED;
    }
    if (early == null) {
      return Outcome.KEEP;
    }
    double score = early.monitor() == EarlyStopping.Monitor.DEV_LOSS ? devCost : devAccuracy;
    if (early.improves(score, bestScore)) {
      bestScore = score;
      wait = 0;
      return Outcome.KEEP;
    }
    return ++wait >= early.patience() ? Outcome.PATIENCE : Outcome.CONTINUE;
  }
}
