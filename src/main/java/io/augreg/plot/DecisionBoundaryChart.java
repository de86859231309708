package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.Styler;

/**
 * A classifier's decision regions over 2-D points, like the lesson's figures: the box spanned by
 * the points (plus a small margin) is filled with the light colour of the class predicted at
 * each pixel, and the points are drawn on top in the
 * strong colour of their true label.
 *
 * <p>XChart has no contour plot, so the chart (axes, points, legend) is drawn with transparent
 * backgrounds over an image whose plot-area pixels were coloured by the classifier, one
 * prediction per 2 × 2 pixel block: the regions are exact to two pixels.
 */
public final class DecisionBoundaryChart {
  /** Picture width in pixels. */
  static final int WIDTH = 760;

  /** Picture height in pixels. */
  static final int HEIGHT = 720;

  /** Side of the pixel blocks that share one prediction. */
  static final int BLOCK = 2;

  /** About how many points one classifier call gets. */
  private static final int BAND_POINTS = 8192;

  private static final Color TRANSPARENT = new Color(255, 255, 255, 0);

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

    XYChart chart = new XYChart(WIDTH, HEIGHT);
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
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    // Transparent backgrounds: the regions go underneath after the chart is painted.
    styler.setChartBackgroundColor(TRANSPARENT);
    styler.setPlotBackgroundColor(TRANSPARENT);
    addPoints(chart, xs, ys, labels, classNames);

    // One paint onto a transparent image lays the chart out (so screen pixels map to data
    // coordinates) and draws it; the regions then go underneath: SrcOver is associative, so
    // compositing the painted chart over the region colours gives the picture that painting the
    // chart over the regions would.
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      chart.paint(g, WIDTH, HEIGHT);
    } finally {
      g.dispose();
    }
    paintRegionsUnder(image, chart, xr, yr, classifier);
    Charts.savePng(image, file);
  }

  /**
   * Puts the background under the painted chart: in the plot area the light colour of the class
   * predicted at the centre of each 2 × 2 pixel block (a few batch calls to the classifier),
   * everything else white. Leaves every pixel opaque.
   */
  private static void paintRegionsUnder(
      BufferedImage image, XYChart chart, double[] xr, double[] yr, PointClassifier classifier) {
    int w = image.getWidth();
    int h = image.getHeight();
    // Pixel column px shows data x = chart.getChartXFromCoordinate(px); rows likewise for y.
    double[] colX = new double[w];
    double[] rowY = new double[h];
    int x0 = w;
    int x1 = -1;
    int y0 = h;
    int y1 = -1;
    for (int px = 0; px < w; px++) {
      colX[px] = chart.getChartXFromCoordinate(px);
      if (colX[px] >= xr[0] && colX[px] <= xr[1]) {
        x0 = Math.min(x0, px);
        x1 = Math.max(x1, px);
      }
    }
    for (int py = 0; py < h; py++) {
      rowY[py] = chart.getChartYFromCoordinate(py);
      if (rowY[py] >= yr[0] && rowY[py] <= yr[1]) {
        y0 = Math.min(y0, py);
        y1 = Math.max(y1, py);
      }
    }
    // TYPE_INT_ARGB: one int per pixel, row by row; working on the array directly is much
    // faster than getRGB/setRGB's per-pixel colour-model conversion.
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int[] background = new int[pixels.length];
    java.util.Arrays.fill(background, 0xFFFFFF);
    if (x1 >= x0 && y1 >= y0) {
      fillRegions(background, w, colX, rowY, x0, x1, y0, y1, classifier);
    }
    for (int y = 0; y < h; y++) {
      compositeRow(pixels, background, y * w, w);
    }
  }

  /** One row of {@code pixels} composited over {@code under} (a method per row for the JIT). */
  private static void compositeRow(int[] pixels, int[] under, int from, int n) {
    for (int i = from; i < from + n; i++) {
      pixels[i] = over(pixels[i], under[i]);
    }
  }

  /**
   * {@code top} (non-premultiplied ARGB) composited over the opaque colour {@code under}:
   * {@code out = a·top + (1 − a)·under} per channel, opaque.
   */
  static int over(int top, int under) {
    int a = top >>> 24;
    if (a == 0xFF) {
      return top;
    }
    if (a == 0) {
      return 0xFF000000 | under;
    }
    int r = mix((top >> 16) & 0xFF, (under >> 16) & 0xFF, a);
    int gr = mix((top >> 8) & 0xFF, (under >> 8) & 0xFF, a);
    int b = mix(top & 0xFF, under & 0xFF, a);
    return 0xFF000000 | (r << 16) | (gr << 8) | b;
  }

  /** {@code (a·t + (255 − a)·u) / 255}, rounded. */
  private static int mix(int t, int u, int a) {
    return (a * t + (255 - a) * u + 127) / 255;
  }

  /** The class colours of the plot area's pixel blocks, written into {@code pixels} (RGB). */
  private static void fillRegions(
      int[] pixels,
      int w,
      double[] colX,
      double[] rowY,
      int x0,
      int x1,
      int y0,
      int y1,
      PointClassifier classifier) {
    int pw = x1 - x0 + 1;
    int ph = y1 - y0 + 1;
    int[] palette = new int[Charts.CLASS_COLORS.length];
    for (int k = 0; k < palette.length; k++) {
      palette[k] = regionColor(k).getRGB();
    }
    // One prediction per BLOCK × BLOCK pixels, at the block's centre; a band of block rows at a
    // time keeps each classifier call to a few thousand points.
    int bw = (pw + BLOCK - 1) / BLOCK;
    int bh = (ph + BLOCK - 1) / BLOCK;
    double[] blockX = new double[bw];
    for (int c = 0; c < bw; c++) {
      int p0 = x0 + c * BLOCK;
      int p1 = Math.min(x1, p0 + BLOCK - 1);
      blockX[c] = (colX[p0] + colX[p1]) / 2;
    }
    int band = Math.max(1, BAND_POINTS / bw);
    for (int r0 = 0; r0 < bh; r0 += band) {
      int rows = Math.min(band, bh - r0);
      int n = rows * bw;
      double[] bx = new double[n];
      double[] by = new double[n];
      for (int r = 0; r < rows; r++) {
        int p0 = y0 + (r0 + r) * BLOCK;
        int p1 = Math.min(y1, p0 + BLOCK - 1);
        double y = (rowY[p0] + rowY[p1]) / 2;
        for (int c = 0; c < bw; c++) {
          bx[r * bw + c] = blockX[c];
          by[r * bw + c] = y;
        }
      }
      int[] predicted = classifier.classify(bx, by);
      if (predicted.length != n) {
        throw new IllegalArgumentException(
            "classifier returned " + predicted.length + " labels for " + n + " points");
      }
      for (int r = 0; r < rows; r++) {
        int top = y0 + (r0 + r) * BLOCK;
        int height = Math.min(BLOCK, y1 + 1 - top);
        for (int k = 0; k < height; k++) {
          colourRow(pixels, (top + k) * w + x0, pw, predicted, r * bw, palette);
        }
      }
    }
  }

  /**
   * One pixel row of the plot area: pixel c takes the colour of the prediction of block c / BLOCK
   * (a method per row, so the JIT compiles it after a few rows).
   */
  private static void colourRow(
      int[] pixels, int from, int n, int[] predicted, int first, int[] palette) {
    for (int c = 0; c < n; c++) {
      pixels[from + c] = palette[Math.floorMod(predicted[first + c / BLOCK], palette.length)];
    }
  }

  /** The light colour of a predicted class. */
  static Color regionColor(int label) {
    return Charts.lighter(Charts.classColor(label), REGION_LIGHTEN);
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
