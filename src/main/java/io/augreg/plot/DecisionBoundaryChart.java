package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A classifier's decision regions over 2-D points, like the lesson's figures: the box spanned by
 * the points (plus a small margin) is cut into a fine grid, every grid cell is filled with the
 * light colour of the class predicted at its centre, and the points are drawn on top in the
 * strong colour of their true label.
 *
 * <p>XChart has no contour plot, so each grid row's runs of equal prediction are drawn as filled
 * rectangles ({@code PolygonArea} series); with a few hundred rows the region edges look smooth.
 */
public final class DecisionBoundaryChart {
  /** Grid cells along each axis. */
  static final int GRID = 300;

  /** Extra room around the points, as a fraction of their range on each axis. */
  private static final double MARGIN = 0.05;

  /** How far region colours are mixed towards white (0 = the points' colour, 1 = white). */
  static final double REGION_LIGHTEN = 0.62;

  private DecisionBoundaryChart() {}

  /**
   * Writes the chart.
   *
   * @param file destination PNG (written to a temporary name, then renamed)
   * @param title chart title
   * @param xs first coordinates of the points
   * @param ys second coordinates of the points
   * @param labels true class of every point
   * @param classNames legend name of class k at index k (labels beyond the list are shown as
   *     {@code "class k"})
   * @param classifier the model, called once with every grid centre
   * @throws AugregException if the file cannot be written
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static void write(
      Path file,
      String title,
      double[] xs,
      double[] ys,
      int[] labels,
      List<String> classNames,
      PointClassifier classifier) {
    if (xs.length == 0 || xs.length != ys.length || xs.length != labels.length) {
      throw new IllegalArgumentException(
          "need as many x, y and labels (got " + xs.length + ", " + ys.length + ", "
              + labels.length + "), at least one");
    }
    Charts.headless();
    double[] xr = range(xs);
    double[] yr = range(ys);

    // Grid centres: x_j = x0 + (j + 1/2)·dx, y_i = y0 + (i + 1/2)·dy, row by row.
    double dx = (xr[1] - xr[0]) / GRID;
    double dy = (yr[1] - yr[0]) / GRID;
    double[] gx = new double[GRID * GRID];
    double[] gy = new double[GRID * GRID];
    for (int i = 0; i < GRID; i++) {
      for (int j = 0; j < GRID; j++) {
        gx[i * GRID + j] = xr[0] + (j + 0.5) * dx;
        gy[i * GRID + j] = yr[0] + (i + 0.5) * dy;
      }
    }
    int[] predicted = classifier.classify(gx, gy);
    if (predicted.length != gx.length) {
      throw new IllegalArgumentException(
          "classifier returned " + predicted.length + " labels for " + gx.length + " points");
    }

    XYChart chart = new XYChart(760, 680);
    chart.setTitle(title);
    chart.setXAxisTitle("x1");
    chart.setYAxisTitle("x2");
    Charts.style(chart);
    var styler = chart.getStyler();
    styler.setXAxisMin(xr[0]);
    styler.setXAxisMax(xr[1]);
    styler.setYAxisMin(yr[0]);
    styler.setYAxisMax(yr[1]);
    styler.setPlotGridLinesVisible(false);
    styler.setPlotContentSize(1.0);
    styler.setXAxisDecimalPattern("0.0#");
    styler.setYAxisDecimalPattern("0.0#");

    addRegions(chart, predicted, xr[0], yr[0], dx, dy);
    addPoints(chart, xs, ys, labels, classNames);
    Charts.savePng(chart, file);
  }

  /**
   * Each band of identical grid rows has its maximal runs of one predicted class drawn as filled
   * rectangles. Bands overlap the next by half a row so antialiasing leaves no seams.
   */
  private static void addRegions(
      XYChart chart, int[] predicted, double x0, double y0, double dx, double dy) {
    int series = 0;
    BasicStroke none = new BasicStroke(0f);
    int i = 0;
    while (i < GRID) {
      int end = i + 1;
      while (end < GRID && sameRow(predicted, i, end)) {
        end++;
      }
      int start = 0;
      for (int j = 1; j <= GRID; j++) {
        if (j < GRID && predicted[i * GRID + j] == predicted[i * GRID + start]) {
          continue;
        }
        // The run covers cells start..j-1 of rows i..end-1.
        double left = x0 + start * dx;
        double right = x0 + j * dx;
        double bottom = y0 + i * dy;
        double top = y0 + Math.min(GRID, end + 0.5) * dy;
        XYSeries s =
            chart.addSeries(
                "region " + series++,
                new double[] {left, right, right, left},
                new double[] {bottom, bottom, top, top});
        Color fill = Charts.lighter(Charts.classColor(predicted[i * GRID + start]), REGION_LIGHTEN);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setLineStyle(none);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
        start = j;
      }
      i = end;
    }
  }

  private static boolean sameRow(int[] predicted, int a, int b) {
    return java.util.Arrays.equals(
        predicted, a * GRID, (a + 1) * GRID, predicted, b * GRID, (b + 1) * GRID);
  }

  /** The points, one series per class, in the class colour with a dark ring. */
  private static void addPoints(
      XYChart chart, double[] xs, double[] ys, int[] labels, List<String> classNames) {
    TreeSet<Integer> classes = new TreeSet<>();
    for (int l : labels) {
      classes.add(l);
    }
    for (int cls : classes) {
      int n = 0;
      for (int l : labels) {
        if (l == cls) {
          n++;
        }
      }
      double[] px = new double[n];
      double[] py = new double[n];
      for (int i = 0, k = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          px[k] = xs[i];
          py[k] = ys[i];
          k++;
        }
      }
      String name = cls < classNames.size() ? classNames.get(cls) : "class " + cls;
      XYSeries s = chart.addSeries(name, px, py);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(new OutlinedCircle());
      s.setMarkerColor(Charts.classColor(cls));
      s.setLineStyle(SeriesLines.NONE);
    }
    chart.getStyler().setMarkerSize(9);
  }

  /** [min − margin, max + margin] of {@code v}; a zero range is widened to ±0.5. */
  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    if (!(hi > lo)) {
      return new double[] {lo - 0.5, hi + 0.5};
    }
    double pad = (hi - lo) * MARGIN;
    return new double[] {lo - pad, hi + pad};
  }
}
