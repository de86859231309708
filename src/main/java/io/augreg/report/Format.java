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
   * <p>Most values take no decimal conversion at all: with {@code s = |v|·10^decimals} in double
   * arithmetic, the decimal {@code D} of the double differs from {@code s / 10^decimals} by a few
   * ulps of {@code s} (D identifies |v|, so it lies within half an ulp of it; the product rounds
   * once), so when the fraction of {@code s} is farther than {@link #TIE_ULPS} ulps from one half,
   * {@code D} rounded half up is {@code floor(s)} or {@code floor(s) + 1} as that fraction says
   * (near a whole number both sides of it round to the same). Values near a tie, and large ones,
   * go through {@link BigDecimal}.
   *
   * @param v the value (finite)
   * @param decimals digits after the point, >= 0
   * @return its text
   */
  public static String fixed(double v, int decimals) {
    String digits = decimals <= MAX_FAST_DECIMALS ? fastDigits(Math.abs(v), decimals) : null;
    if (digits == null) {
      digits =
          new BigDecimal(Double.toString(Math.abs(v)))
              .setScale(decimals, RoundingMode.HALF_UP)
              .toPlainString();
    }
    return Double.compare(v, 0.0) < 0 ? "-" + digits : digits;
  }

  /** Most decimals the fast path of {@link #fixed} takes (10^decimals is then exact). */
  private static final int MAX_FAST_DECIMALS = 9;

  /** How far (in ulps of the scaled value) from a tie the fast path of {@link #fixed} decides. */
  static final double TIE_ULPS = 16;

  /** Scaled values at or above this go through BigDecimal (their fraction has too few bits). */
  private static final double FAST_LIMIT = 1e15;

  /**
   * {@code a} (≥ 0) rounded half up to {@code decimals} places as in {@link #fixed}, or null when
   * the double arithmetic cannot tell (near a tie, too large, not finite).
   */
  static String fastDigits(double a, int decimals) {
    double scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    double s = a * scale;
    if (!(s < FAST_LIMIT)) {
      return null;
    }
    double whole = Math.floor(s);
    double frac = s - whole;
    if (Math.abs(frac - 0.5) <= TIE_ULPS * Math.ulp(s)) {
      return null;
    }
    long n = (long) whole + (frac > 0.5 ? 1 : 0);
    String d = Long.toString(n);
    if (decimals == 0) {
      return d;
    }
    StringBuilder b = new StringBuilder(decimals + 3);
    for (int pad = decimals + 1 - d.length(); pad > 0; pad--) {
      b.append('0');
    }
    b.append(d);
    b.insert(b.length() - decimals, '.');
    return b.toString();
  }
}
