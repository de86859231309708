package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning curves: a training and a dev series against the epoch, with the early-stopping point
 * (the epoch whose weights were kept) marked by a vertical line. Non-finite points are skipped.
 */
public final class LearningCurveChart {
  private LearningCurveChart() {}

  /**
   * Writes the chart with an unbounded y axis (e.g. a loss).
   *
   * @param file destination PNG (temporary name, then renamed)
   * @param title chart title
   * @param yLabel y axis title, e.g. {@code "loss"}
   * @param epochs the x values
   * @param train training values (same length)
   * @param dev dev values, or null
   * @param bestEpoch the epoch to mark (&lt;= 0 for none)
   * @throws AugregException when no value is finite or the file cannot be written
   */
  public static void write(Path file, String title, String yLabel, double[] epochs, double[] train,
      double[] dev, int bestEpoch) {
    write(file, title, yLabel, epochs, train, dev, bestEpoch, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY);
  }

  /**
   * Writes the chart with a y axis kept within {@code [yMin, yMax]}, e.g. {@code [0, 1]} for an
   * accuracy: a flat curve (where the axis would otherwise span half a unit on each side of it)
   * then shows the whole allowed range up to one unit wide instead of values like 1.156.
   *
   * @param file destination PNG (temporary name, then renamed)
   * @param title chart title
   * @param yLabel y axis title, e.g. {@code "accuracy"}
   * @param epochs the x values
   * @param train training values (same length)
   * @param dev dev values, or null
   * @param bestEpoch the epoch to mark (&lt;= 0 for none)
   * @param yMin lowest value the axis may show ({@code -∞} for none)
   * @param yMax highest value the axis may show ({@code +∞} for none), &gt; {@code yMin}
   * @throws AugregException when no value is finite or the file cannot be written
   */
  public static void write(Path file, String title, String yLabel, double[] epochs, double[] train,
      double[] dev, int bestEpoch, double yMin, double yMax) {
    Charts.savePng(chart(title, yLabel, epochs, train, dev, bestEpoch, yMin, yMax, file), file);
  }

  /** The chart {@link #write} saves ({@code file} only names it in messages). */
  static XYChart chart(String title, String yLabel, double[] epochs, double[] train, double[] dev,
      int bestEpoch, double yMin, double yMax, Path file) {
    if (!(yMin < yMax)) {
      throw new IllegalArgumentException("y range [" + yMin + ", " + yMax + "] is empty");
    }
    Charts.headless();
    XYChart chart = new XYChart(900, 560);
    chart.setTitle(title);
    chart.setXAxisTitle("epoch");
    chart.setYAxisTitle(yLabel);
    Charts.style(chart);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    // below the plot: curves often end in the top-right corner where an inside legend would sit
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int drawn = 0;
    double[][] series = dev == null ? new double[][] {train} : new double[][] {train, dev};
    String[] names = {"train", "dev"};
    for (int s = 0; s < series.length; s++) {
      double[] v = series[s];
      int n = 0;
      for (double d : v) {
        if (Double.isFinite(d)) {
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0, k = 0; i < v.length; i++) {
        if (Double.isFinite(v[i])) {
          xs[k] = epochs[i];
          ys[k] = v[i];
          lo = Math.min(lo, v[i]);
          hi = Math.max(hi, v[i]);
          k++;
        }
      }
      XYSeries xy = chart.addSeries(names[s], xs, ys);
      xy.setMarker(n <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      Charts.seriesLine(xy, s);
      drawn++;
    }
    if (drawn == 0) {
      throw new AugregException(file + ": no finite value to plot");
    }
    // the y range shown: the data; a flat curve gets half a unit on each side, and within bounds
    // the window slides (keeping one unit where the bounds allow) instead of crossing them
    double pad = hi > lo ? 0 : 0.5;
    double bottom = Math.max(yMin, Math.min(lo - pad, yMax - 2 * pad));
    double top = Math.min(yMax, Math.max(hi + pad, yMin + 2 * pad));
    if (Double.isFinite(yMin) || Double.isFinite(yMax)) {
      chart.getStyler().setYAxisMin(bottom);
      chart.getStyler().setYAxisMax(top);
    }
    if (bestEpoch > 0) {
      XYSeries mark = chart.addSeries("kept weights (epoch " + bestEpoch + ")",
          new double[] {bestEpoch, bestEpoch}, new double[] {bottom, top});
      mark.setMarker(SeriesMarkers.NONE);
      mark.setLineColor(new Color(90, 90, 90));
      mark.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {6f, 4f}, 0f));
    }
    return chart;
  }
}
