package io.augreg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The frame of a 2-D chart drawn with plain Java2D: title, plot area, axes with "nice" ticks and
 * labels, axis titles and a legend, in the house style of {@link Charts}.
 *
 * <p>Why not XChart: a chart library lays out and paints through general machinery (text
 * layouts, anti-aliased shapes for every rectangle and tick) that a short-lived command runs
 * mostly in the bytecode interpreter, about a second of CPU for a handful of charts. Here the
 * layout is arithmetic, rectangles and ticks are exact pixel fills, text is drawn from the
 * font's glyph cache and only curves and markers are anti-aliased.
 */
final class PlotFrame {
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color BORDER = new Color(0x88, 0x88, 0x88);
  static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
  static final Color LEGEND_BORDER = new Color(0xCC, 0xCC, 0xCC);

  /** Where the legend goes. */
  enum LegendPlace {
    /** Below the plot, entries side by side, centred. */
    BELOW,
    /** Inside the plot's top-right corner, entries one per line. */
    INSIDE_TOP_RIGHT
  }

  /**
   * One legend entry: a sample drawn by {@code sample} in a box of {@code SAMPLE_WIDTH} × the
   * line height, then the name.
   */
  record Entry(String name, Sample sample) {}

  /** Draws a legend entry's sample centred at (cx, cy). */
  interface Sample {
    /**
     * @param g graphics
     * @param cx centre x
     * @param cy centre y
     */
    void draw(Graphics2D g, int cx, int cy);
  }

  /** Width of a legend sample. */
  static final int SAMPLE_WIDTH = 22;

  private static final int PAD = 10;
  private static final int TICK = 5;
  private static final int GAP = 4;

  final int width;
  final int height;
  /** Plot area: first pixel column/row and size. */
  final int plotX;

  final int plotY;
  final int plotW;
  final int plotH;
  private final double xMin;
  private final double xMax;
  private final double yMin;
  private final double yMax;
  private final Ticks xTicks;
  private final Ticks yTicks;
  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final List<Entry> legend;
  private final LegendPlace legendPlace;

  /**
   * Lays the chart out.
   *
   * @param g graphics of the target image (for font metrics)
   * @param width image width
   * @param height image height
   * @param title chart title
   * @param xTitle x axis title
   * @param yTitle y axis title
   * @param x data range {min, max} shown on the x axis
   * @param y data range {min, max} shown on the y axis
   * @param legend entries in order (may be empty)
   * @param legendPlace where the legend goes
   */
  PlotFrame(
      Graphics2D g,
      int width,
      int height,
      String title,
      String xTitle,
      String yTitle,
      double[] x,
      double[] y,
      List<Entry> legend,
      LegendPlace legendPlace) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
    this.legend = List.copyOf(legend);
    this.legendPlace = legendPlace;
    double[] xs = drawable(x[0], x[1]);
    double[] ys = drawable(y[0], y[1]);
    this.xMin = xs[0];
    this.xMax = xs[1];
    this.yMin = ys[0];
    this.yMax = ys[1];
    FontMetrics tf = g.getFontMetrics(TITLE_FONT);
    FontMetrics af = g.getFontMetrics(AXIS_TITLE_FONT);
    FontMetrics kf = g.getFontMetrics(TICK_FONT);
    FontMetrics lf = g.getFontMetrics(LEGEND_FONT);
    int top = PAD + tf.getHeight() + PAD;
    int bottom = PAD + af.getHeight() + GAP + kf.getHeight() + TICK;
    if (legendPlace == LegendPlace.BELOW && !legend.isEmpty()) {
      bottom += PAD + lf.getHeight() + 2 * GAP;
    }
    int plotHeight = height - top - bottom;
    yTicks = Ticks.of(yMin, yMax, Math.max(2, plotHeight / 50));
    int labelWidth = 0;
    for (double v : yTicks.values) {
      labelWidth = Math.max(labelWidth, kf.stringWidth(yTicks.label(v)));
    }
    int left = PAD + af.getHeight() + GAP + labelWidth + GAP + TICK;
    int right = PAD + kf.stringWidth("0.00") / 2;
    plotX = left;
    plotY = top;
    plotW = width - left - right;
    plotH = plotHeight;
    xTicks = Ticks.of(xMin, xMax, Math.max(2, plotW / 80));
  }

  /** Largest magnitude a range end may have, so that max − min stays finite. */
  private static final double LIMIT = Double.MAX_VALUE / 4;

  /** Farthest a pixel coordinate may lie outside the image (keeps the renderer's work small). */
  private static final double FAR = 1e6;

  /**
   * A range the axes can be drawn for, from any {@code {min, max}}: ends clamped to ±{@link
   * #LIMIT} (so the span is finite), NaN read as the unit range, and an empty or too narrow range
   * (a span below 10⁻⁹ of its magnitude, where doubles can no longer tell the ticks apart)
   * widened around its centre by 5 % of the magnitude, or by 0.5 near zero.
   */
  static double[] drawable(double min, double max) {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      return new double[] {0, 1};
    }
    double lo = Math.max(-LIMIT, Math.min(LIMIT, Math.min(min, max)));
    double hi = Math.max(-LIMIT, Math.min(LIMIT, Math.max(min, max)));
    double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
    if (hi - lo > magnitude * 1e-9) {
      return new double[] {lo, hi};
    }
    double centre = lo / 2 + hi / 2;
    double half = Math.abs(centre) >= 10 ? Math.abs(centre) * 0.05 : 0.5;
    return new double[] {centre - half, centre + half};
  }

  /** Pixel column of data x (may lie outside the plot, by at most {@link #FAR}). */
  double px(double x) {
    return clampPixel(plotX + (x - xMin) / (xMax - xMin) * plotW);
  }

  /** Pixel row of data y (may lie outside the plot, by at most {@link #FAR}). */
  double py(double y) {
    return clampPixel(plotY + plotH - (y - yMin) / (yMax - yMin) * plotH);
  }

  private static double clampPixel(double p) {
    return Math.max(-FAR, Math.min(FAR, p));
  }

  /** Data x at the centre of pixel column {@code col}. */
  double dataX(int col) {
    return xMin + (col + 0.5 - plotX) / plotW * (xMax - xMin);
  }

  /** Data y at the centre of pixel row {@code row}. */
  double dataY(int row) {
    return yMin + (plotY + plotH - row - 0.5) / plotH * (yMax - yMin);
  }

  /**
   * A white image of the chart's size (filled by Java2D's native fill: an {@code Arrays.fill} of
   * the half a million pixels ran in the interpreter).
   */
  static BufferedImage whiteImage(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Graphics of {@code image} with anti-aliased text (shapes stay aliased unless asked). */
  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }

  /** Light grid lines at the ticks, inside the plot. */
  void drawGrid(Graphics2D g) {
    g.setColor(GRID);
    for (double v : xTicks.values) {
      g.fillRect((int) Math.round(px(v)), plotY, 1, plotH);
    }
    for (double v : yTicks.values) {
      g.fillRect(plotX, (int) Math.round(py(v)), plotW, 1);
    }
  }

  /** Border, ticks and their labels, axis titles, chart title and legend. */
  void drawDecorations(Graphics2D g) {
    g.setColor(BORDER);
    g.drawRect(plotX - 1, plotY - 1, plotW + 1, plotH + 1);
    FontMetrics kf = g.getFontMetrics(TICK_FONT);
    g.setFont(TICK_FONT);
    int bottom = plotY + plotH;
    for (double v : xTicks.values) {
      int c = (int) Math.round(px(v));
      g.setColor(BORDER);
      g.fillRect(c, bottom, 1, TICK);
      String s = xTicks.label(v);
      g.setColor(TEXT);
      g.drawString(s, c - kf.stringWidth(s) / 2, bottom + TICK + kf.getAscent());
    }
    for (double v : yTicks.values) {
      int r = (int) Math.round(py(v));
      g.setColor(BORDER);
      g.fillRect(plotX - 1 - TICK, r, TICK, 1);
      String s = yTicks.label(v);
      g.setColor(TEXT);
      g.drawString(
          s, plotX - 1 - TICK - GAP - kf.stringWidth(s), r + kf.getAscent() / 2 - 1);
    }
    FontMetrics af = g.getFontMetrics(AXIS_TITLE_FONT);
    g.setFont(AXIS_TITLE_FONT);
    int xTitleBase = bottom + TICK + kf.getHeight() + GAP + af.getAscent();
    g.drawString(xTitle, plotX + (plotW - af.stringWidth(xTitle)) / 2, xTitleBase);
    AffineTransform saved = g.getTransform();
    g.translate(PAD + af.getAscent(), plotY + (plotH + af.stringWidth(yTitle)) / 2.0);
    g.rotate(-Math.PI / 2);
    g.drawString(yTitle, 0, 0);
    g.setTransform(saved);
    FontMetrics tf = g.getFontMetrics(TITLE_FONT);
    g.setFont(TITLE_FONT);
    g.drawString(title, (width - tf.stringWidth(title)) / 2, PAD + tf.getAscent());
    if (!legend.isEmpty()) {
      drawLegend(g, xTitleBase + af.getDescent());
    }
  }

  private void drawLegend(Graphics2D g, int belowTop) {
    FontMetrics lf = g.getFontMetrics(LEGEND_FONT);
    g.setFont(LEGEND_FONT);
    int line = lf.getHeight() + GAP;
    int[] widths = new int[legend.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = SAMPLE_WIDTH + GAP + lf.stringWidth(legend.get(i).name());
    }
    int boxW;
    int boxH;
    int boxX;
    int boxY;
    if (legendPlace == LegendPlace.BELOW) {
      int sum = 0;
      for (int w : widths) {
        sum += w;
      }
      boxW = sum + 2 * PAD * widths.length;
      boxH = line + GAP;
      boxX = (width - boxW) / 2;
      boxY = belowTop + PAD;
    } else {
      int max = 0;
      for (int w : widths) {
        max = Math.max(max, w);
      }
      boxW = max + 2 * PAD;
      boxH = line * widths.length + GAP;
      boxX = plotX + plotW - PAD - boxW;
      boxY = plotY + PAD;
    }
    g.setColor(Color.WHITE);
    g.fillRect(boxX, boxY, boxW, boxH);
    g.setColor(LEGEND_BORDER);
    g.drawRect(boxX, boxY, boxW, boxH);
    int x = boxX + PAD;
    int y = boxY + GAP / 2;
    for (int i = 0; i < widths.length; i++) {
      Entry e = legend.get(i);
      int cy = y + line / 2;
      e.sample().draw(g, x + SAMPLE_WIDTH / 2, cy);
      g.setColor(TEXT);
      g.drawString(e.name(), x + SAMPLE_WIDTH + GAP, cy + lf.getAscent() / 2 - 1);
      if (legendPlace == LegendPlace.BELOW) {
        x += widths[i] + 2 * PAD;
      } else {
        y += line;
      }
    }
  }

  /** A legend sample: a short horizontal line of the given colour and width. */
  static Sample lineSample(Color color, float lineWidth) {
    return (g, cx, cy) -> {
      Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(color);
      g.setStroke(new BasicStroke(lineWidth));
      g.drawLine(cx - SAMPLE_WIDTH / 2 + 2, cy, cx + SAMPLE_WIDTH / 2 - 2, cy);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    };
  }

  /**
   * Round tick values covering a range: a step of 1, 2 or 5 × 10^k giving about {@code target}
   * ticks, and labels with as many decimals as the step needs; ticks too large or too fine for
   * that ({@code |v| ≥ 10^12} or more than {@link #MAX_DECIMALS} decimals) are labelled in
   * scientific notation instead, e.g. {@code 1.5e+20}.
   */
  static final class Ticks {
    final double[] values;
    final double step;
    private final int decimals;

    private Ticks(double[] values, double step, int decimals) {
      this.values = values;
      this.step = step;
      this.decimals = decimals;
    }

    /**
     * @param min range start
     * @param max range end (&gt; min)
     * @param target about how many ticks
     * @return the ticks inside [min, max]
     */
    static Ticks of(double min, double max, int target) {
      // min/target − max/target cannot overflow where max − min could
      double raw = max / target - min / target;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double m = raw / magnitude;
      double step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * magnitude;
      int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
      long first = (long) Math.ceil(min / step - 1e-9);
      long last = (long) Math.floor(max / step + 1e-9);
      // a range the caller did not make drawable (see PlotFrame.drawable) gets no ticks
      long count = raw > 0 && Double.isFinite(raw) ? last - first + 1 : 0;
      double[] values = new double[(int) Math.max(0, Math.min(count, 4L * target + 2))];
      for (int i = 0; i < values.length; i++) {
        values[i] = (first + i) * step;
      }
      return new Ticks(values, step, decimals);
    }

    /** Most decimals a plain label gets; finer steps are labelled in scientific notation. */
    static final int MAX_DECIMALS = 9;

    /** The label of tick value {@code v}, e.g. {@code -0.25 → "-0.3"} for a step of 0.1. */
    String label(double v) {
      if (decimals > MAX_DECIMALS || Math.abs(v) >= 1e12 || !Double.isFinite(v)) {
        return scientific(v);
      }
      long scale = 1;
      for (int i = 0; i < decimals; i++) {
        scale *= 10;
      }
      long n = Math.round(v * scale);
      String digits = Long.toString(Math.abs(n));
      if (decimals > 0) {
        while (digits.length() <= decimals) {
          digits = "0" + digits;
        }
        int point = digits.length() - decimals;
        digits = digits.substring(0, point) + "." + digits.substring(point);
      }
      return n < 0 ? "-" + digits : digits;
    }

    /**
     * {@code v} with as many significant digits as tell ticks {@link #step} apart (at most 15),
     * e.g. {@code 1.5e+20}.
     */
    private String scientific(double v) {
      double ratio = Math.abs(v) / step;
      int digits = ratio >= 1 && Double.isFinite(ratio) ? (int) Math.ceil(Math.log10(ratio + 1)) : 1;
      digits = Math.max(1, Math.min(15, digits));
      return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
    }
  }
}
