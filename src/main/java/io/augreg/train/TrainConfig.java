package io.augreg.train;

import io.augreg.core.AugregException;
import java.util.Arrays;

/**
 * Everything a {@link Trainer} needs besides the network and the data. Immutable; validated in
 * the constructor (a bad value throws {@link AugregException} naming the option and its range).
 * Build it with {@link #builder()}.
 *
 * @param optimizer GD (full batch), SGD, MOMENTUM, ADAM or ADAMW
 * @param learningRate step size α &gt; 0
 * @param epochs maximum number of epochs &gt;= 1 (for GD one epoch is one iteration)
 * @param batchSize mini-batch size &gt;= 0; 0 means full batch; ignored by GD (always full batch)
 * @param l2 L2 strength λ &gt;= 0: cost + λ/(2m)·Σ‖W‖², gradient + λ/m·W (biases never)
 * @param l1 L1 strength λ &gt;= 0: cost + λ/m·Σ|w|, subgradient λ/m·sign(w), 0 at w = 0
 * @param weightDecay PyTorch-style weight decay wd &gt;= 0 (its optimizers' {@code
 *     weight_decay}): gradient + wd·θ for every parameter, biases included, whatever the
 *     mini-batch size; cost + (wd/2)·Σθ². Independent of {@code l2}, which scales with 1/m and
 *     spares the biases
 * @param keepProb inverted-dropout keep probability per hidden layer, each in (0, 1]; one value
 *     applies to every hidden layer; 1 = off
 * @param dropoutMasks FRESH (real dropout) or REFERENCE (the lesson's re-seeded numpy masks)
 * @param earlyStopping early stopping on the dev set, or null for none
 * @param seed run seed for shuffling and fresh dropout masks
 * @param evalEvery record (and early-stop check) every k epochs; the first and the last epoch are
 *     always recorded
 * @param momentum β of MOMENTUM in [0, 1)
 * @param beta1 Adam's β1 in [0, 1)
 * @param beta2 Adam's β2 in [0, 1)
 * @param epsilon Adam's ε &gt; 0
 * @param baseError base (human/Bayes) error for the diagnosis, in [0, 1) ({@link
 *     Diagnosis#checkBaseError})
 * @param biasThreshold diagnosis: train − base error above this is high bias, in [0, 1]
 * @param varianceThreshold diagnosis: dev − train error above this is high variance, in [0, 1]
 * @param recordedCost which training cost each recorded epoch holds ({@link RecordedCost#CLEAN}
 *     when null: files written before this field existed load with it)
 * @param aids label smoothing, MixUp/CutMix, max-norm and the learning-rate schedule ({@link
 *     TrainingAids#NONE} when null: files written before this field existed load with it)
 */
public record TrainConfig(
    Optimizer optimizer,
    double learningRate,
    int epochs,
    int batchSize,
    double l2,
    double l1,
    double weightDecay,
    double[] keepProb,
    DropoutMasks dropoutMasks,
    EarlyStopping earlyStopping,
    long seed,
    int evalEvery,
    double momentum,
    double beta1,
    double beta2,
    double epsilon,
    double baseError,
    double biasThreshold,
    double varianceThreshold,
    RecordedCost recordedCost,
    TrainingAids aids) {

  /** Validates every option and copies {@code keepProb}. */
  public TrainConfig {
    if (optimizer == null) {
      throw new AugregException("--optimizer must be one of GD, SGD, MOMENTUM, ADAM, ADAMW");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new AugregException("--lr must be a finite number > 0, got " + learningRate);
    }
    if (epochs < 1) {
      throw new AugregException("--epochs (iterations) must be >= 1, got " + epochs);
    }
    if (batchSize < 0) {
      throw new AugregException("--batch must be >= 0 (0 = full batch), got " + batchSize);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new AugregException("--lambda must be >= 0, got " + l2);
    }
    if (!(l1 >= 0) || Double.isInfinite(l1)) {
      throw new AugregException("--l1 must be >= 0, got " + l1);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new AugregException("--weight-decay must be >= 0, got " + weightDecay);
    }
    if (keepProb == null || keepProb.length == 0) {
      throw new AugregException("--keep-prob needs at least one value in (0, 1]");
    }
    keepProb = keepProb.clone();
    for (double p : keepProb) {
      if (!(p > 0 && p <= 1)) {
        throw new AugregException("--keep-prob must be in (0, 1], got " + p);
      }
    }
    if (dropoutMasks == null) {
      throw new AugregException("--dropout-masks must be FRESH or REFERENCE");
    }
    if (evalEvery < 1) {
      throw new AugregException("--eval-every must be >= 1, got " + evalEvery);
    }
    checkUnit(momentum, "--momentum");
    checkUnit(beta1, "--beta1");
    checkUnit(beta2, "--beta2");
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new AugregException("--epsilon must be > 0, got " + epsilon);
    }
    Diagnosis.checkBaseError(baseError, "--base-error");
    checkRate(biasThreshold, "--bias-threshold");
    checkRate(varianceThreshold, "--variance-threshold");
    if (recordedCost == null) {
      recordedCost = RecordedCost.CLEAN;
    }
    if (aids == null) {
      aids = TrainingAids.NONE;
    }
  }

  private static void checkUnit(double v, String name) {
    if (!(v >= 0 && v < 1)) {
      throw new AugregException(name + " must be in [0, 1), got " + v);
    }
  }

  private static void checkRate(double v, String name) {
    if (!(v >= 0 && v <= 1)) {
      throw new AugregException(name + " must be in [0, 1], got " + v);
    }
  }

  /** The keep probabilities (a copy). */
  @Override
  public double[] keepProb() {
    return keepProb.clone();
  }

  /**
   * The keep probability of hidden layer l.
   *
   * @param l hidden layer, 1..L−1
   * @return its keep probability (the single value if only one was given)
   */
  public double keepProb(int l) {
    return keepProb.length == 1 ? keepProb[0] : keepProb[l - 1];
  }

  /** Whether any hidden layer uses dropout. */
  public boolean dropout() {
    for (double p : keepProb) {
      if (p < 1) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainConfig t
        && optimizer == t.optimizer
        && Double.compare(learningRate, t.learningRate) == 0
        && epochs == t.epochs
        && batchSize == t.batchSize
        && Double.compare(l2, t.l2) == 0
        && Double.compare(l1, t.l1) == 0
        && Double.compare(weightDecay, t.weightDecay) == 0
        && Arrays.equals(keepProb, t.keepProb)
        && dropoutMasks == t.dropoutMasks
        && java.util.Objects.equals(earlyStopping, t.earlyStopping)
        && seed == t.seed
        && evalEvery == t.evalEvery
        && Double.compare(momentum, t.momentum) == 0
        && Double.compare(beta1, t.beta1) == 0
        && Double.compare(beta2, t.beta2) == 0
        && Double.compare(epsilon, t.epsilon) == 0
        && Double.compare(baseError, t.baseError) == 0
        && Double.compare(biasThreshold, t.biasThreshold) == 0
        && Double.compare(varianceThreshold, t.varianceThreshold) == 0
        && recordedCost == t.recordedCost
        && aids.equals(t.aids);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
            optimizer, learningRate, epochs, batchSize, l2, l1, weightDecay, dropoutMasks,
            earlyStopping, seed)
        * 31
        + Arrays.hashCode(keepProb);
  }

  @Override
  public String toString() {
    return "TrainConfig[optimizer="
        + optimizer
        + ", learningRate="
        + learningRate
        + ", epochs="
        + epochs
        + ", batchSize="
        + batchSize
        + ", l2="
        + l2
        + ", l1="
        + l1
        + ", weightDecay="
        + weightDecay
        + ", keepProb="
        + Arrays.toString(keepProb)
        + ", dropoutMasks="
        + dropoutMasks
        + ", earlyStopping="
        + earlyStopping
        + ", seed="
        + seed
        + ", evalEvery="
        + evalEvery
        + ", recordedCost="
        + recordedCost
        + ", aids="
        + aids
        + "]";
  }

  /** A builder with the lesson's defaults (see {@link Builder}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.l2 = l2;
    b.l1 = l1;
    b.weightDecay = weightDecay;
    b.keepProb = keepProb.clone();
    b.dropoutMasks = dropoutMasks;
    b.earlyStopping = earlyStopping;
    b.seed = seed;
    b.evalEvery = evalEvery;
    b.momentum = momentum;
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.epsilon = epsilon;
    b.baseError = baseError;
    b.biasThreshold = biasThreshold;
    b.varianceThreshold = varianceThreshold;
    b.recordedCost = recordedCost;
    b.aids = aids;
    return b;
  }

  /**
   * Fluent builder. Defaults: GD, learning rate 0.3, 30 000 epochs, full batch, no L2/L1/weight
   * decay, no dropout (keep 1), FRESH masks, no early stopping, seed 1, record every epoch,
   * momentum 0.9, Adam β1 0.9, β2 0.999, ε 1e-8, base error 0, diagnosis thresholds 0.05 (bias)
   * and 0.02 (variance), the clean training cost recorded. Validation happens in {@link #build()}.
   */
  public static final class Builder {
    private Optimizer optimizer = Optimizer.GD;
    private double learningRate = 0.3;
    private int epochs = 30_000;
    private int batchSize = 0;
    private double l2 = 0;
    private double l1 = 0;
    private double weightDecay = 0;
    private double[] keepProb = {1.0};
    private DropoutMasks dropoutMasks = DropoutMasks.FRESH;
    private EarlyStopping earlyStopping = null;
    private long seed = 1;
    private int evalEvery = 1;
    private double momentum = 0.9;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private double baseError = 0;
    private double biasThreshold = Diagnosis.DEFAULT_BIAS_THRESHOLD;
    private double varianceThreshold = Diagnosis.DEFAULT_VARIANCE_THRESHOLD;
    private RecordedCost recordedCost = RecordedCost.CLEAN;
    private TrainingAids aids = TrainingAids.NONE;

    private Builder() {}

    /** Sets the optimizer. */
    public Builder optimizer(Optimizer v) {
      optimizer = v;
      return this;
    }

    /** Sets the learning rate α. */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /** Sets the maximum number of epochs (GD: iterations). */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /** Sets the mini-batch size (0 = full batch). */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** Sets the L2 strength λ. */
    public Builder l2(double v) {
      l2 = v;
      return this;
    }

    /** Sets the L1 strength λ. */
    public Builder l1(double v) {
      l1 = v;
      return this;
    }

    /** Sets the PyTorch-style weight decay wd (every parameter, independent of the batch size). */
    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    /** Sets the keep probability: one value for all hidden layers, or one per hidden layer. */
    public Builder keepProb(double... v) {
      keepProb = v == null ? null : v.clone();
      return this;
    }

    /** Sets where dropout masks come from. */
    public Builder dropoutMasks(DropoutMasks v) {
      dropoutMasks = v;
      return this;
    }

    /** Sets early stopping (null for none). */
    public Builder earlyStopping(EarlyStopping v) {
      earlyStopping = v;
      return this;
    }

    /** Sets the run seed. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Records history every k epochs. */
    public Builder evalEvery(int v) {
      evalEvery = v;
      return this;
    }

    /** Sets the momentum β. */
    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    /** Sets Adam's β1. */
    public Builder beta1(double v) {
      beta1 = v;
      return this;
    }

    /** Sets Adam's β2. */
    public Builder beta2(double v) {
      beta2 = v;
      return this;
    }

    /** Sets Adam's ε. */
    public Builder epsilon(double v) {
      epsilon = v;
      return this;
    }

    /** Sets the base error used by the diagnosis. */
    public Builder baseError(double v) {
      baseError = v;
      return this;
    }

    /** Sets the diagnosis's avoidable-bias threshold. */
    public Builder biasThreshold(double v) {
      biasThreshold = v;
      return this;
    }

    /** Sets the diagnosis's variance threshold. */
    public Builder varianceThreshold(double v) {
      varianceThreshold = v;
      return this;
    }

    /**
     * Sets which training cost each recorded epoch holds.
     *
     * @param v {@link RecordedCost#CLEAN} (default) or the lesson's {@link
     *     RecordedCost#DURING_PASS}
     * @return this builder
     */
    public Builder recordedCost(RecordedCost v) {
      recordedCost = v;
      return this;
    }

    /**
     * Sets the training aids (label smoothing, mixing, max-norm, schedule).
     *
     * @param v the aids ({@link TrainingAids#NONE} for none)
     * @return this builder
     */
    public Builder aids(TrainingAids v) {
      aids = v;
      return this;
    }

    /** Builds and validates. */
    public TrainConfig build() {
      return new TrainConfig(
          optimizer,
          learningRate,
          epochs,
          batchSize,
          l2,
          l1,
          weightDecay,
          keepProb,
          dropoutMasks,
          earlyStopping,
          seed,
          evalEvery,
          momentum,
          beta1,
          beta2,
          epsilon,
          baseError,
          biasThreshold,
          varianceThreshold,
          recordedCost,
          aids);
    }
  }
}
