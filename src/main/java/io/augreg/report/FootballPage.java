package io.augreg.report;

import io.augreg.football.FootballFigures;
import io.augreg.football.FootballReport;
import io.augreg.football.FootballRun;
import io.augreg.train.EpochRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The page of a {@code football} run: the runs' table (sortable), each run's diagnosis, the cost
 * curves (inline SVG) and the decision boundaries that the run drew into its folder.
 */
public final class FootballPage {
  private FootballPage() {}

  /**
   * Builds the page.
   *
   * @param runs the runs, in mode order
   * @param data what the data were, e.g. {@code "data/football/data.mat (211 train, 200 test)"}
   * @param out the folder the pictures went to (boundaries not found there are left out)
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(List<FootballRun> runs, String data, Path out, RunInfo info) {
    return build(sections(runs, data), runs, out, info);
  }

  /**
   * The sections that depend on the runs' numbers only: the table, the diagnosis and the cost
   * curves (the page's costliest layout). A command can make them while its pictures are still
   * being drawn, then finish the page with {@link #build(List, List, Path, RunInfo)}.
   *
   * @param runs the runs, in mode order
   * @param data what the data were
   * @return the sections, in page order
   */
  public static List<Page.Section> sections(List<FootballRun> runs, String data) {
    List<List<Block.Cell>> rows = new ArrayList<>();
    List<Block> verdicts = new ArrayList<>();
    List<SvgChart.Series> cost = new ArrayList<>();
    for (FootballRun r : runs) {
      String mode = r.mode().label();
      rows.add(List.of(Block.Cell.of(FootballReport.runName(r)),
          keyed(r.trainAccuracy(), mode + ".train_accuracy"),
          keyed(r.testAccuracy(), mode + ".test_accuracy"),
          keyed(r.finalCost(), mode + ".final_cost"),
          Block.Cell.of((long) r.result().bestEpoch()), Block.Cell.of((long) r.result().stopEpoch()),
          Block.Cell.of(r.seconds()), Block.Cell.of(r.diagnosis().verdict().name())));
      Block.Verdict v = RunReports.verdict(r.diagnosis(), "test");
      verdicts.add(new Block.Verdict(v.verdict(), FootballReport.runName(r) + ": " + v.summary(),
          v.numbers(), v.remedies()));
      List<EpochRecord> h = r.result().history().epochs();
      double[] x = new double[h.size()];
      double[] train = new double[h.size()];
      double[] dev = new double[h.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = h.get(i).epoch();
        train[i] = h.get(i).trainCost();
        dev[i] = h.get(i).devCost();
      }
      cost.add(new SvgChart.Series(FootballReport.runName(r), x, train, false));
      cost.add(new SvgChart.Series(FootballReport.runName(r) + ", test", x, dev, true));
    }
    List<Page.Section> sections = new ArrayList<>();
    sections.add(new Page.Section("runs", "Runs", List.of(
        Block.Text.of("The lesson's goalkeeper problem, network 2-20-3-1; data " + data + "."),
        new Block.Table("runs-table", "Click a header to sort", List.of("run", "train accuracy",
            "test accuracy", "final cost", "best iteration", "stop iteration", "seconds", "verdict"),
            rows, true))));
    sections.add(new Page.Section("diagnosis", "Bias / variance (test set as the hold-out)", verdicts));
    sections.add(new Page.Section("cost", "Cost curves", List.of(new Block.Chart(SvgChart.of(
        "Training cost", "iteration", "cost", cost, Double.NaN, Double.NaN, Double.NaN, "")))));
    return sections;
  }

  /**
   * The page from {@link #sections}: those sections, then the decision boundaries that the run
   * drew into {@code out} and the settings.
   *
   * @param prepared the sections {@link #sections} made for {@code runs}
   * @param runs the runs, in mode order
   * @param out the folder the pictures went to (boundaries not found there are left out)
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(List<Page.Section> prepared, List<FootballRun> runs, Path out,
      RunInfo info) {
    List<Page.Section> sections = new ArrayList<>(prepared);
    List<Block.Thumb> boundaries = new ArrayList<>();
    for (FootballRun r : runs) {
      Path png = out.resolve(FootballFigures.boundaryFileName(r.mode()));
      if (Files.isRegularFile(png)) {
        boundaries.add(new Block.Thumb(RunFiles.png(png), "decision boundary: " + FootballReport.runName(r),
            List.of(FootballReport.runName(r)), false));
      }
    }
    if (!boundaries.isEmpty()) {
      sections.add(new Page.Section("boundaries", "Decision boundaries", List.of(
          new Block.Gallery("The training points and each model's decision regions", boundaries, true))));
    }
    sections.add(info.section());
    return new Page("augreg football", info.command(), sections);
  }

  private static Block.Cell keyed(double v, String key) {
    Block.Cell c = Block.Cell.of(v);
    return new Block.Cell(c.text(), c.sort(), 0, key);
  }
}
