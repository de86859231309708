package io.augreg.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Package-level utilities for callers of the charts. */
public final class Plots {
  private Plots() {}

  /**
   * Draws a small chart frame in memory so that AWT, the fonts and the drawing code are loaded.
   * A command can call this on a background thread while it computes, so the real charts come
   * out faster later.
   */
  public static void warmUp() {
    Charts.headless();
    int w = DecisionBoundaryChart.WIDTH;
    int h = DecisionBoundaryChart.HEIGHT;
    BufferedImage image = PlotFrame.whiteImage(w, h);
    Graphics2D g = PlotFrame.graphics(image);
    try {
      PlotFrame frame =
          new PlotFrame(
              g,
              w,
              h,
              "Warm-up (0.9479, 0.915)",
              "x1",
              "x2",
              new double[] {-0.7, 0.6},
              new double[] {-0.7, 0.6},
              List.of(
                  new PlotFrame.Entry(
                      "opponent (0)",
                      (gr, cx, cy) ->
                          OutlinedCircle.draw(
                              gr, Charts.classColor(0), DecisionBoundaryChart.MARKER, cx, cy))),
              PlotFrame.LegendPlace.BELOW);
      frame.drawDecorations(g);
    } finally {
      g.dispose();
    }
    image.flush();
  }
}
