package io.augreg.football;

import io.augreg.core.AugregException;
import io.augreg.train.Diagnosis;
import java.util.List;

/**
 * Settings of a football experiment; the defaults ({@link #lesson()}) are the lesson's.
 * Validated on construction; messages name the command-line option.
 *
 * @param modes the runs, in the order they are reported
 * @param lambda L2 strength λ for runs that use L2 (≥ 0)
 * @param keepProb dropout keep probability for runs that use dropout, in (0, 1]
 * @param iterations full-batch gradient-descent iterations (&gt; 0)
 * @param learningRate gradient-descent step (&gt; 0, finite)
 * @param seed seed of the initialization and of the fresh dropout masks (ignored by {@code
 *     reference}, which uses numpy seeds 3 and 1 like the lesson)
 * @param reference numpy-compatible initialization (seed 3) and the reference's dropout masks
 *     (re-seeded with 1 before every forward pass), reproducing the lesson's numbers exactly
 * @param earlyStopping stop on the dev loss, with the lesson's test set ({@code Xval}) as dev
 * @param patience early-stopping patience in iterations (&gt; 0); the dev loss is checked every
 *     {@code evalEvery} iterations, so this is rounded up to whole evaluations
 * @param evalEvery record the cost every this many iterations (&gt; 0)
 * @param baseError base (Bayes/human) error the diagnosis measures avoidable bias from, in [0,
 *     1): train error − base error above {@link io.augreg.train.Diagnosis#DEFAULT_BIAS_THRESHOLD}
 *     is high bias. The goalkeeper data are not separable, so some error is irreducible; the
 *     default 0 judges against a perfect classifier (the trainer's default too)
 */
public record FootballConfig(
    List<FootballMode> modes,
    double lambda,
    double keepProb,
    int iterations,
    double learningRate,
    long seed,
    boolean reference,
    boolean earlyStopping,
    int patience,
    int evalEvery,
    double baseError) {

  /** The lesson's L2 strength. */
  public static final double LESSON_LAMBDA = 0.7;
  /** The lesson's keep probability. */
  public static final double LESSON_KEEP_PROB = 0.86;
  /** The lesson's iteration count. */
  public static final int LESSON_ITERATIONS = 30_000;
  /** The lesson's learning rate. */
  public static final double LESSON_LEARNING_RATE = 0.3;
  /** The lesson's numpy initialization seed (used by {@code reference}). */
  public static final long LESSON_SEED = 3;
  /**
   * The default seed of augreg's own initialization and fresh masks. Not 3: with augreg's
   * generator, seed 3 happens to stall the unregularized run at a poor solution (train accuracy
   * 0.86, cost 0.47), which hides the lesson's point; seed 1 shows it.
   */
  public static final long DEFAULT_SEED = 1;
  /** The network: 2 inputs, hidden layers of 20 and 3 ReLU units, one sigmoid output. */
  static final int[] SIZES = {2, 20, 3, 1};

  /** Validates every value. */
  public FootballConfig {
    if (modes == null || modes.isEmpty()) {
      throw new AugregException("--mode must name at least one run");
    }
    modes = List.copyOf(modes);
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw new AugregException("--lambda must be >= 0, got " + lambda);
    }
    if (!(keepProb > 0 && keepProb <= 1)) {
      throw new AugregException("--keep-prob must be in (0, 1], got " + keepProb);
    }
    if (iterations <= 0) {
      throw new AugregException("--iterations must be > 0, got " + iterations);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new AugregException("--lr must be > 0, got " + learningRate);
    }
    if (patience <= 0) {
      throw new AugregException("--patience must be > 0, got " + patience);
    }
    if (evalEvery <= 0) {
      throw new AugregException("--eval-every must be > 0, got " + evalEvery);
    }
    // The same check (and message) as train's --base-error.
    Diagnosis.checkBaseError(baseError, "--base-error");
  }

  /** The lesson's set-up: none, L2 λ = 0.7, dropout keep 0.86; lr 0.3; 30 000 iterations. */
  public static FootballConfig lesson() {
    return new FootballConfig(
        FootballMode.lessonRuns(),
        LESSON_LAMBDA,
        LESSON_KEEP_PROB,
        LESSON_ITERATIONS,
        LESSON_LEARNING_RATE,
        DEFAULT_SEED,
        false,
        false,
        1_000,
        100,
        0.0);
  }

  /** The lesson's set-up in reference mode (numpy init and masks: the exact published numbers). */
  public static FootballConfig lessonReference() {
    return lesson().withReference(true);
  }

  /** A copy with {@code reference} changed. */
  public FootballConfig withReference(boolean ref) {
    return new FootballConfig(
        modes, lambda, keepProb, iterations, learningRate, seed, ref, earlyStopping, patience,
        evalEvery, baseError);
  }

  /** A copy with other runs. */
  public FootballConfig withModes(List<FootballMode> m) {
    return new FootballConfig(
        m, lambda, keepProb, iterations, learningRate, seed, reference, earlyStopping, patience,
        evalEvery, baseError);
  }

  /** A copy with another iteration count. */
  public FootballConfig withIterations(int n) {
    return new FootballConfig(
        modes, lambda, keepProb, n, learningRate, seed, reference, earlyStopping, patience,
        evalEvery, baseError);
  }

  /** A copy with another base error for the diagnosis. */
  public FootballConfig withBaseError(double e) {
    return new FootballConfig(
        modes, lambda, keepProb, iterations, learningRate, seed, reference, earlyStopping, patience,
        evalEvery, e);
  }
}
