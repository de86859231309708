package io.augreg.plot;

import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Cost against iteration, one line per training run, as a PNG. */
public final class CostCurveChart {
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
    XYChart chart = new XYChart(900, 560);
    chart.setTitle(title);
    double maxX = 0;
    for (Curve curve : curves) {
      for (double v : curve.iterations()) {
        maxX = Math.max(maxX, v);
      }
    }
    // Long runs read better in thousands (XChart's tick spacing is awkward for 30 000).
    double scale = maxX >= 5_000 ? 1_000 : 1;
    chart.setXAxisTitle(scale == 1 ? xLabel : xLabel + " (thousands)");
    chart.setYAxisTitle("cost");
    Charts.style(chart);
    chart.getStyler().setXAxisDecimalPattern("#,##0.#");
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    int drawn = 0;
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
          k++;
        }
      }
      XYSeries s = chart.addSeries(curve.name(), xs, ys);
      // Lines need two points; short histories also get markers so that every point shows.
      s.setMarker(n <= 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      s.setLineColor(Charts.SERIES_COLORS[c % Charts.SERIES_COLORS.length]);
      s.setLineWidth(2f);
      drawn++;
    }
    if (drawn == 0) {
      throw new AugregException(file + ": no finite cost to plot");
    }
    Charts.savePng(chart, file);
  }
}
