package io.augreg.imagetrain;

import io.augreg.train.Diagnosis;
import io.augreg.train.TrainConfig;

/**
 * The set a training run's bias/variance diagnosis compares the train error with ({@link
 * ImageTraining}): the dev set when
 * there is one; without a dev set but with a test set, the test set (the lesson's hold-out), so
 * that variance is still judged; with neither, none (bias only).
 */
public final class HoldOut {
  /** The diagnosis heading's note when the test set is the hold-out. */
  public static final String TEST_NOTE = "no dev set: the test set is the hold-out";

  private HoldOut() {}

  /**
   * Whether the test set is the hold-out: no dev images and some test images.
   *
   * @param devCount dev images used
   * @param testCount test images used
   * @return true without a dev set but with a test set
   */
  public static boolean isTest(int devCount, int testCount) {
    return devCount == 0 && testCount > 0;
  }

  /**
   * The hold-out's name for {@link Diagnosis#summary(String)} and {@code report.json}.
   *
   * @param devCount dev images used
   * @param testCount test images used
   * @return {@code "test"} when {@link #isTest}, else {@code "dev"}
   */
  public static String name(int devCount, int testCount) {
    return isTest(devCount, testCount) ? "test" : "dev";
  }

  /**
   * The note for the diagnosis heading.
   *
   * @param devCount dev images used
   * @param testCount test images used
   * @return {@link #TEST_NOTE} when {@link #isTest}, else null (no note)
   */
  public static String note(int devCount, int testCount) {
    return isTest(devCount, testCount) ? TEST_NOTE : null;
  }

  /**
   * The diagnosis a run reports. With a dev set (or with neither set) the trainer's own: train vs
   * dev error, or bias only. Without a dev set but with a test set: train error vs test error,
   * with the configuration's base error and thresholds.
   *
   * @param trained the trainer's diagnosis
   * @param trainAccuracy accuracy on the un-augmented training images
   * @param testAccuracy test accuracy (NaN without a test set)
   * @param devCount dev images used
   * @param testCount test images used
   * @param config base error and thresholds
   * @return {@code trained} or the diagnosis against the test set
   */
  static Diagnosis diagnose(Diagnosis trained, double trainAccuracy, double testAccuracy,
      int devCount, int testCount, TrainConfig config) {
    if (!isTest(devCount, testCount)) {
      return trained;
    }
    return Diagnosis.of(1 - trainAccuracy, 1 - testAccuracy, config.baseError(),
        config.biasThreshold(), config.varianceThreshold());
  }
}
