package io.augreg.augment;

/** Number formatting for spec text: integers without a fraction, others in shortest round-trip form. */
final class Num {
  private Num() {}

  /**
   * Formats a number so that {@link Double#parseDouble} gives it back exactly.
   *
   * @param x the number
   * @return e.g. {@code "30"}, {@code "-0.5"}, {@code "1.3333333333333333"}
   */
  static String fmt(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
