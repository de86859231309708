package io.augreg.offline;

import io.augreg.augment.AppliedStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Short human-readable text for applied steps, one line per applied step (skipped steps are left
 * out): {@code rotate +12.3°}, {@code crop 410x300 at 12,40}, {@code contrast ×1.12}, {@code zoom
 * ×0.9}, {@code brightness -8.1}, {@code noise σ=5.01}, {@code resize 64x48}; any other transform
 * as its name followed by its numeric parameters ({@code translate dx=3 dy=-2}) and its true
 * booleans. Text-valued settings (interpolation, border) are configuration, not sampled, and are
 * omitted, as is a noise step's internal {@code seed}.
 */
public final class StepLabels {
  private StepLabels() {}

  /**
   * The label lines of one sample.
   *
   * @param steps the applied steps of the sample
   * @return one line per applied step, or {@code ["(unchanged)"]} when none applied
   */
  public static List<String> lines(List<AppliedStep> steps) {
    List<String> out = new ArrayList<>();
    for (AppliedStep s : steps) {
      if (s.applied()) {
        out.add(line(s.name(), s.params().toMap()));
      }
    }
    if (out.isEmpty()) {
      out.add("(unchanged)");
    }
    return out;
  }

  /**
   * One step's text.
   *
   * @param name the transform name
   * @param params its parameter map
   * @return e.g. {@code "rotate -12.3°"}
   */
  public static String line(String name, Map<String, Object> params) {
    if (name.equals("rotate") && params.get("angle") instanceof Number a) {
      return String.format(Locale.ROOT, "rotate %+.1f°", a.doubleValue());
    }
    if (name.equals("crop")
        && params.get("w") instanceof Number w
        && params.get("h") instanceof Number h
        && params.get("x") instanceof Number x
        && params.get("y") instanceof Number y) {
      return "crop " + w + "x" + h + " at " + x + "," + y;
    }
    Object only = params.size() == 1 ? params.values().iterator().next() : null;
    if ((name.equals("contrast") || name.equals("zoom"))
        && params.get("factor") instanceof Number f) {
      return name + " ×" + number(f);
    }
    if (name.equals("brightness") && only instanceof Number d) {
      return name + " " + (d.doubleValue() >= 0 ? "+" : "") + number(d);
    }
    if (name.equals("noise") && params.get("sigma") instanceof Number sigma) {
      return "noise σ="
          + number(sigma)
          + (Boolean.FALSE.equals(params.get("per_channel")) ? " shared" : "");
    }
    if (name.equals("resize")
        && params.get("width") instanceof Number w
        && params.get("height") instanceof Number h) {
      return "resize " + w + "x" + h;
    }
    if (params.get("ops") instanceof List<?> ops) {
      // a policy: the ops it chose
      List<String> parts = new ArrayList<>();
      for (Object o : ops) {
        if (o instanceof Map<?, ?> m && m.get("params") instanceof Map<?, ?> pm) {
          Map<String, Object> typed = new java.util.LinkedHashMap<>();
          pm.forEach((k, v) -> typed.put(String.valueOf(k), v));
          parts.add(line(String.valueOf(m.get("name")), typed));
        }
      }
      return name + ": " + (parts.isEmpty() ? "identity" : String.join(", ", parts));
    }
    if (params.get("chains") instanceof List<?> chains) {
      return name + " " + chains.size() + " chains, original ×" + number((Number) params.get("original"));
    }
    StringBuilder sb = new StringBuilder(name);
    for (Map.Entry<String, Object> e : params.entrySet()) {
      Object v = e.getValue();
      if (e.getKey().equals("seed")) {
        continue;
      } else if (v instanceof Number n) {
        sb.append(' ').append(e.getKey()).append('=').append(number(n));
      } else if (Boolean.TRUE.equals(v)) {
        sb.append(' ').append(e.getKey());
      }
    }
    return sb.toString();
  }

  /** Integers as they are; other numbers with 3 significant digits, trailing zeros dropped. */
  static String number(Number n) {
    if (n instanceof Integer || n instanceof Long) {
      return n.toString();
    }
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e6) {
      return Long.toString((long) d);
    }
    String s =
        new java.math.BigDecimal(d)
            .round(new java.math.MathContext(3))
            .stripTrailingZeros()
            .toPlainString();
    return s;
  }
}
