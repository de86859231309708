package io.augreg.plot;

import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A validation curve (scikit-learn's {@code validation_curve}) or a learning curve over the
 * training-set size: train and dev error (means over seeds, with ± one standard deviation as
 * error bars) against an option's value. Values that are not numbers are drawn at 1, 2, ... and
 * named in the axis title. Non-finite means are skipped.
 */
public final class ValidationCurveChart {
  private ValidationCurveChart() {}

  /**
   * One series.
   *
   * @param name legend name, e.g. {@code "dev"}
   * @param mean mean error per x value
   * @param sd standard deviation per x value (0 or NaN for none)
   */
  public record Series(String name, double[] mean, double[] sd) {}

  /**
   * Writes the chart.
   *
   * @param file destination PNG (temporary name, then renamed)
   * @param title chart title
   * @param xLabel x axis title
   * @param x the x values (numbers), or null to place {@code labels} at 1, 2, ...
   * @param labels tick labels for categorical values (used when {@code x} is null)
   * @param logX a logarithmic x axis (numbers &gt; 0 only)
   * @param series the series (typically train and dev)
   * @throws AugregException when nothing is finite or the file cannot be written
   */
  public static void write(Path file, String title, String xLabel, double[] x, List<String> labels,
      boolean logX, List<Series> series) {
    Charts.savePng(chart(title, xLabel, x, labels, logX, series, file), file);
  }

  /** The chart {@link #write} saves ({@code file} only names it in messages). */
  static XYChart chart(String title, String xLabel, double[] x, List<String> labels, boolean logX,
      List<Series> series, Path file) {
    Charts.headless();
    int n = x != null ? x.length : labels.size();
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = x != null ? x[i] : i + 1;
    }
    XYChart chart = new XYChart(900, 560);
    chart.setTitle(title);
    chart.setXAxisTitle(xLabel);
    chart.setYAxisTitle("error (mean ± sd over seeds)");
    Charts.style(chart);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    chart.getStyler().setXAxisLogarithmic(logX);
    if (x == null) {
      // categories at 1, 2, ..., n: whole-number ticks (one per category) and their names in the
      // axis title (XChart 3.8's custom tick-label callback drew no ticks on this axis)
      chart.getStyler().setXAxisMin(0.5);
      chart.getStyler().setXAxisMax(n + 0.5);
      chart.getStyler().setXAxisDecimalPattern("0");
      chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(40, 760 / (n + 1)));
      StringBuilder names = new StringBuilder(xLabel).append(":");
      for (int i = 0; i < n; i++) {
        names.append(i == 0 ? " " : ", ").append(i + 1).append(" = ").append(labels.get(i));
      }
      chart.setXAxisTitle(names.toString());
    }
    int drawn = 0;
    for (int s = 0; s < series.size(); s++) {
      Series se = series.get(s);
      int m = 0;
      for (int i = 0; i < n; i++) {
        m += Double.isFinite(se.mean()[i]) ? 1 : 0;
      }
      if (m == 0) {
        continue;
      }
      double[] px = new double[m];
      double[] py = new double[m];
      double[] pe = new double[m];
      for (int i = 0, k = 0; i < n; i++) {
        if (Double.isFinite(se.mean()[i])) {
          px[k] = xs[i];
          py[k] = se.mean()[i];
          pe[k] = Double.isFinite(se.sd()[i]) ? se.sd()[i] : 0;
          k++;
        }
      }
      XYSeries xy = chart.addSeries(se.name(), px, py, pe);
      xy.setMarker(SeriesMarkers.CIRCLE);
      Charts.seriesLine(xy, s);
      drawn++;
    }
    if (drawn == 0) {
      throw new AugregException(file + ": no finite value to plot");
    }
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    return chart;
  }
}
