package io.augreg.tune;

import io.augreg.train.Diagnosis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lesson's loop, one step: read the verdict of the best dev setting and propose the next
 * search around it. High bias (checked first, as the lesson does) → a bigger network and weaker
 * regularization; high variance → stronger regularization (and, in words, more augmentation or
 * data); fine → stop.
 *
 * <p>Which way an option regularizes is a table of option names ({@link #STRONGER_WHEN_HIGHER},
 * {@link #STRONGER_WHEN_LOWER}): an option of {@code train} listed there joins the refinement as
 * soon as {@code train} has it; the others stay at the best setting's value.
 *
 * @param advice the recommendation in words
 * @param next the next round's search, or null when there is nothing to refine
 */
public record Refine(String advice, SearchSpace next) {

  /** Options whose larger value regularizes more. */
  public static final Set<String> STRONGER_WHEN_HIGHER =
      Set.of("l2", "l1", "weight-decay", "label-smoothing", "mixup", "cutmix");

  /** Options whose smaller value regularizes more. */
  public static final Set<String> STRONGER_WHEN_LOWER = Set.of("keep-prob", "max-norm");

  private static final Pattern WIDTH = Pattern.compile("\\b(filters|units)=(\\d+)");

  /**
   * The next step from the best cell.
   *
   * @param best the best dev cell
   * @param searched the options searched so far (axis keys)
   * @param base the fixed options of every run (name without dashes → value)
   * @param valid the options the runs take (a bigger network is proposed through {@code arch} or
   *     {@code layers} only when they are among them)
   * @return the advice and the next search
   */
  public static Refine from(CellSummary best, Set<String> searched, Map<String, String> base,
      Set<String> valid) {
    Diagnosis d = best.diagnosis();
    Setting s = best.setting();
    Map<String, String> current = new LinkedHashMap<>(base);
    current.putAll(s.values());
    boolean bias = d.verdict() == Diagnosis.Verdict.HIGH_BIAS
        || d.verdict() == Diagnosis.Verdict.HIGH_BIAS_AND_VARIANCE;
    boolean variance = d.verdict() == Diagnosis.Verdict.HIGH_VARIANCE;
    List<SearchSpace.Axis> axes = new ArrayList<>();
    List<String> moves = new ArrayList<>();
    if (!bias && !variance) {
      return new Refine("low bias and low variance: keep this setting; the test set can now be"
          + " evaluated once", null);
    }
    for (String key : searched) {
      String v = current.get(key);
      List<String> values = regularizerSteps(key, v, variance);
      if (values.size() > 1) {
        axes.add(new SearchSpace.Axis(key, values, null));
        moves.add(key + "=" + String.join(",", values));
      }
    }
    if (variance && axes.isEmpty()) {
      // no regularizer searched yet: start with L2
      List<String> l2 = regularizerSteps("l2", current.getOrDefault("l2", "0"), true);
      axes.add(new SearchSpace.Axis("l2", l2, null));
      moves.add("l2=" + String.join(",", l2));
    }
    if (bias && (valid.contains("arch") || valid.contains("layers"))) {
      SearchSpace.Axis bigger = biggerNetwork(current);
      if (bigger != null) {
        axes.add(bigger);
        moves.add(bigger.key() + " ×2 (" + Setting.shortValue(bigger.values().get(1)) + ")");
      }
    }
    String why = bias
        ? "high bias (train error " + pct(d.trainError()) + " vs base " + pct(d.baseError())
            + "): try a bigger network, weaker regularization, longer training"
        : "high variance (dev error " + pct(d.devError()) + " vs train " + pct(d.trainError())
            + "): try stronger regularization (higher λ, lower keep-prob), more augmentation or"
            + " more data";
    String advice = why + (moves.isEmpty() ? "" : "; next round: " + String.join(", ", moves));
    return new Refine(advice, axes.isEmpty() ? null : new SearchSpace(axes));
  }

  /**
   * The current value and two steps in the regularizing direction ({@code stronger}) or against
   * it; a single value when {@code key} is not a known regularizer or its value not a number.
   */
  static List<String> regularizerSteps(String key, String value, boolean stronger) {
    Double v = value == null ? null : SearchSpace.parseNumber(value);
    Set<String> out = new LinkedHashSet<>();
    out.add(value);
    if (v == null) {
      return List.copyOf(out);
    }
    boolean up = STRONGER_WHEN_HIGHER.contains(key) == stronger;
    if (STRONGER_WHEN_HIGHER.contains(key)) {
      if (v == 0) {
        if (up) {
          out.add("0.01");
          out.add("0.1");
        }
      } else {
        out.add(SearchSpace.format(up ? v * 3 : v / 3, 3));
        out.add(up ? SearchSpace.format(v * 10, 3) : "0");
      }
    } else if (key.equals("keep-prob")) {
      double step = up ? 0.1 : -0.1;
      for (int i = 1; i <= 2; i++) {
        double p = Math.max(0.3, Math.min(1, v + step * i));
        out.add(SearchSpace.format(p, 3));
      }
    } else if (STRONGER_WHEN_LOWER.contains(key)) {
      out.add(SearchSpace.format(up ? v * 2 : v / 2, 3));
      out.add(SearchSpace.format(up ? v * 4 : v / 4, 3));
    }
    out.remove(null);
    return List.copyOf(out);
  }

  /**
   * The network twice as wide: {@code layers} sizes doubled, or every {@code filters=} and
   * {@code units=} of {@code arch} doubled; null when neither option is known.
   */
  static SearchSpace.Axis biggerNetwork(Map<String, String> current) {
    String arch = current.get("arch");
    if (arch != null) {
      Matcher m = WIDTH.matcher(arch);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, m.group(1) + "=" + 2 * Integer.parseInt(m.group(2)));
      }
      m.appendTail(b);
      return b.toString().equals(arch) ? null : new SearchSpace.Axis("arch", List.of(arch, b.toString()), null);
    }
    String layers = current.getOrDefault("layers", "20,7,5");
    StringBuilder b = new StringBuilder();
    for (String part : layers.split(",")) {
      Double n = SearchSpace.parseNumber(part);
      if (n == null) {
        return null;
      }
      b.append(b.length() == 0 ? "" : ",").append(2 * Math.round(n));
    }
    return new SearchSpace.Axis("layers", List.of(layers, b.toString()), null);
  }

  private static String pct(double e) {
    return SearchSpace.format(100 * e, 3) + "%";
  }
}
