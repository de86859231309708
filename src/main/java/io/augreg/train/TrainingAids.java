package io.augreg.train;

import io.augreg.core.AugregException;

/**
 * The training aids beyond the lesson's regularizers, all off by default: label smoothing, MixUp
 * and CutMix, the max-norm constraint and a learning-rate schedule. Immutable; validated in the
 * constructor (a bad value names its option).
 *
 * @param labelSmoothing ε in [0, 1): the loss trains on {@code (1 − ε)·onehot + ε/K} (K = 2 for a
 *     binary output) instead of the one-hot labels ({@code --label-smoothing})
 * @param mixup MixUp's α &gt;= 0 (0 = off): a batch becomes {@code λ·x + (1 − λ)·x'} with λ ~
 *     Beta(α, α) and x' the batch rolled by one ({@code --mixup})
 * @param cutmix CutMix's α &gt;= 0 (0 = off): a box of x' pasted into x, λ the uncovered share
 *     ({@code --cutmix}); with both, each batch takes one of the two at random
 * @param mixProbability the probability that a batch is mixed, in [0, 1] ({@code --mix-prob})
 * @param maxNorm c &gt; 0, or 0 = off: after every step each unit's incoming weight vector (a
 *     dense unit's weights, a convolution filter) is rescaled to norm ≤ c ({@code --max-norm})
 * @param schedule the learning-rate schedule ({@link LrSchedule#CONSTANT} when null)
 */
public record TrainingAids(
    double labelSmoothing,
    double mixup,
    double cutmix,
    double mixProbability,
    double maxNorm,
    LrSchedule schedule) {

  /** No aid: no smoothing, no mixing, no constraint, a constant learning rate. */
  public static final TrainingAids NONE = new TrainingAids(0, 0, 0, 1, 0, LrSchedule.CONSTANT);

  /** Validates every value. */
  public TrainingAids {
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new AugregException("--label-smoothing must be in [0, 1), got " + labelSmoothing);
    }
    checkAlpha(mixup, "--mixup");
    checkAlpha(cutmix, "--cutmix");
    if (!(mixProbability >= 0 && mixProbability <= 1)) {
      throw new AugregException("--mix-prob must be in [0, 1], got " + mixProbability);
    }
    if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
      throw new AugregException("--max-norm must be a finite number > 0 (0 = off), got " + maxNorm);
    }
    if (schedule == null) {
      schedule = LrSchedule.CONSTANT;
    }
  }

  private static void checkAlpha(double a, String name) {
    if (!(a >= 0) || Double.isInfinite(a)) {
      throw new AugregException(name + " must be a finite α > 0 (0 = off), got " + a);
    }
  }

  /**
   * Whether batches are mixed (MixUp or CutMix on, with a probability above 0).
   *
   * @return true if a {@link Mixing} wrapper is needed
   */
  public boolean mixing() {
    return (mixup > 0 || cutmix > 0) && mixProbability > 0;
  }

  /**
   * Whether any aid is on.
   *
   * @return true unless the run trains as without aids
   */
  public boolean any() {
    return labelSmoothing > 0 || mixing() || maxNorm > 0
        || schedule.kind() != LrSchedule.Kind.CONSTANT || schedule.warmup() > 0;
  }

  /**
   * A copy with another schedule.
   *
   * @param s the schedule
   * @return the copy
   */
  public TrainingAids withSchedule(LrSchedule s) {
    return new TrainingAids(labelSmoothing, mixup, cutmix, mixProbability, maxNorm, s);
  }
}
