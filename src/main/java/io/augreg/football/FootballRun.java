package io.augreg.football;

import io.augreg.train.Diagnosis;
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
    Diagnosis diagnosis) {

  /** The final training cost (cross-entropy plus the L2 term when used). */
  public double finalCost() {
    return result.finalCost();
  }

  /** Wall-clock seconds the training took. */
  public double seconds() {
    return result.seconds();
  }
}
