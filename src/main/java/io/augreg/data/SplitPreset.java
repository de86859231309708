package io.augreg.data;

/**
 * The lesson's train/dev/test proportions. Small data (10²–10⁴ examples) uses 70/30 without a
 * dev set or 60/20/20 with one; about a million examples 98/1/1; beyond that 99.5/0.25/0.25.
 */
public enum SplitPreset {
  /** 70 % train, 30 % test, no dev set (small data, no model selection). */
  TRAIN_TEST_70_30("70/30", new SplitRatios(0.70, 0.0, 0.30)),
  /** 60 % train, 20 % dev, 20 % test (small data). */
  SMALL_60_20_20("60/20/20", new SplitRatios(0.60, 0.20, 0.20)),
  /** 98 % train, 1 % dev, 1 % test (about a million examples). */
  LARGE_98_1_1("98/1/1", new SplitRatios(0.98, 0.01, 0.01)),
  /** 99.5 % train, 0.25 % dev, 0.25 % test (many millions of examples). */
  HUGE_99_5("99.5/0.25/0.25", new SplitRatios(0.995, 0.0025, 0.0025));

  private final String label;
  private final SplitRatios ratios;

  SplitPreset(String label, SplitRatios ratios) {
    this.label = label;
    this.ratios = ratios;
  }

  /** The preset as the lesson writes it, e.g. {@code "60/20/20"}. */
  public String label() {
    return label;
  }

  /** The preset's proportions. */
  public SplitRatios ratios() {
    return ratios;
  }

  /**
   * The lesson's recommendation for a data set of {@code m} examples that needs a dev set:
   * 60/20/20 below 100 000 examples, 98/1/1 below 5 000 000, 99.5/0.25/0.25 beyond.
   *
   * @param m number of examples
   * @return the recommended preset
   */
  public static SplitPreset recommendedFor(long m) {
    if (m < 100_000) {
      return SMALL_60_20_20;
    }
    return m < 5_000_000 ? LARGE_98_1_1 : HUGE_99_5;
  }

  /**
   * The preset whose {@link #label()} is {@code text}, or null.
   *
   * @param text e.g. {@code "98/1/1"}
   * @return the preset or null if none has this label
   */
  public static SplitPreset byLabel(String text) {
    for (SplitPreset p : values()) {
      if (p.label.equals(text.trim())) {
        return p;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return label;
  }
}
