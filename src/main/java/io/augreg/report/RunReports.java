package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.train.Diagnosis;
import java.util.ArrayList;
import java.util.List;

/** Blocks that several pages share: the bias/variance verdict and a list of problems. */
final class RunReports {
  /** At most this many problems are listed; the rest are counted. */
  static final int MAX_PROBLEMS = 50;

  private RunReports() {}

  /**
   * The diagnosis section from {@code report.json}'s {@code diagnosis} object.
   *
   * @param d the object
   * @return the section with id {@code diagnosis}
   */
  static Page.Section diagnosis(JsonNode d) {
    List<String> remedies = new ArrayList<>();
    d.path("remedies").forEach(n -> remedies.add(n.asText()));
    String holdOut = d.path("hold_out").isTextual() ? d.path("hold_out").asText() : null;
    return new Page.Section("diagnosis", "Bias / variance", List.of(verdict(d.path("verdict").asText(),
        d.path("summary").asText(), RunFiles.num(d, "train_error"), holdOut,
        RunFiles.num(d, "hold_out_error"), RunFiles.num(d, "base_error"), remedies, "diagnosis.")));
  }

  /**
   * A verdict block from a {@link Diagnosis}.
   *
   * @param d the diagnosis
   * @param holdOut the hold-out set's name
   * @return the block
   */
  static Block.Verdict verdict(Diagnosis d, String holdOut) {
    return verdict(d.verdict().name(), d.summary(holdOut), d.trainError(), holdOut, d.devError(),
        d.baseError(), d.remedies(), null);
  }

  private static Block.Verdict verdict(String verdict, String summary, double train, String holdOut,
      double holdOutError, double base, List<String> remedies, String keys) {
    List<Block.Fact> n = new ArrayList<>();
    n.add(new Block.Fact("train error", Format.number(train), keys == null ? null : keys + "train_error"));
    n.add(new Block.Fact("base error", Format.number(base), keys == null ? null : keys + "base_error"));
    n.add(new Block.Fact("avoidable bias (train − base)", Format.number(train - base)));
    if (holdOut != null && Double.isFinite(holdOutError)) {
      n.add(new Block.Fact(holdOut + " error", Format.number(holdOutError),
          keys == null ? null : keys + "hold_out_error"));
      n.add(new Block.Fact("variance (" + holdOut + " − train)", Format.number(holdOutError - train)));
    }
    // the summary's first line is the verdict with its errors; the next lines repeat the remedies
    return new Block.Verdict(verdict, summary.lines().findFirst().orElse(""), n, remedies);
  }

  /**
   * A list of problems (unreadable files and why), at most {@link #MAX_PROBLEMS}.
   *
   * @param problems one line each
   * @return a bullet list
   */
  static Block.Text problems(List<String> problems) {
    List<String> shown = new ArrayList<>(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
    if (problems.size() > MAX_PROBLEMS) {
      shown.add("… and " + (problems.size() - MAX_PROBLEMS) + " more");
    }
    return new Block.Text("Problems:", shown);
  }
}
