package io.augreg.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    return Double.isFinite(v) ? fixed(v, 4) : "-";
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
    return Double.isFinite(v) ? fixed(v, 1) : "-";
  }

  /**
   * A finite value with {@code decimals} digits after the point: the same text as {@code
   * String.format(Locale.ROOT, "%.Nf", v)} (the shortest decimal that identifies the double,
   * rounded half up; "-" before a negative value and before -0.0), four to five times faster,
   * which counts for a chart's thousands of coordinates.
   *
   * @param v the value (finite)
   * @param decimals digits after the point, >= 0
   * @return its text
   */
  public static String fixed(double v, int decimals) {
    String digits =
        new BigDecimal(Double.toString(Math.abs(v)))
            .setScale(decimals, RoundingMode.HALF_UP)
            .toPlainString();
    return Double.compare(v, 0.0) < 0 ? "-" + digits : digits;
  }
}
