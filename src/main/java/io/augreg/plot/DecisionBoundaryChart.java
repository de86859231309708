package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A classifier's decision regions over 2-D points, like the lesson's figures: the box spanned by
 * the points (plus a small margin) is filled with the light colour of the class predicted at
 * each pixel, and the points are drawn on top in the
 * strong colour of their true label.
 *
 * <p>Drawn with plain Java2D on a {@link PlotFrame} (no chart library: see there why): the
 * plot-area pixels are coloured by the classifier, one prediction per 2 × 2 pixel block, so the
 * regions are exact to two pixels; then the points, axes, title and legend go on top.
 */
public final class DecisionBoundaryChart {
  /** Picture width in pixels. */
  static final int WIDTH = 760;

  /** Picture height in pixels. */
  static final int HEIGHT = 720;

  /** Diameter of the point markers in pixels. */
  static final int MARKER = 9;

  /** Side of the pixel blocks that share one prediction. */
  static final int BLOCK = 2;

  /** About how many points one classifier call gets. */
  private static final int BAND_POINTS = 8192;

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
    TreeSet<Integer> classes = new TreeSet<>();
    for (int l : labels) {
      classes.add(l);
    }
    List<PlotFrame.Entry> legend = new ArrayList<>();
    for (int cls : classes) {
      String name = cls < classNames.size() ? classNames.get(cls) : "class " + cls;
      Color color = Charts.classColor(cls);
      legend.add(new PlotFrame.Entry(name, (gr, cx, cy) -> OutlinedCircle.draw(gr, color, MARKER, cx, cy)));
    }

    BufferedImage image = PlotFrame.whiteImage(WIDTH, HEIGHT);
    Graphics2D g = PlotFrame.graphics(image);
    try {
      PlotFrame frame = layout(g, title, xs, ys, legend);
      paintRegions(g, frame, classifier);
      // the points in the order given, each in the strong colour of its label
      for (int i = 0; i < xs.length; i++) {
        OutlinedCircle.draw(g, Charts.classColor(labels[i]), MARKER, frame.px(xs[i]), frame.py(ys[i]));
      }
      frame.drawDecorations(g);
    } finally {
      g.dispose();
    }
    Charts.savePng(image, file);
  }

  /** The chart's frame: the points' box plus a margin, the legend below. */
  static PlotFrame layout(
      Graphics2D g, String title, double[] xs, double[] ys, List<PlotFrame.Entry> legend) {
    return new PlotFrame(
        g, WIDTH, HEIGHT, title, "x1", "x2", range(xs), range(ys), legend,
        PlotFrame.LegendPlace.BELOW);
  }

  /**
   * Fills the plot area with the light colour of the class predicted at the centre of each 2 × 2
   * pixel block (a few batch calls to the classifier). Each block row's runs of equal predictions
   * are one {@code fillRect} each (Java2D's native fill; a per-pixel loop was interpreted, then
   * compiled twice, for pictures drawn once).
   */
  private static void paintRegions(Graphics2D g, PlotFrame frame, PointClassifier classifier) {
    int x0 = frame.plotX;
    int y0 = frame.plotY;
    int pw = frame.plotW;
    int ph = frame.plotH;
    Color[] palette = new Color[Charts.CLASS_COLORS.length];
    for (int k = 0; k < palette.length; k++) {
      palette[k] = regionColor(k);
    }
    // One prediction per BLOCK × BLOCK pixels, at the block's centre; a band of block rows at a
    // time keeps each classifier call to a few thousand points.
    int bw = (pw + BLOCK - 1) / BLOCK;
    int bh = (ph + BLOCK - 1) / BLOCK;
    double[] blockX = new double[bw];
    for (int c = 0; c < bw; c++) {
      int p0 = x0 + c * BLOCK;
      int p1 = Math.min(x0 + pw - 1, p0 + BLOCK - 1);
      blockX[c] = (frame.dataX(p0) + frame.dataX(p1)) / 2;
    }
    int band = Math.max(1, BAND_POINTS / bw);
    for (int r0 = 0; r0 < bh; r0 += band) {
      int rows = Math.min(band, bh - r0);
      int n = rows * bw;
      double[] bx = new double[n];
      double[] by = new double[n];
      for (int r = 0; r < rows; r++) {
        int p0 = y0 + (r0 + r) * BLOCK;
        int p1 = Math.min(y0 + ph - 1, p0 + BLOCK - 1);
        double y = (frame.dataY(p0) + frame.dataY(p1)) / 2;
        System.arraycopy(blockX, 0, bx, r * bw, bw);
        java.util.Arrays.fill(by, r * bw, (r + 1) * bw, y);
      }
      int[] predicted = classifier.classify(bx, by);
      if (predicted.length != n) {
        throw new IllegalArgumentException(
            "classifier returned " + predicted.length + " labels for " + n + " points");
      }
      for (int r = 0; r < rows; r++) {
        int top = y0 + (r0 + r) * BLOCK;
        int height = Math.min(BLOCK, y0 + ph - top);
        int first = r * bw;
        // blocks c … end − 1 share a prediction: pixels x0 + c·BLOCK … min(x0 + end·BLOCK, x0 + pw) − 1
        for (int c = 0; c < bw; ) {
          int label = predicted[first + c];
          int end = runEnd(predicted, first + c, first + bw) - first;
          int left = x0 + c * BLOCK;
          g.setColor(palette[Math.floorMod(label, palette.length)]);
          g.fillRect(left, top, Math.min(x0 + end * BLOCK, x0 + pw) - left, height);
          c = end;
        }
      }
    }
  }

  /** The end (exclusive, at most {@code to}) of the run of values equal to {@code a[from]}. */
  private static int runEnd(int[] a, int from, int to) {
    int v = a[from];
    int i = from + 1;
    while (i < to && a[i] == v) {
      i++;
    }
    return i;
  }

  /** The light colour of a predicted class. */
  static Color regionColor(int label) {
    return Charts.lighter(Charts.classColor(label), REGION_LIGHTEN);
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
