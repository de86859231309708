package io.augreg.augment;

import java.util.SplittableRandom;

/**
 * A closed interval {@code [lo, hi]} of a transform option, written {@code lo..hi} in a spec; a
 * single number is the fixed range {@code [x, x]}.
 *
 * @param lo the lower end
 * @param hi the upper end, {@code >= lo}
 */
public record Range(double lo, double hi) {

  /** Validates {@code lo <= hi} and that both ends are finite. */
  public Range {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
      throw new IllegalArgumentException("bad range " + lo + ".." + hi);
    }
  }

  /**
   * A fixed value.
   *
   * @param x the value
   * @return the range {@code [x, x]}
   */
  public static Range of(double x) {
    return new Range(x, x);
  }

  /**
   * Parses {@code lo..hi} or a single number.
   *
   * @param text the spec text
   * @return the range
   * @throws IllegalArgumentException when malformed, not finite or {@code lo > hi}
   */
  static Range parse(String text) {
    int dots = text.indexOf("..");
    try {
      if (dots < 0) {
        return of(Double.parseDouble(text));
      }
      return new Range(
          Double.parseDouble(text.substring(0, dots)), Double.parseDouble(text.substring(dots + 2)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /**
   * Draws a whole number uniformly among the integers in {@code [lo, hi]}; a range holding one
   * integer returns it without drawing.
   *
   * @param rng the generator
   * @return the drawn integer
   */
  public int sampleInt(SplittableRandom rng) {
    int a = (int) Math.ceil(lo);
    int b = (int) Math.floor(hi);
    return a >= b ? a : a + rng.nextInt(b - a + 1);
  }

  /** Whether the range holds a single value. */
  public boolean isFixed() {
    return lo == hi;
  }

  /**
   * Draws uniformly from {@code [lo, hi)}: {@code lo + (hi - lo) * u}, u ~ U[0, 1). A fixed range
   * returns its value without drawing.
   *
   * @param rng the generator
   * @return the drawn value
   */
  public double sample(SplittableRandom rng) {
    return isFixed() ? lo : lo + (hi - lo) * rng.nextDouble();
  }

  /** The spec text: {@code "lo..hi"}, or the single number when fixed. */
  public String toSpec() {
    return isFixed() ? Num.fmt(lo) : Num.fmt(lo) + ".." + Num.fmt(hi);
  }

  @Override
  public String toString() {
    return toSpec();
  }
}
