package io.augreg.plot;

import io.augreg.core.AugregException;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** What the charts of this package share: the house style and writing a PNG safely. */
final class Charts {
  /** Class colours in label order (0 red, 1 blue as in the lesson's Spectral figures, then more). */
  static final Color[] CLASS_COLORS = {
    new Color(0xD7, 0x30, 0x27),
    new Color(0x1F, 0x5F, 0xB4),
    new Color(0x1A, 0x98, 0x50),
    new Color(0xF4, 0xA5, 0x1C),
    new Color(0x76, 0x2A, 0x83),
    new Color(0x40, 0x40, 0x40),
  };

  /** Line colours for curves (one per run). */
  static final Color[] SERIES_COLORS = {
    new Color(0x33, 0x33, 0x33),
    new Color(0x1F, 0x77, 0xB4),
    new Color(0xD6, 0x27, 0x28),
    new Color(0x2C, 0xA0, 0x2C),
    new Color(0x94, 0x67, 0xBD),
    new Color(0xFF, 0x7F, 0x0E),
  };

  private Charts() {}

  /** The colour of class {@code label} (cycling for many classes). */
  static Color classColor(int label) {
    return CLASS_COLORS[Math.floorMod(label, CLASS_COLORS.length)];
  }

  /**
   * Styles curve number {@code index} as a 2-pixel line and markers in its series colour (cycling
   * through {@link #SERIES_COLORS}).
   */
  static void seriesLine(XYSeries xy, int index) {
    Color c = SERIES_COLORS[index % SERIES_COLORS.length];
    xy.setLineColor(c);
    xy.setMarkerColor(c);
    xy.setLineWidth(2f);
  }

  /** {@code c} mixed with white: {@code amount} 0 keeps it, 1 gives white. */
  static Color lighter(Color c, double amount) {
    return new Color(
        (int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
        (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
        (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
  }

  /** Applies the house style: white background, light grid, readable fonts. */
  static void style(XYChart chart) {
    XYStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x88, 0x88, 0x88));
    s.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setAntiAlias(true);
  }

  /**
   * Writes {@code chart} as a PNG: to a temporary name in the same folder first, then renamed.
   *
   * @throws AugregException if the file cannot be written
   */
  static void savePng(XYChart chart, Path file) {
    savePng(BitmapEncoder.getBufferedImage(chart), file);
  }

  /**
   * Writes {@code image} as a PNG: to a temporary name in the same folder first, then renamed.
   *
   * @throws AugregException if the file cannot be written
   */
  static void savePng(java.awt.image.BufferedImage image, Path file) {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      writePng(image, tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // report the original problem
      }
      throw new AugregException(file + ": cannot write chart (" + e.getMessage() + ")", e);
    }
  }

  private static void writePng(java.awt.image.BufferedImage image, Path file) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      PngWriter.write(image, out);
    }
  }

  /** Makes AWT work without a display (must run before the first chart is built). */
  static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
