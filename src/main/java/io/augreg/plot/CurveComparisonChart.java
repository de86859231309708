package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several learning curves of different runs on one chart (e.g. train and test accuracy with and
 * without augmentation). Solid lines for series whose name starts with "test" or "dev", dashed for
 * the others; non-finite points are skipped.
 */
public final class CurveComparisonChart {
  private CurveComparisonChart() {}

  /**
   * One named curve.
   *
   * @param name legend text
   * @param x x values
   * @param y y values (same length)
   * @param colour index into the palette, so related curves share a colour
   */
  public record Curve(String name, double[] x, double[] y, int colour) {}

  /**
   * Writes the chart.
   *
   * @param file destination PNG (temporary name, then renamed)
   * @param title chart title
   * @param xLabel x axis title
   * @param yLabel y axis title
   * @param curves the curves
   * @throws AugregException when no value is finite or the file cannot be written
   */
  public static void write(Path file, String title, String xLabel, String yLabel, List<Curve> curves) {
    Charts.headless();
    XYChart chart = new XYChart(900, 560);
    chart.setTitle(title);
    chart.setXAxisTitle(xLabel);
    chart.setYAxisTitle(yLabel);
    Charts.style(chart);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    chart.getStyler().setYAxisDecimalPattern("0.0##");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    int drawn = 0;
    for (Curve c : curves) {
      int n = 0;
      for (double d : c.y()) {
        n += Double.isFinite(d) ? 1 : 0;
      }
      if (n == 0) {
        continue;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0, k = 0; i < c.y().length; i++) {
        if (Double.isFinite(c.y()[i])) {
          xs[k] = c.x()[i];
          ys[k++] = c.y()[i];
        }
      }
      XYSeries s = chart.addSeries(c.name(), xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Charts.SERIES_COLORS[c.colour() % Charts.SERIES_COLORS.length]);
      boolean held = c.name().startsWith("test") || c.name().startsWith("dev");
      s.setLineStyle(held ? new BasicStroke(2.5f)
          : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      drawn++;
    }
    if (drawn == 0) {
      throw new AugregException(file + ": no finite value to plot");
    }
    Charts.savePng(chart, file);
  }
}
