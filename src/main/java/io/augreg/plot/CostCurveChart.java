package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cost against iteration, one line per training run, as a PNG; drawn with plain Java2D on a
 * {@link PlotFrame}.
 */
public final class CostCurveChart {
  /** Picture width in pixels. */
  static final int WIDTH = 900;

  /** Picture height in pixels. */
  static final int HEIGHT = 560;

  /** Width of the curves. */
  private static final float LINE_WIDTH = 2f;

  /** Curves with at most this many points also get a dot at every point. */
  private static final int MARKED = 20;

  private CostCurveChart() {}

  /**
   * One run's cost history.
   *
   * @param name legend label, e.g. {@code "L2 (λ = 0.7)"}
   * @param iterations x values (iteration or epoch numbers), ascending
   * @param costs y values, same length; non-finite values are left out of the line
   */
  public record Curve(String name, double[] iterations, double[] costs) {
    /** Checks that the two arrays have the same length. */
    public Curve {
      if (iterations.length != costs.length) {
        throw new IllegalArgumentException(
            "curve '" + name + "': " + iterations.length + " x values, " + costs.length + " y values");
      }
      iterations = iterations.clone();
      costs = costs.clone();
    }
  }

  /**
   * Writes the chart.
   *
   * @param file destination PNG (written to a temporary name, then renamed)
   * @param title chart title
   * @param xLabel x axis title, e.g. {@code "iteration"}
   * @param curves the runs, in legend order
   * @throws AugregException if the file cannot be written or no curve has a finite point
   */
  public static void write(Path file, String title, String xLabel, List<Curve> curves) {
    Charts.headless();
    double maxX = 0;
    for (Curve curve : curves) {
      for (double v : curve.iterations()) {
        maxX = Math.max(maxX, v);
      }
    }
    // Long runs read better in thousands.
    double scale = maxX >= 5_000 ? 1_000 : 1;
    String xTitle = scale == 1 ? xLabel : xLabel + " (thousands)";
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    double xMax = 0;
    List<PlotFrame.Entry> legend = new ArrayList<>();
    List<double[][]> lines = new ArrayList<>();
    List<Color> colors = new ArrayList<>();
    for (int c = 0; c < curves.size(); c++) {
      Curve curve = curves.get(c);
      int n = 0;
      for (double v : curve.costs()) {
        if (Double.isFinite(v)) {
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0, k = 0; i < curve.costs().length; i++) {
        if (Double.isFinite(curve.costs()[i])) {
          xs[k] = curve.iterations()[i] / scale;
          ys[k] = curve.costs()[i];
          yMin = Math.min(yMin, ys[k]);
          yMax = Math.max(yMax, ys[k]);
          xMax = Math.max(xMax, xs[k]);
          k++;
        }
      }
      Color color = Charts.SERIES_COLORS[c % Charts.SERIES_COLORS.length];
      lines.add(new double[][] {xs, ys});
      colors.add(color);
      legend.add(new PlotFrame.Entry(curve.name(), PlotFrame.lineSample(color, LINE_WIDTH)));
    }
    if (lines.isEmpty()) {
      throw new AugregException(file + ": no finite cost to plot");
    }
    double pad = yMax > yMin ? (yMax - yMin) * 0.05 : 0.5;
    double[] xRange = {0, xMax > 0 ? xMax : 1};
    double[] yRange = {yMin - pad, yMax + pad};

    BufferedImage image = PlotFrame.whiteImage(WIDTH, HEIGHT);
    Graphics2D g = PlotFrame.graphics(image);
    try {
      PlotFrame frame =
          new PlotFrame(
              g, WIDTH, HEIGHT, title, xTitle, "cost", xRange, yRange, legend,
              PlotFrame.LegendPlace.INSIDE_TOP_RIGHT);
      frame.drawGrid(g);
      Graphics2D plot = (Graphics2D) g.create(frame.plotX, frame.plotY, frame.plotW, frame.plotH);
      try {
        plot.translate(-frame.plotX, -frame.plotY);
        plot.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        plot.setStroke(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int c = 0; c < lines.size(); c++) {
          double[] xs = lines.get(c)[0];
          double[] ys = lines.get(c)[1];
          plot.setColor(colors.get(c));
          if (xs.length == 1 || xs.length <= MARKED) {
            // short histories get a dot at every point, so that a single point shows too
            for (int i = 0; i < xs.length; i++) {
              plot.fill(new Ellipse2D.Double(frame.px(xs[i]) - 3, frame.py(ys[i]) - 3, 6, 6));
            }
          }
          Path2D.Double path = new Path2D.Double();
          path.moveTo(frame.px(xs[0]), frame.py(ys[0]));
          for (int i = 1; i < xs.length; i++) {
            path.lineTo(frame.px(xs[i]), frame.py(ys[i]));
          }
          plot.draw(path);
        }
      } finally {
        plot.dispose();
      }
      frame.drawDecorations(g);
    } finally {
      g.dispose();
    }
    Charts.savePng(image, file);
  }
}
