package io.augreg.football;

import io.augreg.core.JsonText;
import io.augreg.train.Diagnosis;
import java.util.List;
import java.util.Locale;

/** Formats football results: the human table and the {@code --json} document. */
public final class FootballReport {
  private FootballReport() {}

  /**
   * An accuracy as the lesson prints it: four decimals, one trailing zero dropped ({@code
   * 0.9479}, {@code 0.915}, {@code 0.930}).
   */
  public static String accuracy(double a) {
    String s = String.format(Locale.ROOT, "%.4f", a);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  /** A run's name in the table and legends, e.g. {@code "L2 (λ = 0.7)"}. */
  public static String runName(FootballRun run) {
    double lambda = run.config().l2();
    double keep = keepProb(run);
    return switch (run.mode()) {
      case NONE -> "none";
      case L2 -> "L2 (λ = " + num(lambda) + ")";
      case DROPOUT -> "dropout (keep " + num(keep) + ")";
      case L2_DROPOUT -> "L2 (λ = " + num(lambda) + ") + dropout (keep " + num(keep) + ")";
    };
  }

  private static double keepProb(FootballRun run) {
    double[] k = run.config().keepProb();
    return k.length == 0 ? 1.0 : k[0];
  }

  /**
   * The table: header lines, one row per run, then each run's diagnosis.
   *
   * @param config the experiment's settings
   * @param dataDescription e.g. {@code "data/football/data.mat (211 train, 200 test)"}
   * @param runs the runs in mode order
   * @return the text, lines separated by {@code \n}, ending with a newline
   */
  public static String table(FootballConfig config, String dataDescription, List<FootballRun> runs) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Football (the lesson's goalkeeper problem): network 2-20-3-1, ReLU/ReLU/sigmoid,%n"
                + "full-batch gradient descent, learning rate %s, %,d iterations%s.%n",
            num(config.learningRate()),
            config.iterations(),
            config.earlyStopping()
                ? ", early stopping on the dev loss (dev = the test set Xval, patience "
                    + config.patience() + ")"
                : ""));
    sb.append("Data: ").append(dataDescription).append('\n');
    if (config.reference()) {
      sb.append(
          "Reference mode: numpy initialization (seed 3); dropout uses the reference's masks\n"
              + "(numpy re-seeded with 1 before every forward pass, so the same two masks every\n"
              + "iteration: the lesson's quirk, not real dropout).\n");
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              "Initialization: standard normal / sqrt(fan_in), seed %d. Dropout is real dropout:%n"
                  + "fresh masks every iteration (--reference reproduces the lesson's exact numbers).%n",
              config.seed()));
    }
    sb.append('\n');
    int nameWidth = "run".length();
    for (FootballRun r : runs) {
      nameWidth = Math.max(nameWidth, runName(r).length());
    }
    String rowFormat = "%-" + nameWidth + "s  %-17s  %-17s  %10s  %7s%n";
    sb.append(
        String.format(Locale.ROOT, rowFormat, "run", "train accuracy", "test accuracy", "final cost", "seconds"));
    sb.append("-".repeat(nameWidth + 2 + 17 + 2 + 17 + 2 + 10 + 2 + 7)).append('\n');
    for (FootballRun r : runs) {
      sb.append(
          String.format(
              Locale.ROOT,
              rowFormat,
              runName(r),
              accuracy(r.trainAccuracy()) + " (" + r.trainCorrect() + "/" + r.trainSize() + ")",
              accuracy(r.testAccuracy()) + " (" + r.testCorrect() + "/" + r.testSize() + ")",
              cost(r),
              String.format(Locale.ROOT, "%.2f", r.seconds())));
    }
    sb.append('\n');
    sb.append("Diagnosis (train error vs test error, ")
        .append(Diagnosis.baseErrorLabel(config.baseError()))
        .append("):\n");
    for (FootballRun r : runs) {
      // The lesson's held-out set is its test set.
      String summary = r.diagnosis().summary("test").strip();
      String[] lines = summary.split("\n");
      sb.append(wrap(runName(r) + ": " + lines[0].strip(), "  ", "    ", WIDTH));
      for (int i = 1; i < lines.length; i++) {
        sb.append(wrap(lines[i].strip(), "    ", "         ", WIDTH));
      }
      if (config.earlyStopping() || r.diverged()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "    stopped at iteration %d (%s), kept the weights of iteration %d%s%n",
                r.result().stopEpoch(),
                r.result().stopReason().label(),
                r.result().bestEpoch(),
                r.diverged() ? " (try a smaller --lr or --lambda)" : ""));
      }
    }
    return sb.toString();
  }

  /**
   * The {@code --json} document: {@code {"runs":[{"mode":…,"train_accuracy":…,
   * "test_accuracy":…,"final_cost":…,"seconds":…,"stop_reason":…,"stop_iteration":…,
   * "kept_iteration":…},…]}}; {@code final_cost} is the cost of the kept weights, null when not
   * finite, and {@code stop_reason} says {@code diverged} when the cost became NaN.
   *
   * @param runs the runs in mode order
   * @return one line of JSON
   */
  public static String json(List<FootballRun> runs) {
    return JsonText.compact(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("runs");
      for (FootballRun r : runs) {
        g.writeStartObject();
        g.writeStringField("mode", r.mode().label());
        g.writeNumberField("train_accuracy", r.trainAccuracy());
        g.writeNumberField("test_accuracy", r.testAccuracy());
        JsonText.finiteField(g, "final_cost", r.finalCost());
        JsonText.finiteField(g, "seconds", r.seconds());
        g.writeStringField("stop_reason", r.result().stopReason().label());
        g.writeNumberField("stop_iteration", r.result().stopEpoch());
        g.writeNumberField("kept_iteration", r.result().bestEpoch());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** Width the table's text lines are wrapped to. */
  static final int WIDTH = 96;

  /**
   * Word-wraps {@code text} to {@code width} columns: the first line starts with {@code first},
   * the others with {@code rest}; every line ends with a newline.
   */
  static String wrap(String text, String first, String rest, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return out.append(line).append('\n').toString();
  }

  /**
   * The final-cost cell: six decimals, scientific notation from 10⁶ on (a huge λ), and {@code
   * diverged} when the run diverged before any finite cost.
   */
  static String cost(FootballRun r) {
    double c = r.finalCost();
    if (!Double.isFinite(c)) {
      return r.diverged() ? "diverged" : String.valueOf(c);
    }
    return String.format(Locale.ROOT, Math.abs(c) >= 1e6 ? "%.4e" : "%.6f", c);
  }

  /** A number without needless zeros: 0.7, 0.86, 30000. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }
}
