package io.augreg.data;

import io.augreg.core.AugregException;
import java.util.Locale;

/**
 * Proportions of a train/dev/test split. Each is finite and ≥ 0, train is &gt; 0 and the three
 * sum to 1 (within 1e-9). A zero dev (or test) proportion means no dev (or test) set.
 *
 * @param train fraction of examples for training
 * @param dev fraction for the dev (hold-out) set
 * @param test fraction for the test set
 */
public record SplitRatios(double train, double dev, double test) {

  /** Validates the proportions. */
  public SplitRatios {
    if (!(Double.isFinite(train) && Double.isFinite(dev) && Double.isFinite(test))
        || train <= 0
        || dev < 0
        || test < 0) {
      throw new AugregException(
          "split ratios must be finite, train > 0 and dev, test >= 0, got " + describe(train, dev, test));
    }
    if (Math.abs(train + dev + test - 1.0) > 1e-9) {
      throw new AugregException(
          "split ratios must sum to 1, got " + describe(train, dev, test));
    }
  }

  /**
   * Parses a preset label or custom ratios: {@code "60/20/20"}, {@code "70/30"} (train/test),
   * {@code "0.8/0.1/0.1"}; the numbers are normalized by their sum, so percentages and fractions
   * both work.
   *
   * @param text the ratios
   * @return the proportions
   * @throws AugregException if the text is not two or three non-negative numbers with train &gt; 0
   */
  public static SplitRatios parse(String text) {
    SplitPreset preset = SplitPreset.byLabel(text);
    if (preset != null) {
      return preset.ratios();
    }
    String[] parts = text.trim().split("\\s*[/:,]\\s*");
    if (parts.length < 2 || parts.length > 3) {
      throw new AugregException(
          "split '" + text + "' must be TRAIN/TEST or TRAIN/DEV/TEST, e.g. 70/30 or 60/20/20");
    }
    double[] v = new double[3];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw new AugregException("split '" + text + "': '" + parts[i] + "' is not a number", e);
      }
      if (!Double.isFinite(v[i]) || v[i] < 0) {
        throw new AugregException("split '" + text + "': parts must be >= 0, got " + parts[i]);
      }
    }
    if (v[0] <= 0) {
      throw new AugregException("split '" + text + "': the train part must be > 0");
    }
    // divided by the largest part first, so that 1e308/1e308 does not overflow the sum
    double largest = Math.max(v[0], Math.max(v[1], v[2]));
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      v[i] /= largest;
      sum += v[i];
    }
    if (parts.length == 2) {
      return new SplitRatios(v[0] / sum, 0.0, v[1] / sum);
    }
    double train = v[0] / sum;
    double dev = v[1] / sum;
    return new SplitRatios(train, dev, Math.max(0.0, 1.0 - train - dev));
  }

  /** The ratios as percentages, e.g. {@code "60/20/20"}. */
  @Override
  public String toString() {
    return describe(train, dev, test);
  }

  private static String describe(double train, double dev, double test) {
    return pct(train) + "/" + pct(dev) + "/" + pct(test);
  }

  private static String pct(double v) {
    double p = v * 100;
    if (!Double.isFinite(p)) {
      return String.valueOf(p);
    }
    if (p == Math.rint(p)) {
      return String.format(Locale.ROOT, "%d", (long) p);
    }
    return String.format(Locale.ROOT, "%.6g", p).replaceAll("\\.?0+$", "");
  }
}
