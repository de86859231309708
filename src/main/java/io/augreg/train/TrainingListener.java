package io.augreg.train;

/** Receives each recorded epoch while training runs (progress bars, live plots). */
@FunctionalInterface
public interface TrainingListener {
  /**
   * Called on the training thread after each recorded epoch.
   *
   * @param r the epoch's metrics
   */
  void onEpoch(EpochRecord r);
}
