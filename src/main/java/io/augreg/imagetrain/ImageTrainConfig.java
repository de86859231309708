package io.augreg.imagetrain;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.data.SplitRatios;
import io.augreg.train.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Everything {@link ImageTraining} needs. Immutable; validated in the constructor (among others:
 * early stopping needs a dev source, {@code dev} or a {@code split} with a dev part).
 *
 * @param train training folder (one sub-folder per class)
 * @param dev dev folder, or null
 * @param test test folder, or null
 * @param split ratios to split {@code train} into train/dev/test, or null (then dev/test come
 *     from their folders); not with {@code dev}; with a {@code test} folder only two parts
 *     TRAIN/DEV (parsed as train/test ratios, the second part becoming the dev set)
 * @param width input width
 * @param height input height
 * @param channels 3 (RGB) or 1 (gray)
 * @param standardize subtract the training set's per-channel mean and divide by its std
 * @param hidden hidden layer sizes, e.g. {@code {20, 7, 5}}
 * @param positiveClass the positive class of a binary problem, or null
 * @param init initializer: {@code lesson}, {@code he}, {@code xavier}, {@code numpy} or {@code
 *     pytorch}; null for the network's default ({@link #initFor})
 * @param pipeline online augmentation, or null for none
 * @param trainConfig optimizer, epochs, batch (0 = full), penalties, dropout, early stopping, seed
 * @param cacheBytes decoded-image cache budget (augmentation only)
 * @param threads decoding and augmentation threads
 * @param prefetch augmented batches prepared ahead
 */
public record ImageTrainConfig(
    Path train,
    Path dev,
    Path test,
    SplitRatios split,
    int width,
    int height,
    int channels,
    boolean standardize,
    int[] hidden,
    String positiveClass,
    String init,
    Pipeline pipeline,
    TrainConfig trainConfig,
    long cacheBytes,
    int threads,
    int prefetch) {

  /** Validates. */
  public ImageTrainConfig {
    if (train == null) {
      throw new AugregException("--train FOLDER is required");
    }
    if (split != null && dev != null) {
      throw new AugregException("--split cannot be combined with --dev (it makes the dev set from --train)");
    }
    if (split != null && test != null && split.dev() > 0) {
      throw new AugregException(
          "with --test, --split takes two parts TRAIN/DEV (e.g. 80/20), got " + split);
    }
    // a dev set comes from --dev, or from --split: its second part with --test, else its DEV part
    boolean devSource = dev != null || (split != null && (test != null || split.dev() > 0));
    if (trainConfig != null && trainConfig.earlyStopping() != null && !devSource) {
      throw new AugregException("--patience (early stopping) needs a dev set: give --dev DIR or"
          + " --split TRAIN/DEV/TEST (with --test DIR: --split TRAIN/DEV)");
    }
    if (hidden == null) {
      throw new AugregException("--layers needs hidden layer sizes, e.g. 20,7,5");
    }
    hidden = hidden.clone();
    for (int h : hidden) {
      if (h < 1) {
        throw new AugregException("--layers sizes must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    if (init != null && !java.util.Set.of("lesson", "he", "xavier", "numpy", "pytorch").contains(init)) {
      throw new AugregException("--init must be one of lesson, he, xavier, numpy, pytorch, got '"
          + init + "'");
    }
    if (trainConfig == null) {
      throw new AugregException("a training configuration is required");
    }
    if (cacheBytes < 0) {
      throw new AugregException("--cache-mb must be >= 0");
    }
    if (threads < 1) {
      throw new AugregException("--threads must be >= 1, got " + threads);
    }
    if (prefetch < 1) {
      throw new AugregException("--prefetch must be >= 1, got " + prefetch);
    }
    if ("numpy".equals(init) && (trainConfig.seed() < 0 || trainConfig.seed() > 0xFFFF_FFFFL)) {
      throw new AugregException("--init numpy needs a --seed in [0, 4294967295], got " + trainConfig.seed());
    }
    new io.augreg.image.InputFormat(width, height, channels, new double[channels], ones(channels));
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    Arrays.fill(a, 1.0);
    return a;
  }

  /**
   * The initializer a network starts from.
   *
   * @param arch true for an {@code --arch} network, false for the {@code --layers} MLP
   * @return {@link #init()} when given, else the network's default: {@code he} for the MLP,
   *     {@code pytorch} (uniform ±1/√fan_in) for an {@code --arch} network
   */
  public String initFor(boolean arch) {
    return init != null ? init : arch ? "pytorch" : "he";
  }

  /** Hidden layer sizes (a copy). */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageTrainConfig c && c.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "ImageTrainConfig[train=" + train + ", dev=" + dev + ", test=" + test + ", split=" + split
        + ", size=" + width + "x" + height + "x" + channels + ", standardize=" + standardize
        + ", hidden=" + Arrays.toString(hidden) + ", positive=" + positiveClass + ", init=" + init
        + ", pipeline=" + (pipeline == null ? "none" : pipeline.toSpec()) + ", " + trainConfig
        + ", cacheBytes=" + cacheBytes + ", threads=" + threads + ", prefetch=" + prefetch + "]";
  }

  /** A builder with the defaults of {@code augreg train}. */
  public static Builder builder(Path train) {
    return new Builder(train);
  }

  /** Fluent construction; see the record components for meanings. */
  public static final class Builder {
    private final Path train;
    private Path dev;
    private Path test;
    private SplitRatios split;
    private int width = 64;
    private int height = 64;
    private int channels = 3;
    private boolean standardize;
    private int[] hidden = {20, 7, 5};
    private String positiveClass;
    private String init;
    private Pipeline pipeline;
    private TrainConfig trainConfig = TrainConfig.builder().build();
    private long cacheBytes = 512L << 20;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int prefetch = 4;

    private Builder(Path train) {
      this.train = train;
    }

    /** Dev folder. */
    public Builder dev(Path v) {
      dev = v;
      return this;
    }

    /** Test folder. */
    public Builder test(Path v) {
      test = v;
      return this;
    }

    /** Split ratios. */
    public Builder split(SplitRatios v) {
      split = v;
      return this;
    }

    /** Input size. */
    public Builder size(int w, int h) {
      width = w;
      height = h;
      return this;
    }

    /** Channels, 1 or 3. */
    public Builder channels(int v) {
      channels = v;
      return this;
    }

    /** Per-channel standardization. */
    public Builder standardize(boolean v) {
      standardize = v;
      return this;
    }

    /** Hidden layer sizes. */
    public Builder hidden(int... v) {
      hidden = v.clone();
      return this;
    }

    /** Positive class. */
    public Builder positiveClass(String v) {
      positiveClass = v;
      return this;
    }

    /** Initializer name. */
    public Builder init(String v) {
      init = v;
      return this;
    }

    /** Augmentation pipeline (null = none). */
    public Builder pipeline(Pipeline v) {
      pipeline = v;
      return this;
    }

    /** Training configuration. */
    public Builder trainConfig(TrainConfig v) {
      trainConfig = v;
      return this;
    }

    /** Cache budget in MiB. */
    public Builder cacheMb(long v) {
      cacheBytes = v << 20;
      return this;
    }

    /** Threads. */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /** Prefetched batches. */
    public Builder prefetch(int v) {
      prefetch = v;
      return this;
    }

    /** Builds and validates. */
    public ImageTrainConfig build() {
      return new ImageTrainConfig(train, dev, test, split, width, height, channels, standardize,
          hidden, positiveClass, init, pipeline, trainConfig, cacheBytes, threads, prefetch);
    }
  }
}
