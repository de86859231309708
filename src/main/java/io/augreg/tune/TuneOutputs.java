package io.augreg.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.core.AtomicFiles;
import io.augreg.core.AugregException;
import io.augreg.plot.ValidationCurveChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a tune's results: {@code results.csv} and {@code results.json} (one row per cell: the
 * search cells, then the learning-curve and test cells, each with mean ± sd over seeds, stop
 * epochs and verdicts), {@code validation-KEY.png} per searched option and {@code
 * learning-curve.png}. Every file is written to a temporary name and renamed.
 */
public final class TuneOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TuneOutputs() {}

  /**
   * Writes the results into {@code out}.
   *
   * @param out the tune's folder
   * @param r the results
   * @param config the tune's configuration (base options, for the validation-curve slices)
   */
  public static void write(Path out, TuneReport r, TuneConfig config) {
    List<Row> rows = rows(r);
    writeText(out.resolve("results.csv"), csv(rows, r.searched()));
    try {
      writeText(out.resolve("results.json"), JSON.writeValueAsString(json(r, rows)) + "\n");
    } catch (IOException e) {
      throw new AugregException(out + ": cannot write results.json (" + e.getMessage() + ")", e);
    }
    if (r.best() != null) {
      for (String key : r.searched()) {
        validationCurve(out.resolve("validation-" + key.replaceAll("[^A-Za-z0-9-]", "_") + ".png"),
            key, r, config.base());
      }
      if (r.sizes().size() >= 2) {
        learningCurve(out.resolve("learning-curve.png"), r);
      }
    }
  }

  /** One row of the tables: a cell in a phase. */
  record Row(String phase, CellSummary cell, String folder) {}

  private static List<Row> rows(TuneReport r) {
    List<Row> rows = new ArrayList<>();
    for (CellSummary c : r.cells()) {
      rows.add(new Row("search", c, "cells/" + c.setting().id()));
    }
    for (TuneReport.SizePoint p : r.sizes()) {
      String f = SearchSpace.format(p.fraction(), 4);
      rows.add(new Row("size=" + f, p.cell(),
          (p.fraction() == 1.0 ? "cells/" : "sizes/" + f + "/") + p.cell().setting().id()));
    }
    if (r.test() != null) {
      rows.add(new Row("test", r.test(), r.testFolder() + "/" + r.test().setting().id()));
    }
    return rows;
  }

  private static String csv(List<Row> rows, List<String> keys) {
    StringBuilder b = new StringBuilder("phase,round");
    for (String k : keys) {
      b.append(',').append(cell(k));
    }
    b.append(",seeds,train_error_mean,train_error_sd,dev_error_mean,dev_error_sd,test_error_mean,"
        + "test_error_sd,stop_epoch_mean,best_epoch_mean,verdict,seed_verdicts,folder\n");
    for (Row row : rows) {
      CellSummary c = row.cell();
      b.append(row.phase()).append(',').append(c.round());
      for (String k : keys) {
        b.append(',').append(cell(Objects.toString(c.setting().get(k), "")));
      }
      b.append(',').append(c.runs().size());
      for (CellSummary.Stat s : List.of(c.train(), c.dev(), c.test())) {
        b.append(',').append(num(s.mean())).append(',').append(num(s.sd()));
      }
      b.append(',').append(num(c.stopEpoch())).append(',').append(num(c.bestEpoch()))
          .append(',').append(c.diagnosis().verdict().name()).append(',').append(c.seedVerdictText())
          .append(',').append(cell(row.folder())).append('\n');
    }
    return b.toString();
  }

  private static Map<String, Object> json(TuneReport r, List<Row> rows) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("data", r.data());
    j.put("searched", r.searched());
    List<Map<String, Object>> cells = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> m = cellJson(row.cell());
      m.put("phase", row.phase());
      m.put("folder", row.folder());
      cells.add(m);
    }
    j.put("cells", cells);
    j.put("best", r.best() == null ? null : cellJson(r.best()));
    j.put("recommendation", r.recommendation());
    j.put("advice_per_round", r.advice());
    List<Map<String, Object>> curve = new ArrayList<>();
    for (TuneReport.SizePoint p : r.sizes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fraction", p.fraction());
      m.put("train_error", stat(p.cell().train()));
      m.put("dev_error", stat(p.cell().dev()));
      curve.add(m);
    }
    j.put("learning_curve", curve);
    if (r.test() != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("setting", r.test().setting().values());
      t.put("seeds", r.test().runs().size());
      CellSummary.Stat e = r.test().test();
      Map<String, Object> accuracy = new LinkedHashMap<>(); // null when no test run had a value
      accuracy.put("mean", finite(1 - e.mean()));
      accuracy.put("sd", finite(e.sd()));
      t.put("test_accuracy", accuracy);
      t.put("test_error", stat(e));
      t.put("dev_error", stat(r.test().dev()));
      j.put("test", t);
    } else {
      j.put("test", null);
    }
    j.put("failures", r.failures());
    j.put("kept_runs", r.kept());
    return j;
  }

  private static Map<String, Object> cellJson(CellSummary c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setting", c.setting().values());
    m.put("label", c.setting().label());
    m.put("round", c.round());
    m.put("seeds", c.runs().size());
    m.put("train_error", stat(c.train()));
    m.put("dev_error", stat(c.dev()));
    m.put("test_error", c.test().n() == 0 ? null : stat(c.test()));
    m.put("stop_epoch_mean", finite(c.stopEpoch()));
    m.put("best_epoch_mean", finite(c.bestEpoch()));
    m.put("verdict", c.diagnosis().verdict().name());
    m.put("summary", c.diagnosis().summary());
    Map<String, Integer> v = new LinkedHashMap<>();
    c.seedVerdicts().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> v.put(e.getKey().name(), e.getValue()));
    m.put("seed_verdicts", v);
    return m;
  }

  private static Map<String, Object> stat(CellSummary.Stat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", finite(s.mean()));
    m.put("sd", finite(s.sd()));
    return m;
  }

  /**
   * The validation curve of {@code key}: the cells that agree with the best cell on every other
   * searched option (a slice through the best); when that slice has fewer than two values (a
   * random search), every cell that set {@code key}.
   */
  static void validationCurve(Path file, String key, TuneReport r, Map<String, String> base) {
    List<CellSummary> slice = new ArrayList<>();
    for (CellSummary c : r.cells()) {
      boolean same = true;
      for (String k : r.searched()) {
        if (!k.equals(key) && !Objects.equals(value(c, k, base), value(r.best(), k, base))) {
          same = false;
        }
      }
      if (same && value(c, key, base) != null) {
        slice.add(c);
      }
    }
    if (distinct(slice, key, base) < 2) {
      slice = r.cells().stream().filter(c -> value(c, key, base) != null).toList();
    }
    if (distinct(slice, key, base) < 2) {
      return;
    }
    // one point per value (the first cell with it), in numeric order when every value is a number
    Map<String, CellSummary> byValue = new LinkedHashMap<>();
    for (CellSummary c : slice) {
      byValue.putIfAbsent(value(c, key, base), c);
    }
    List<String> values = new ArrayList<>(byValue.keySet());
    boolean numeric = values.stream().allMatch(v -> SearchSpace.parseNumber(v) != null);
    if (numeric) {
      values.sort(Comparator.comparingDouble(SearchSpace::parseNumber));
    }
    int n = values.size();
    double[] x = new double[n];
    double[][] v = new double[4][n];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CellSummary c = byValue.get(values.get(i));
      x[i] = numeric ? SearchSpace.parseNumber(values.get(i)) : i + 1;
      labels.add(Setting.shortValue(values.get(i)));
      v[0][i] = c.train().mean();
      v[1][i] = c.train().sd();
      v[2][i] = c.dev().mean();
      v[3][i] = c.dev().sd();
    }
    boolean log = numeric && x[0] > 0 && x[n - 1] / x[0] >= 100;
    String others = r.best().setting().values().entrySet().stream()
        .filter(e -> !e.getKey().equals(key))
        .map(e -> e.getKey() + "=" + Setting.shortValue(e.getValue()))
        .reduce((a, b) -> a + " " + b).orElse("");
    ValidationCurveChart.write(file, "Validation curve: " + key + (others.isEmpty() ? "" : " (" + others + ")"),
        key, numeric ? x : null, labels, log, List.of(
            new ValidationCurveChart.Series("train", v[0], v[1]),
            new ValidationCurveChart.Series("dev", v[2], v[3])));
  }

  private static void learningCurve(Path file, TuneReport r) {
    int n = r.sizes().size();
    double[] x = new double[n];
    double[][] v = new double[4][n];
    for (int i = 0; i < n; i++) {
      CellSummary c = r.sizes().get(i).cell();
      x[i] = r.sizes().get(i).fraction();
      v[0][i] = c.train().mean();
      v[1][i] = c.train().sd();
      v[2][i] = c.dev().mean();
      v[3][i] = c.dev().sd();
    }
    ValidationCurveChart.write(file, "Learning curve: " + r.best().setting().label(),
        "fraction of the training part", x, null, false, List.of(
            new ValidationCurveChart.Series("train", v[0], v[1]),
            new ValidationCurveChart.Series("dev", v[2], v[3])));
  }

  /** A cell's value of {@code key}: its own, else the base option's, else null. */
  private static String value(CellSummary c, String key, Map<String, String> base) {
    String v = c.setting().get(key);
    return v != null ? v : base.get(key);
  }

  private static int distinct(List<CellSummary> cells, String key, Map<String, String> base) {
    Set<String> s = new LinkedHashSet<>();
    for (CellSummary c : cells) {
      s.add(value(c, key, base));
    }
    return s.size();
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }

  /** A CSV field, quoted when it holds a comma, quote or line break. */
  private static String cell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Writes {@code text} to a temporary name beside {@code file}, then renames it. */
  static void writeText(Path file, String text) {
    AtomicFiles.writeOutput(file, text);
  }
}
