package io.augreg.tune;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The options a tune searches over, parsed from text such as {@code "l2=0,0.01,0.1,1
 * keep-prob=1,0.9,0.8 augment=@light.txt,@strong.txt lr=1e-4..1e-2:log"}.
 *
 * <p>Grammar: axes are separated by white space that is followed by {@code key=}; an axis is
 * {@code key=VALUES} where the key is an option name without its dashes. VALUES is a
 * comma-separated list, or a range {@code A..B} with optional suffixes {@code :N} (number of
 * points in a grid, default {@value #DEFAULT_POINTS}) and {@code :log} (geometric spacing in a
 * grid, log-uniform sampling with {@code --random}). A value holding commas or spaces (an {@code
 * --arch} spec, {@code --layers 20,7,5}) is written in braces: {@code layers={20,7,5},{40,14,10}}.
 *
 * @param axes the axes in the order given; keys are unique
 */
public record SearchSpace(List<Axis> axes) {

  /** Points of a grid range without {@code :N}. */
  public static final int DEFAULT_POINTS = 7;

  /**
   * One searched option.
   *
   * @param key the option name without dashes, e.g. {@code l2}
   * @param values the listed values (a range's grid points)
   * @param range the range, or null for a list
   */
  public record Axis(String key, List<String> values, Range range) {
    /** Copies the values. */
    public Axis {
      values = List.copyOf(values);
    }

    /** True when every value is a number (the validation curve then has a numeric x axis). */
    public boolean numeric() {
      for (String v : values) {
        if (parseNumber(v) == null) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A numeric range.
   *
   * @param from lower end
   * @param to upper end, &gt;= {@code from}
   * @param points grid points, &gt;= 1
   * @param log geometric spacing / log-uniform sampling (needs {@code from > 0})
   */
  public record Range(double from, double to, int points, boolean log) {
    /** Validates the range (an empty range is a usage error). */
    public Range {
      if (!(Double.isFinite(from) && Double.isFinite(to)) || to < from || points < 1
          || (points > 1 && to == from) || (log && from <= 0)) {
        throw new IllegalArgumentException("empty range");
      }
    }

    /** The grid points, from {@code from} to {@code to} inclusive. */
    List<String> grid() {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < points; i++) {
        double t = points == 1 ? 0 : (double) i / (points - 1);
        double v = log ? from * Math.pow(to / from, t) : from + (to - from) * t;
        out.add(format(v, 4));
      }
      return out;
    }

    /** One draw, uniform (or log-uniform), rounded to 3 significant digits. */
    String sample(SplittableRandom rng) {
      double u = rng.nextDouble();
      double v = log ? Math.exp(Math.log(from) + u * (Math.log(to) - Math.log(from)))
          : from + u * (to - from);
      return format(v, 3);
    }
  }

  /** Copies the axes and checks that keys are unique. */
  public SearchSpace {
    axes = List.copyOf(axes);
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Axis a : axes) {
      if (seen.put(a.key(), Boolean.TRUE) != null) {
        throw new AugregException("--grid: option '" + a.key() + "' is given twice");
      }
    }
  }

  /** The empty space (one setting: the base options). */
  public static SearchSpace empty() {
    return new SearchSpace(List.of());
  }

  /**
   * Parses one or more texts (the occurrences of {@code --grid}).
   *
   * @param texts the texts
   * @param option the option name for messages, e.g. {@code "--grid"}
   * @return the space
   * @throws AugregException naming the token when the text is malformed or a range is empty
   */
  public static SearchSpace parse(Collection<String> texts, String option) {
    List<Axis> axes = new ArrayList<>();
    for (String text : texts) {
      for (String token : axisTokens(text)) {
        axes.add(axis(token, option));
      }
    }
    return new SearchSpace(axes);
  }

  /** Splits at white space (outside braces) that is followed by {@code key=}. */
  static List<String> axisTokens(String text) {
    List<String> tokens = new ArrayList<>();
    int depth = 0;
    int start = 0;
    String t = text.strip();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && Character.isWhitespace(c) && startsAxis(t, i + 1)) {
        tokens.add(t.substring(start, i).strip());
        start = i + 1;
      }
    }
    if (!t.substring(start).isBlank()) {
      tokens.add(t.substring(start).strip());
    }
    return tokens;
  }

  private static boolean startsAxis(String t, int from) {
    int i = from;
    while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
      i++;
    }
    int k = i;
    while (k < t.length() && (Character.isLetterOrDigit(t.charAt(k)) || t.charAt(k) == '-')) {
      k++;
    }
    return k > i && Character.isLetter(t.charAt(i)) && k < t.length() && t.charAt(k) == '=';
  }

  private static Axis axis(String token, String option) {
    int eq = token.indexOf('=');
    if (eq <= 0) {
      throw new AugregException(option + ": expected KEY=VALUES (e.g. l2=0,0.01,0.1), got '" + token + "'");
    }
    String key = token.substring(0, eq).strip();
    if (key.startsWith("-")) {
      throw new AugregException(option + ": write option names without dashes ('"
          + key.replaceFirst("^-+", "") + "=...'), got '" + key + "'");
    }
    String body = token.substring(eq + 1).strip();
    Range range = parseRange(key, body, option);
    if (range != null) {
      return new Axis(key, range.grid(), range);
    }
    List<String> values = splitValues(body);
    if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
      throw new AugregException(option + ": " + key + " has an empty value in '" + body + "'");
    }
    return new Axis(key, values, null);
  }

  /** A range {@code A..B[:N][:log]}, or null when {@code body} is not a range. */
  static Range parseRange(String key, String body, String option) {
    if (body.startsWith("{") || !body.contains("..") || body.contains(",")) {
      return null;
    }
    String[] parts = body.split(":");
    String[] ends = parts[0].split("\\.\\.", -1);
    if (ends.length != 2) {
      return null;
    }
    Double from = parseNumber(ends[0].strip());
    Double to = parseNumber(ends[1].strip());
    if (from == null || to == null) {
      // a value with ".." that is not numeric (for example an augment spec) is a plain value
      if (!ends[0].isBlank() && !ends[1].isBlank()) {
        return null;
      }
      throw new AugregException(option + ": empty range '" + key + "=" + body + "' (expected A..B"
          + " with numbers A <= B, e.g. " + key + "=0..1)");
    }
    int points = DEFAULT_POINTS;
    boolean log = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.equals("log")) {
        log = true;
      } else {
        try {
          points = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          throw new AugregException(option + ": '" + key + "=" + body + "': expected :N (points) or"
              + " :log after the range, got ':" + p + "'", e);
        }
      }
    }
    try {
      return new Range(from, to, points, log);
    } catch (IllegalArgumentException e) {
      throw new AugregException(option + ": empty range '" + key + "=" + body + "' (expected A..B"
          + " with A <= B, A < B for more than one point, N >= 1, and A > 0 with :log)", e);
    }
  }

  /** Splits a list at commas outside braces and removes one level of braces from each value. */
  static List<String> splitValues(String body) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{' && depth++ == 0) {
        continue;
      }
      if (c == '}' && depth > 0 && --depth == 0) {
        continue;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }

  /** The number of grid settings (the product of the axes' sizes), saturating at Long.MAX_VALUE. */
  public long gridSize() {
    long n = 1;
    for (Axis a : axes) {
      n = Math.multiplyHigh(n, a.values().size()) != 0 ? Long.MAX_VALUE : n * a.values().size();
    }
    return n;
  }

  /** Every combination, the first axis varying slowest. */
  public List<Setting> grid() {
    List<Setting> out = new ArrayList<>();
    out.add(Setting.of(Map.of()));
    for (Axis a : axes) {
      List<Setting> next = new ArrayList<>();
      for (Setting s : out) {
        for (String v : a.values()) {
          next.add(s.with(a.key(), v));
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * {@code n} random settings: a range is sampled uniformly (log-uniformly with {@code :log}), a
   * list uniformly; duplicates are dropped, so fewer may come back for small lists.
   *
   * @param n number of draws
   * @param seed the draws' seed
   * @return the distinct settings, in draw order
   */
  public List<Setting> random(int n, long seed) {
    Map<String, Setting> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = Seeds.generator(seed, 0x7475_6e65L, i);
      Setting s = Setting.of(Map.of());
      for (Axis a : axes) {
        s = s.with(a.key(), a.range() != null ? a.range().sample(rng)
            : a.values().get(rng.nextInt(a.values().size())));
      }
      out.putIfAbsent(s.id(), s);
    }
    return List.copyOf(out.values());
  }

  /** A number, or null when {@code text} is not one. */
  public static Double parseNumber(String text) {
    try {
      double d = Double.parseDouble(text.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code v} with {@code digits} significant digits, no exponent for ordinary sizes, no trailing zeros. */
  public static String format(double v, int digits) {
    if (v == 0 || !Double.isFinite(v)) {
      return v == 0 ? "0" : String.valueOf(v);
    }
    BigDecimal b = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    double abs = Math.abs(v);
    return abs >= 1e-4 && abs < 1e7 ? b.toPlainString() : b.toString().replace("E", "e");
  }
}
