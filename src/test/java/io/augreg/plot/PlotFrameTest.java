package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotFrameTest {
  @Test
  void ticksAreRoundStepsInsideTheRange() {
    PlotFrame.Ticks t = PlotFrame.Ticks.of(-0.68, 0.63, 6);
    assertEquals(0.2, t.step, 1e-12);
    assertArrayEquals(new double[] {-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6}, t.values, 1e-12);
    assertEquals("-0.6", t.label(t.values[0]));
    assertEquals("0.0", t.label(t.values[3]));
    assertEquals("0.4", t.label(t.values[5]));

    PlotFrame.Ticks big = PlotFrame.Ticks.of(0, 30, 10);
    assertEquals(2.0, big.step, 1e-12); // 30 / 10 = 3 rounds to 2
    assertEquals(16, big.values.length);
    assertEquals("30", big.label(30));
    PlotFrame.Ticks small = PlotFrame.Ticks.of(0.05, 0.72, 6);
    assertEquals(0.1, small.step, 1e-12);
    assertEquals("0.1", small.label(small.values[0]));
    assertEquals("-0.05", PlotFrame.Ticks.of(-0.06, 0.06, 5).label(-0.05));
  }

  @Test
  @org.junit.jupiter.api.Timeout(5)
  void extremeRangesGetFewReadableTicks() {
    double[][] ranges = {
      {1e20, 1e20}, {-Double.MAX_VALUE, Double.MAX_VALUE}, {0, Double.POSITIVE_INFINITY},
      {Double.NaN, 1}, {1, 1 + 1e-15}, {0, 0}, {4.9e-324, 4.9e-324}, {-1e300, -1e300}
    };
    for (double[] r : ranges) {
      double[] d = PlotFrame.drawable(r[0], r[1]);
      String what = java.util.Arrays.toString(r) + " -> " + java.util.Arrays.toString(d);
      assertTrue(Double.isFinite(d[1] - d[0]) && d[1] > d[0], what);
      PlotFrame.Ticks t = PlotFrame.Ticks.of(d[0], d[1], 8);
      assertTrue(t.values.length >= 2 && t.values.length <= 34, what + ": " + t.values.length);
      for (double v : t.values) {
        assertTrue(t.label(v).length() <= 24, what + ": " + t.label(v));
      }
    }
    // a flat cost of 1e20 is labelled in scientific notation, not as a wrapped-around long
    PlotFrame.Ticks flat = PlotFrame.Ticks.of(0.95e20, 1.05e20, 5);
    assertEquals("1.0e+20", flat.label(1e20));
    // an ordinary range keeps its plain labels
    double[] plain = PlotFrame.drawable(0, 1);
    assertArrayEquals(new double[] {0, 1}, plain, 0);
  }

  @Test
  void pixelsAndDataMapBothWays() {
    BufferedImage image = PlotFrame.whiteImage(400, 300);
    Graphics2D g = PlotFrame.graphics(image);
    PlotFrame f =
        new PlotFrame(
            g, 400, 300, "t", "x", "y", new double[] {-1, 1}, new double[] {0, 10}, List.of(),
            PlotFrame.LegendPlace.BELOW);
    g.dispose();
    assertTrue(f.plotX > 0 && f.plotX + f.plotW < 400, "plot columns " + f.plotX + "+" + f.plotW);
    assertTrue(f.plotY > 0 && f.plotY + f.plotH < 300, "plot rows " + f.plotY + "+" + f.plotH);
    assertEquals(f.plotX, f.px(-1), 1e-9);
    assertEquals(f.plotX + f.plotW, f.px(1), 1e-9);
    assertEquals(f.plotY + f.plotH, f.py(0), 1e-9);
    assertEquals(f.plotY, f.py(10), 1e-9);
    // the centre of a pixel maps back into that pixel
    int col = f.plotX + 17;
    int row = f.plotY + 23;
    assertEquals(col, (int) Math.floor(f.px(f.dataX(col))));
    assertEquals(row, (int) Math.floor(f.py(f.dataY(row))));
  }

  @Test
  void decorationsDrawTitleBorderAndLegend() {
    BufferedImage image = PlotFrame.whiteImage(500, 400);
    Graphics2D g = PlotFrame.graphics(image);
    PlotFrame f =
        new PlotFrame(
            g, 500, 400, "A title", "x1", "x2", new double[] {0, 1}, new double[] {0, 1},
            List.of(new PlotFrame.Entry("red line", PlotFrame.lineSample(Color.RED, 2f))),
            PlotFrame.LegendPlace.INSIDE_TOP_RIGHT);
    f.drawDecorations(g);
    g.dispose();
    // dark text pixels in the title band above the plot
    int dark = 0;
    for (int y = 0; y < f.plotY - 2; y++) {
      for (int x = 0; x < 500; x++) {
        if ((image.getRGB(x, y) & 0xFF) < 0x80) {
          dark++;
        }
      }
    }
    assertTrue(dark > 20, "title pixels " + dark);
    // the border just outside the plot area is grey
    assertEquals(
        PlotFrame.BORDER.getRGB(), image.getRGB(f.plotX + f.plotW / 3, f.plotY - 1));
    // the legend's red sample inside the plot's top-right corner
    int red = 0;
    for (int y = f.plotY; y < f.plotY + 60; y++) {
      for (int x = f.plotX + f.plotW / 2; x < f.plotX + f.plotW; x++) {
        int p = image.getRGB(x, y);
        if (((p >> 16) & 0xFF) > 200 && (p & 0xFF) < 80) {
          red++;
        }
      }
    }
    assertTrue(red > 10, "legend sample pixels " + red);
  }
}
