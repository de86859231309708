package io.augreg.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart's geometry in SVG user units, computed here so that the template only places
 * elements: axes with ticks, one polyline per series, a dot per point with a hover title, and an
 * optional vertical marker (the best epoch).
 *
 * @param title the chart title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param width total width
 * @param height total height
 * @param left the plot area's left edge
 * @param top its top edge
 * @param right its right edge
 * @param bottom its bottom edge
 * @param xTicks ticks along x
 * @param yTicks ticks along y
 * @param lines the series
 * @param mark the marker's x position, or NaN for none
 * @param markLabel the marker's label
 */
public record SvgChart(
    String title,
    String xLabel,
    String yLabel,
    int width,
    int height,
    double left,
    double top,
    double right,
    double bottom,
    List<Tick> xTicks,
    List<Tick> yTicks,
    List<Line> lines,
    double mark,
    String markLabel) {

  /** Series colors, in order (colour-blind safe). */
  static final List<String> COLORS = List.of("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9");

  /** At most this many dots (hover targets) per series; the polyline keeps every point. */
  static final int MAX_DOTS = 250;

  /** Copies the lists. */
  public SvgChart {
    xTicks = List.copyOf(xTicks);
    yTicks = List.copyOf(yTicks);
    lines = List.copyOf(lines);
  }

  /** Whether a marker is drawn. */
  public boolean marked() {
    return Double.isFinite(mark);
  }

  /**
   * One axis tick.
   *
   * @param pos its position along the axis (SVG units)
   * @param label its text
   */
  public record Tick(double pos, String label) {}

  /**
   * One series.
   *
   * @param name its legend text
   * @param color its stroke
   * @param dashed dashed stroke (a hold-out set's curve)
   * @param points the polyline's {@code points} attribute
   * @param dots hover targets
   */
  public record Line(String name, String color, boolean dashed, String points, List<Dot> dots) {
    /** Copies the list. */
    public Line {
      dots = List.copyOf(dots);
    }
  }

  /**
   * One hover target.
   *
   * @param x position
   * @param y position
   * @param tip the hover text, e.g. {@code "epoch 3: train 0.4123"}
   */
  public record Dot(double x, double y, String tip) {}

  /**
   * One series' data.
   *
   * @param name the legend text
   * @param x x values
   * @param y y values (non-finite values are left out)
   * @param dashed dashed stroke
   */
  public record Series(String name, double[] x, double[] y, boolean dashed) {}

  /**
   * Lays out a chart.
   *
   * @param title the title
   * @param xLabel the x axis label (also the hover text's x name)
   * @param yLabel the y axis label
   * @param series the series (those without a finite point are left out)
   * @param yMin the lower y limit, or NaN to fit the data
   * @param yMax the upper y limit, or NaN to fit the data
   * @param mark an x value to mark with a vertical line, or NaN
   * @param markLabel the marker's label
   * @return the chart
   */
  public static SvgChart of(String title, String xLabel, String yLabel, List<Series> series,
      double yMin, double yMax, double mark, String markLabel) {
    int width = 480;
    int height = 300;
    double l = 60;
    double t = 28;
    double r = width - 16;
    double b = height - 44;
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i]) && Double.isFinite(s.x()[i])) {
          x0 = Math.min(x0, s.x()[i]);
          x1 = Math.max(x1, s.x()[i]);
          y0 = Math.min(y0, s.y()[i]);
          y1 = Math.max(y1, s.y()[i]);
        }
      }
    }
    if (!Double.isFinite(x0)) {
      x0 = 0;
      x1 = 1;
      y0 = 0;
      y1 = 1;
    }
    if (Double.isFinite(yMin)) {
      y0 = yMin;
    }
    if (Double.isFinite(yMax)) {
      y1 = yMax;
    }
    if (x1 <= x0) {
      x1 = x0 + 1;
    }
    if (y1 <= y0) {
      double pad = y0 == 0 ? 1 : Math.abs(y0) * 0.1;
      y0 -= pad;
      y1 += pad;
    }
    boolean wholeX = true; // epochs and iterations: ticks on whole numbers only
    for (Series s : series) {
      for (double v : s.x()) {
        wholeX &= v == Math.rint(v);
      }
    }
    Scale sx = new Scale(x0, x1, l, r, wholeX);
    Scale sy = new Scale(y0, y1, b, t, false);
    List<Line> lines = new ArrayList<>();
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      List<Dot> dots = new ArrayList<>();
      int finite = 0;
      for (int i = 0; i < s.x().length; i++) {
        finite += Double.isFinite(s.y()[i]) ? 1 : 0;
      }
      if (finite == 0) {
        continue;
      }
      int stride = (finite + MAX_DOTS - 1) / MAX_DOTS;
      int seen = 0;
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (!Double.isFinite(y)) {
          continue;
        }
        double px = sx.at(s.x()[i]);
        double py = sy.at(y);
        points.append(Format.fixed(px, 1)).append(',').append(Format.fixed(py, 1)).append(' ');
        if (seen % stride == 0 || seen == finite - 1) {
          dots.add(new Dot(round(px), round(py),
              xLabel + " " + label(s.x()[i]) + ": " + s.name() + " " + Format.number(y)));
        }
        seen++;
      }
      lines.add(new Line(s.name(), COLORS.get(lines.size() % COLORS.size()), s.dashed(),
          points.toString().trim(), dots));
    }
    return new SvgChart(title, xLabel, yLabel, width, height, l, t, r, b, sx.ticks(), sy.ticks(),
        lines, Double.isFinite(mark) && mark >= x0 && mark <= x1 ? round(sx.at(mark)) : Double.NaN,
        markLabel);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String label(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Format.number(v);
  }

  /** A linear map from data to SVG units, with about five round ticks. */
  private record Scale(double lo, double hi, double from, double to, boolean whole) {
    double at(double v) {
      return from + (v - lo) / (hi - lo) * (to - from);
    }

    List<Tick> ticks() {
      double raw = (hi - lo) / 5;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      // the smallest of 1, 2, 5, 10 × mag that leaves at most about six ticks
      double f = raw / mag;
      double step = mag * (f > 5 ? 10 : f > 2 ? 5 : f > 1 ? 2 : 1);
      if (whole) {
        step = Math.max(1, step);
      }
      List<Tick> out = new ArrayList<>();
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
      for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        out.add(new Tick(round(at(v)), String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0)));
      }
      return out;
    }
  }
}
