package io.augreg.train;

import io.augreg.core.AugregException;

/**
 * A learning-rate schedule over epochs (immutable; validated here). The rate of epoch e (1-based)
 * for a base rate α and E epochs, as PyTorch's schedulers stepped once per epoch:
 *
 * <ul>
 *   <li>{@code CONSTANT}: α;
 *   <li>{@code STEP} ({@code StepLR}): {@code α·γ^⌊(e − 1)/stepSize⌋};
 *   <li>{@code COSINE} ({@code CosineAnnealingLR}, η_min = 0, after an optional linear warm-up of
 *       W epochs, {@code α·e/W} for e ≤ W): {@code α·(1 + cos(π·(e − W − 1)/(E − W)))/2};
 *   <li>{@code PLATEAU} ({@code ReduceLROnPlateau}, mode min, relative threshold 1e-4): the rate
 *       times {@code factor} once the dev cost has not improved for more than {@code patience}
 *       recorded epochs.
 * </ul>
 *
 * <p>The warm-up applies to any kind (it is documented with cosine, its usual partner).
 *
 * @param kind the schedule
 * @param stepSize STEP: epochs per decay, &gt;= 1
 * @param gamma STEP: the decay factor, in (0, 1]
 * @param warmup linear warm-up epochs, &gt;= 0
 * @param factor PLATEAU: the reduction factor, in (0, 1)
 * @param patience PLATEAU: recorded epochs without improvement tolerated, &gt;= 0
 */
public record LrSchedule(Kind kind, int stepSize, double gamma, int warmup, double factor,
    int patience) {

  /** The kinds of schedule ({@code --lr-schedule}). */
  public enum Kind {
    /** A constant rate. */
    CONSTANT,
    /** Decay by γ every stepSize epochs. */
    STEP,
    /** Cosine annealing to 0 over the epochs after the warm-up. */
    COSINE,
    /** Reduce on a dev-cost plateau. */
    PLATEAU
  }

  /** A constant rate, no warm-up. */
  public static final LrSchedule CONSTANT = new LrSchedule(Kind.CONSTANT, 1, 1, 0, 0.1, 10);

  /** Validates the keys. */
  public LrSchedule {
    if (kind == null) {
      throw new AugregException("--lr-schedule must be one of constant, step, cosine, plateau");
    }
    if (stepSize < 1) {
      throw new AugregException("--lr-step must be >= 1 epoch, got " + stepSize);
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new AugregException("--lr-gamma must be in (0, 1], got " + gamma);
    }
    if (warmup < 0) {
      throw new AugregException("--warmup must be >= 0 epochs, got " + warmup);
    }
    if (!(factor > 0 && factor < 1)) {
      throw new AugregException("--lr-factor must be in (0, 1), got " + factor);
    }
    if (patience < 0) {
      throw new AugregException("--lr-patience must be >= 0, got " + patience);
    }
  }
}
