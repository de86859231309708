package io.augreg.report;

import java.util.Locale;

/** How numbers read on a page: the same text wherever a value appears. */
public final class Format {
  private Format() {}

  /**
   * A fraction or measurement with 4 decimals ({@code 0.8333}), "-" when not finite.
   *
   * @param v the value
   * @return its text
   */
  public static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
  }

  /**
   * A fraction as a percentage with one decimal ({@code 83.3%}), "-" when not finite.
   *
   * @param v the fraction
   * @return its text
   */
  public static String percent(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "-";
  }

  /**
   * A duration or rate with one decimal, "-" when not finite.
   *
   * @param v the value
   * @return its text
   */
  public static String one(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
  }
}
