package io.augreg.augment;

import io.augreg.core.AugregException;

/**
 * Bounds checks for the compact constructors of transform records, with the message a spec user
 * sees: {@code rotate: bad value 'deg=-4000..0' (expected a number or a range lo..hi with -3600 <=
 * lo <= hi <= 3600)}.
 */
final class Check {
  private Check() {}

  /** {@code min <= lo <= hi <= max}. */
  static Range range(String transform, String key, Range r, double min, double max) {
    if (r == null || r.lo() < min || r.hi() > max) {
      throw bad(transform, key, r,
          "a number or a range lo..hi with " + Num.fmt(min) + " <= lo <= hi <= " + Num.fmt(max));
    }
    return r;
  }

  /** {@code min < lo <= hi <= max}. */
  static Range rangeAbove(String transform, String key, Range r, double min, double max) {
    if (r == null || r.lo() <= min || r.hi() > max) {
      throw bad(transform, key, r,
          "a number or a range lo..hi with " + Num.fmt(min) + " < lo <= hi <= " + Num.fmt(max));
    }
    return r;
  }

  /** A whole-number range {@code min <= lo <= hi <= max} (ends must be integers). */
  static Range intRange(String transform, String key, Range r, int min, int max) {
    if (r == null || r.lo() < min || r.hi() > max || r.lo() != Math.rint(r.lo())
        || r.hi() != Math.rint(r.hi())) {
      throw bad(transform, key, r,
          "an integer or a range lo..hi of integers with " + min + " <= lo <= hi <= " + max);
    }
    return r;
  }

  /** {@code min <= v <= max}. */
  static double number(String transform, String key, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw bad(transform, key, Num.fmt(v), "a number in " + Num.fmt(min) + ".." + Num.fmt(max));
    }
    return v;
  }

  /** {@code min < v <= max}. */
  static double numberAbove(String transform, String key, double v, double min, double max) {
    if (!(v > min && v <= max)) {
      throw bad(transform, key, Num.fmt(v),
          "a number with " + Num.fmt(min) + " < value <= " + Num.fmt(max));
    }
    return v;
  }

  /** {@code min <= v <= max}. */
  static int integer(String transform, String key, int v, int min, int max) {
    if (v < min || v > max) {
      throw bad(transform, key, v, "an integer in " + min + ".." + max);
    }
    return v;
  }

  /** A non-null value. */
  static <T> T present(String transform, String key, T v, String example) {
    if (v == null) {
      throw new AugregException(
          transform + ": missing key '" + key + "' (expected " + key + "=" + example + ")");
    }
    return v;
  }

  static AugregException bad(String transform, String key, Object value, String expected) {
    return new AugregException(
        transform + ": bad value '" + key + "=" + value + "' (expected " + expected + ")");
  }
}
