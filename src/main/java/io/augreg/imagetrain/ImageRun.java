package io.augreg.imagetrain;

import io.augreg.image.BadImageException;
import io.augreg.image.ClassLabels;
import io.augreg.image.InputFormat;
import io.augreg.train.TrainOutcome;
import java.util.List;

/**
 * What an image training run produced, whatever the network: what {@link ImageTraining.Result}
 * and {@link ConvImageTraining.Result} both hold, read by the outputs and the console.
 */
public interface ImageRun {
  /**
   * The trainer's outcome.
   *
   * @return history, stop and diagnosis
   */
  TrainOutcome result();

  /**
   * The class mapping.
   *
   * @return the labels
   */
  ClassLabels labels();

  /**
   * The input format, with the normalization used.
   *
   * @return the format
   */
  InputFormat format();

  /**
   * Accuracy on the un-augmented training images.
   *
   * @return the accuracy
   */
  double trainAccuracy();

  /**
   * Dev accuracy.
   *
   * @return the accuracy, NaN without a dev set
   */
  double devAccuracy();

  /**
   * Test accuracy.
   *
   * @return the accuracy, NaN without a test set
   */
  double testAccuracy();

  /**
   * Training images used.
   *
   * @return the count
   */
  int trainCount();

  /**
   * Dev images used.
   *
   * @return the count
   */
  int devCount();

  /**
   * Test images used.
   *
   * @return the count
   */
  int testCount();

  /**
   * Images that could not be read (skipped).
   *
   * @return the failures
   */
  List<BadImageException> failures();

  /**
   * Training examples per second.
   *
   * @return the rate
   */
  double samplesPerSecond();
}
