package io.augreg.plot;

import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;

/** Package-level utilities for callers of the charts. */
public final class Plots {
  private Plots() {}

  /**
   * Renders a tiny chart in memory so that AWT, the fonts and the chart classes are loaded. The
   * first chart of a process costs about a second of CPU for this; a command can call this on a
   * background thread while it computes, so the real charts come out fast later.
   */
  public static void warmUp() {
    Charts.headless();
    int w = DecisionBoundaryChart.WIDTH;
    int h = DecisionBoundaryChart.HEIGHT;
    XYChart chart = new XYChart(w, h);
    chart.setTitle("Warm-up (0.9479, 0.915)");
    chart.setXAxisTitle("x1");
    chart.setYAxisTitle("x2");
    Charts.style(chart);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setXAxisDecimalPattern("0.0#");
    chart.getStyler().setYAxisDecimalPattern("0.0#");
    var s =
        chart.addSeries("opponent (0)", new double[] {-0.6, 0.3, 0.1}, new double[] {-0.7, 0.6, 0});
    s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(new OutlinedCircle());
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    try {
      chart.paint(g, w, h);
    } finally {
      g.dispose();
    }
    image.flush();
  }
}
