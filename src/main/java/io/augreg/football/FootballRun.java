package io.augreg.football;

import io.augreg.train.Diagnosis;
import io.augreg.train.StopReason;
import io.augreg.train.TrainConfig;
import io.augreg.train.TrainResult;

/**
 * The outcome of one football run.
 *
 * @param mode which regularizers it used
 * @param config the trainer configuration it ran with
 * @param result the trainer's result (model, history, stop reason)
 * @param trainAccuracy accuracy of the returned model on the training set
 * @param testAccuracy accuracy on the lesson's test set ({@code Xval}, {@code yval})
 * @param trainCorrect correctly classified training examples
 * @param trainSize training examples
 * @param testCorrect correctly classified test examples
 * @param testSize test examples
 * @param diagnosis bias/variance verdict from train and test error, against the configured
 *     base error (default 0)
 * @param keptCost the training cost of the returned weights: the trainer's last recorded cost
 *     when it returned its last weights (the lesson's "cost after iteration i"), else (early
 *     stopping or a divergence kept earlier weights) the cross-entropy plus the L2 term of the
 *     kept weights on the training set, without dropout
 */
public record FootballRun(
    FootballMode mode,
    TrainConfig config,
    TrainResult result,
    double trainAccuracy,
    double testAccuracy,
    int trainCorrect,
    int trainSize,
    int testCorrect,
    int testSize,
    Diagnosis diagnosis,
    double keptCost) {

  /**
   * The final training cost (cross-entropy plus the L2 term when used) of the weights the run
   * returned, {@link #keptCost}: not the cost of later weights that early stopping or a
   * divergence threw away.
   */
  public double finalCost() {
    return keptCost;
  }

  /** Whether the run's cost became NaN or infinite (its weights are the last finite ones). */
  public boolean diverged() {
    return result.stopReason() == StopReason.DIVERGED;
  }

  /** Wall-clock seconds the training took. */
  public double seconds() {
    return result.seconds();
  }
}
