package io.augreg.train;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lesson's bias/variance diagnosis from train and dev error.
 *
 * <p>Avoidable bias = train error − base error; variance = dev error − train error. The default
 * thresholds are {@value #DEFAULT_BIAS_THRESHOLD} for bias (five points of avoidable error mean the
 * model does not even fit the data it sees) and {@value #DEFAULT_VARIANCE_THRESHOLD} for variance
 * (a dev error two points above train error is already a generalization gap worth closing; the
 * lesson's "train 1%, dev 11%" is far above it, its "train 0.5%, dev 1%" below). Without a dev set
 * (dev error NaN) only bias can be judged, and the remedies say so.
 *
 * @param trainError 1 − train accuracy
 * @param devError 1 − dev accuracy, NaN if there is no dev set
 * @param baseError the best achievable (Bayes/human) error, in [0, 1) (see {@link
 *     #checkBaseError}), default 0
 * @param verdict high bias, high variance, both, or fine
 * @param remedies the lesson's remedies for the verdict
 */
public record Diagnosis(
    double trainError, double devError, double baseError, Verdict verdict, List<String> remedies) {

  /** Default avoidable-bias threshold: train − base above this is high bias. */
  public static final double DEFAULT_BIAS_THRESHOLD = 0.05;

  /** Default variance threshold: dev − train above this is high variance. */
  public static final double DEFAULT_VARIANCE_THRESHOLD = 0.02;

  /** The verdict. */
  public enum Verdict {
    /** Underfitting: train error well above base error. */
    HIGH_BIAS,
    /** Overfitting: dev error well above train error. */
    HIGH_VARIANCE,
    /** Both at once. */
    HIGH_BIAS_AND_VARIANCE,
    /** Both gaps small. */
    FINE
  }

  private static final List<String> BIAS_REMEDIES =
      List.of(
          "bigger network (more layers or units)",
          "train longer or with a better optimizer",
          "a better-suited architecture");
  private static final List<String> VARIANCE_REMEDIES =
      List.of(
          "more data (or data augmentation)",
          "regularization (L2, dropout, early stopping)",
          "a better-suited architecture");

  /** Stores an unmodifiable copy of the remedies. */
  public Diagnosis {
    remedies = List.copyOf(remedies);
  }

  /**
   * Diagnoses with the default thresholds.
   *
   * @param trainError train error in [0, 1]
   * @param devError dev error in [0, 1], or NaN without a dev set
   * @param baseError base (Bayes/human) error in [0, 1)
   * @return the diagnosis
   */
  public static Diagnosis of(double trainError, double devError, double baseError) {
    return of(trainError, devError, baseError, DEFAULT_BIAS_THRESHOLD, DEFAULT_VARIANCE_THRESHOLD);
  }

  /**
   * Diagnoses with explicit thresholds.
   *
   * @param trainError train error in [0, 1]
   * @param devError dev error in [0, 1], or NaN without a dev set
   * @param baseError base error in [0, 1) (checked by {@link #checkBaseError})
   * @param biasThreshold avoidable bias (train − base) above this is high bias
   * @param varianceThreshold variance (dev − train) above this is high variance
   * @return the diagnosis
   */
  public static Diagnosis of(
      double trainError,
      double devError,
      double baseError,
      double biasThreshold,
      double varianceThreshold) {
    checkRate(trainError, "train error");
    if (!Double.isNaN(devError)) {
      checkRate(devError, "dev error");
    }
    checkBaseError(baseError, "--base-error");
    checkRate(biasThreshold, "bias threshold");
    checkRate(varianceThreshold, "variance threshold");
    boolean bias = trainError - baseError > biasThreshold;
    boolean variance = !Double.isNaN(devError) && devError - trainError > varianceThreshold;
    Verdict v =
        bias && variance
            ? Verdict.HIGH_BIAS_AND_VARIANCE
            : bias ? Verdict.HIGH_BIAS : variance ? Verdict.HIGH_VARIANCE : Verdict.FINE;
    List<String> remedies = new ArrayList<>();
    if (bias) {
      remedies.addAll(BIAS_REMEDIES);
    }
    if (variance) {
      for (String r : VARIANCE_REMEDIES) {
        if (!remedies.contains(r)) {
          remedies.add(r);
        }
      }
    }
    if (Double.isNaN(devError)) {
      remedies.add("no dev set: variance not judged (hold out a dev set to check it)");
    }
    return new Diagnosis(trainError, devError, baseError, v, remedies);
  }

  /**
   * The one range check of a base (Bayes/human) error, shared by {@link TrainConfig}, {@code
   * FootballConfig} and {@link #of}: a fraction in [0, 1). 1 is excluded because a base error of
   * 100% leaves nothing for the diagnosis to judge; NaN is rejected.
   *
   * @param value the base error
   * @param option the option to name in the message, e.g. {@code "--base-error"}
   * @return {@code value}, when it is in range
   * @throws AugregException "OPTION must be in [0, 1), got VALUE" otherwise
   */
  public static double checkBaseError(double value, String option) {
    if (!(value >= 0 && value < 1)) {
      throw new AugregException(option + " must be in [0, 1), got " + value);
    }
    return value;
  }

  /**
   * "base error E" with E as a user types it ({@code 0}, {@code 0.05}): the wording of the
   * diagnosis headings of {@code train} and {@code football}.
   *
   * @param baseError the base error
   * @return the label
   */
  public static String baseErrorLabel(double baseError) {
    return "base error " + (baseError == Math.rint(baseError)
        ? Long.toString((long) baseError) : Double.toString(baseError));
  }

  private static void checkRate(double v, String name) {
    if (!(v >= 0 && v <= 1)) {
      throw new AugregException(name + " must be in [0, 1], got " + v);
    }
  }

  /** Avoidable bias: train error − base error. */
  public double avoidableBias() {
    return trainError - baseError;
  }

  /** Variance: dev error − train error (NaN without a dev set). */
  public double variance() {
    return devError - trainError;
  }

  /**
   * One or two lines for the CLI, e.g. "high variance (overfitting) — train error 5.2%, dev error
   * 8.5%, base error 0.0%" and the remedies; {@link #summary(String)} with the dev set as the
   * hold-out.
   *
   * @return the summary
   */
  public String summary() {
    return summary("dev");
  }

  /**
   * As {@link #summary()}, naming the hold-out set whose error {@link #devError} is: "test error
   * 8.5%" when the test set stands in for a missing dev set ({@code augreg train} without a dev
   * set, {@code football}).
   *
   * @param holdOut the hold-out set's name, e.g. {@code "dev"} or {@code "test"}
   * @return the summary
   */
  public String summary(String holdOut) {
    String verdictText =
        switch (verdict) {
          case HIGH_BIAS -> "high bias (underfitting)";
          case HIGH_VARIANCE -> "high variance (overfitting)";
          case HIGH_BIAS_AND_VARIANCE -> "high bias and high variance";
          // without a hold-out error only the bias was judged
          case FINE -> Double.isNaN(devError) ? "low bias (variance not judged)"
              : "fine (low bias, low variance)";
        };
    String errors =
        Double.isNaN(devError)
            ? String.format(Locale.ROOT, "train error %.1f%%, no %s set", 100 * trainError, holdOut)
            : String.format(
                Locale.ROOT,
                "train error %.1f%%, %s error %.1f%%, base error %.1f%%",
                100 * trainError,
                holdOut,
                100 * devError,
                100 * baseError);
    String text = verdictText + " — " + errors;
    if (!remedies.isEmpty()) {
      text += "\n  try: " + String.join("; ", remedies);
    }
    return text;
  }
}
