package io.augreg.football;

import io.augreg.data.Dataset;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.plot.CostCurveChart;
import io.augreg.plot.DecisionBoundaryChart;
import io.augreg.plot.PointClassifier;
import io.augreg.train.EpochRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/** The football pictures: each run's decision boundary over the training points, the cost curves. */
public final class FootballFigures {
  /** Legend names of the two labels. */
  static final List<String> CLASS_NAMES = List.of("opponent (0)", "French player (1)");

  private FootballFigures() {}

  /** File name of a run's decision-boundary picture, e.g. {@code boundary-l2.png}. */
  public static String boundaryFileName(FootballMode mode) {
    return "boundary-" + fileLabel(mode) + ".png";
  }

  /** File name of the cost-curve picture. */
  public static final String COST_FILE = "cost.png";

  /** The mode's label made safe for file names ({@code l2+dropout} → {@code l2-dropout}). */
  public static String fileLabel(FootballMode mode) {
    return mode.label().replace('+', '-');
  }

  /**
   * Draws the decision boundary of {@code run}'s model over the training points.
   *
   * @param dir output folder
   * @param run the run
   * @param train the training set (2 × m)
   * @return the PNG written
   */
  public static Path writeBoundary(Path dir, FootballRun run, Dataset train) {
    DMatrixRMaj x = train.x();
    DMatrixRMaj y = train.y();
    int m = x.numCols;
    double[] xs = new double[m];
    double[] ys = new double[m];
    int[] labels = new int[m];
    for (int i = 0; i < m; i++) {
      xs[i] = x.get(0, i);
      ys[i] = x.get(1, i);
      labels[i] = y.get(0, i) > 0.5 ? 1 : 0;
    }
    Path file = dir.resolve(boundaryFileName(run.mode()));
    String title =
        String.format(
            Locale.ROOT,
            "%s (train %s, test %s)",
            title(run),
            FootballReport.accuracy(run.trainAccuracy()),
            FootballReport.accuracy(run.testAccuracy()));
    DecisionBoundaryChart.write(file, title, xs, ys, labels, CLASS_NAMES, classifier(run.result().model()));
    return file;
  }

  /**
   * Draws the training cost of every run against the iteration.
   *
   * @param dir output folder
   * @param runs the runs
   * @return the PNG written
   */
  public static Path writeCostCurves(Path dir, List<FootballRun> runs) {
    List<CostCurveChart.Curve> curves = new ArrayList<>();
    for (FootballRun run : runs) {
      List<EpochRecord> epochs = run.result().history().epochs();
      double[] it = new double[epochs.size()];
      double[] cost = new double[epochs.size()];
      for (int i = 0; i < epochs.size(); i++) {
        it[i] = epochs.get(i).epoch();
        cost[i] = epochs.get(i).trainCost();
      }
      curves.add(new CostCurveChart.Curve(FootballReport.runName(run), it, cost));
    }
    Path file = dir.resolve(COST_FILE);
    CostCurveChart.write(file, "Training cost (football)", "iteration", curves);
    return file;
  }

  /** The lesson's figure titles. */
  static String title(FootballRun run) {
    return switch (run.mode()) {
      case NONE -> "Model without regularization";
      case L2 -> "Model with L2-regularization";
      case DROPOUT -> "Model with dropout";
      case L2_DROPOUT -> "Model with L2 and dropout";
    };
  }

  /**
   * A batch classifier over 2-D points backed by the network: {@link DenseClassifier} for the
   * dense sigmoid networks of the lesson (the labels of {@link Network#predictLabels}, a few
   * times cheaper per point), {@link Network#predictLabels} itself for any other network.
   */
  static PointClassifier classifier(Network model) {
    DenseClassifier dense = DenseClassifier.of(model);
    if (dense != null) {
      return dense;
    }
    return (xs, ys) -> model.predictLabels(columns(xs, ys), new JavaGemm());
  }

  /** The points as the columns of a 2 × n matrix. */
  static DMatrixRMaj columns(double[] xs, double[] ys) {
    DMatrixRMaj points = new DMatrixRMaj(2, xs.length);
    System.arraycopy(xs, 0, points.data, 0, xs.length);
    System.arraycopy(ys, 0, points.data, xs.length, ys.length);
    return points;
  }
}
