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
    XYChart chart = new XYChart(120, 90);
    chart.setTitle("warm-up");
    chart.setXAxisTitle("x");
    chart.setYAxisTitle("y");
    Charts.style(chart);
    chart.addSeries("a", new double[] {0, 1}, new double[] {1, 0}).setMarker(new OutlinedCircle());
    BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    try {
      chart.paint(g, 120, 90);
    } finally {
      g.dispose();
    }
    image.flush();
  }
}
