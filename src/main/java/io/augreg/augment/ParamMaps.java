package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Map;

/** Reads values back from a {@link Params#toMap()} map (as JSON returns it), naming the bad key. */
final class ParamMaps {
  private ParamMaps() {}

  private static Object get(Map<String, Object> m, String transform, String key) {
    Object v = m == null ? null : m.get(key);
    if (v == null) {
      throw new AugregException(transform + " parameters: missing key '" + key + "'");
    }
    return v;
  }

  static double num(Map<String, Object> m, String transform, String key) {
    Object v = get(m, transform, key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new AugregException(transform + " parameters: '" + key + "' must be a number, got " + v);
  }

  static int integer(Map<String, Object> m, String transform, String key) {
    double d = num(m, transform, key);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new AugregException(transform + " parameters: '" + key + "' must be an integer, got " + d);
    }
    return (int) d;
  }

  static long longValue(Map<String, Object> m, String transform, String key) {
    Object v = get(m, transform, key);
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      return b.longValue();
    }
    throw new AugregException(transform + " parameters: '" + key + "' must be an integer, got " + v);
  }

  static boolean bool(Map<String, Object> m, String transform, String key) {
    Object v = get(m, transform, key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new AugregException(transform + " parameters: '" + key + "' must be true or false, got " + v);
  }

  static String string(Map<String, Object> m, String transform, String key) {
    return get(m, transform, key).toString();
  }
}
