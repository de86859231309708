package io.augreg.train;

/**
 * Metrics recorded after one epoch (every {@code evalEvery} epochs and the last one).
 *
 * @param epoch 1-based epoch (for GD, the iteration)
 * @param trainCost the training cost seen by the epoch's training passes, including regularization
 *     (for GD, the lesson's "cost after iteration i": forward pass before the update, with dropout)
 * @param devCost dev cross-entropy of the weights after the epoch (no regularization); NaN without
 *     a dev set
 * @param trainAccuracy training accuracy of the weights after the epoch (inference, no dropout)
 * @param devAccuracy dev accuracy of the weights after the epoch; NaN without a dev set
 * @param lr the learning rate the epoch trained with (a schedule changes it); NaN when not known
 */
public record EpochRecord(
    int epoch, double trainCost, double devCost, double trainAccuracy, double devAccuracy,
    double lr) {

  /**
   * A record without a learning rate (NaN).
   *
   * @param epoch 1-based epoch
   * @param trainCost training cost
   * @param devCost dev cost
   * @param trainAccuracy training accuracy
   * @param devAccuracy dev accuracy
   */
  public EpochRecord(
      int epoch, double trainCost, double devCost, double trainAccuracy, double devAccuracy) {
    this(epoch, trainCost, devCost, trainAccuracy, devAccuracy, Double.NaN);
  }
}
