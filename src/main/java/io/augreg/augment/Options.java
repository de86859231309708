package io.augreg.augment;

import io.augreg.core.AugregException;
import io.augreg.image.ImageReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value} options of one transform in a spec, read with validation. Every read
 * registers its key as valid; {@link #finish()} then rejects keys nobody read, listing the valid
 * ones. Error messages name the transform, the key and the bad value.
 */
final class Options {
  private final String transform;
  private final Map<String, String> raw;
  private final List<String> valid = new ArrayList<>();
  private final Set<String> used = new HashSet<>();

  Options(String transform, Map<String, String> raw) {
    this.transform = transform;
    this.raw = new LinkedHashMap<>(raw);
  }

  private String take(String key) {
    valid.add(key);
    String v = raw.get(key);
    if (v != null) {
      used.add(key);
    }
    return v;
  }

  /** Whether the spec gave {@code key} (and registers it as valid). */
  boolean has(String key) {
    valid.add(key);
    return raw.containsKey(key);
  }

  private AugregException bad(String key, String value, String expected) {
    return new AugregException(
        transform + ": bad value '" + key + "=" + value + "' (expected " + expected + ")");
  }

  /**
   * A range {@code lo..hi} or a single number, both ends inside {@code [min, max]}.
   */
  Range range(String key, Range def, double min, double max) {
    String v = take(key);
    if (v == null) {
      return def;
    }
    String expected =
        "a number or a range lo..hi with " + Num.fmt(min) + " <= lo <= hi <= " + Num.fmt(max);
    double lo;
    double hi;
    try {
      int dots = v.indexOf("..");
      if (dots < 0) {
        lo = hi = Double.parseDouble(v);
      } else {
        lo = Double.parseDouble(v.substring(0, dots));
        hi = Double.parseDouble(v.substring(dots + 2));
      }
    } catch (NumberFormatException e) {
      throw bad(key, v, expected);
    }
    if (!(lo >= min && hi <= max && lo <= hi)) {
      throw bad(key, v, expected);
    }
    return new Range(lo, hi);
  }

  /** A boolean: {@code true/false}, {@code yes/no} or {@code 1/0}. */
  boolean bool(String key, boolean def) {
    String v = take(key);
    if (v == null) {
      return def;
    }
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1":
        return true;
      case "false", "no", "0":
        return false;
      default:
        throw bad(key, v, "true or false");
    }
  }

  /** One of the words {@code allowed}, or {@code def} when the spec does not give {@code key}. */
  String choice(String key, String def, String... allowed) {
    String v = take(key);
    if (v == null) {
      return def;
    }
    for (String a : allowed) {
      if (a.equals(v)) {
        return a;
      }
    }
    throw bad(key, v, "one of " + String.join(", ", allowed));
  }

  /** An interpolation name among {@code allowed}. */
  Interp interp(String key, Interp def, Interp... allowed) {
    String v = take(key);
    if (v == null) {
      return def;
    }
    List<String> names = new ArrayList<>();
    for (Interp i : allowed) {
      if (i.specName().equals(v)) {
        return i;
      }
      names.add(i.specName());
    }
    throw bad(key, v, "one of " + String.join(", ", names));
  }

  /** A border mode name. */
  Border border(String key, Border def) {
    String v = take(key);
    if (v == null) {
      return def;
    }
    for (Border b : Border.values()) {
      if (b.specName().equals(v)) {
        return b;
      }
    }
    throw bad(key, v, "one of reflect, constant, replicate");
  }

  /**
   * A size {@code WxH} (both 1..65535, at most {@link ImageReader#DEFAULT_MAX_PIXELS} pixels), or
   * {@code null} when absent.
   */
  int[] size(String key) {
    String v = take(key);
    if (v == null) {
      return null;
    }
    int x = v.toLowerCase(java.util.Locale.ROOT).indexOf('x');
    try {
      if (x > 0) {
        int w = Integer.parseInt(v.substring(0, x));
        int h = Integer.parseInt(v.substring(x + 1));
        if (w >= 1 && h >= 1 && w <= 65535 && h <= 65535) {
          // the decode guard's limit holds for outputs too: no step makes an unreadable image
          if ((long) w * h > ImageReader.DEFAULT_MAX_PIXELS) {
            throw bad(key, v, "at most " + ImageReader.DEFAULT_MAX_PIXELS + " pixels, the decode"
                + " guard's limit; this is " + (long) w * h);
          }
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, v, "WIDTHxHEIGHT, e.g. 224x224, each 1..65535");
  }

  /**
   * Rejects options that no read asked for.
   *
   * @throws AugregException naming the first unknown key and listing the valid ones
   */
  void finish() {
    for (String key : raw.keySet()) {
      if (!used.contains(key)) {
        String keys = valid.isEmpty() ? "none" : String.join(", ", new java.util.LinkedHashSet<>(valid));
        throw new AugregException(
            transform
                + ": unknown key '"
                + key
                + "' (valid keys: "
                + keys
                + "; every step also takes p and weight)");
      }
    }
  }
}
