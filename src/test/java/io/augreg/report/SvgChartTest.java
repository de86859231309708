package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {
  @Test
  void mapsTheDataRangeOntoThePlotArea() {
    SvgChart c = SvgChart.of("t", "epoch", "loss", List.of(
        new SvgChart.Series("train", new double[] {1, 5, 10}, new double[] {2, Double.NaN, 1}, false)),
        Double.NaN, Double.NaN, 5, "best");
    SvgChart.Line l = c.lines().get(0);
    // (1, 2) is the top-left corner, (10, 1) the bottom-right; the NaN point is left out
    assertEquals(c.left() + "," + c.top() + " " + c.right() + "," + c.bottom(), l.points());
    assertEquals(2, l.dots().size());
    assertEquals("epoch 1: train 2.0000", l.dots().get(0).tip());
    assertEquals("epoch 10: train 1.0000", l.dots().get(1).tip());
    assertTrue(c.marked());
    assertEquals(c.left() + (c.right() - c.left()) * 4 / 9, c.mark(), 0.05);
    assertEquals(List.of("1.0", "1.2", "1.4", "1.6", "1.8", "2.0"),
        c.yTicks().stream().map(SvgChart.Tick::label).toList());
    assertEquals(List.of("2", "4", "6", "8", "10"),
        c.xTicks().stream().map(SvgChart.Tick::label).toList());
  }

  @Test
  void epochsTickOnWholeNumbers() {
    SvgChart c = SvgChart.of("t", "epoch", "loss", List.of(
        new SvgChart.Series("train", new double[] {1, 2, 3}, new double[] {3, 2, 1}, false)),
        Double.NaN, Double.NaN, Double.NaN, "");
    assertEquals(List.of("1", "2", "3"), c.xTicks().stream().map(SvgChart.Tick::label).toList());
    assertEquals(List.of(c.left(), (c.left() + c.right()) / 2, c.right()),
        c.xTicks().stream().map(SvgChart.Tick::pos).toList());
  }

  @Test
  void fixedLimitsHoverCapAndEmptySeries() {
    int n = 10_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
      y[i] = 0.5;
    }
    SvgChart c = SvgChart.of("t", "iteration", "accuracy", List.of(
        new SvgChart.Series("train", x, y, false),
        new SvgChart.Series("dev", x, new double[n], true)), 0, 1, Double.NaN, "");
    assertEquals(2, c.lines().size());
    assertTrue(c.lines().get(0).dots().size() <= SvgChart.MAX_DOTS + 1, "" + c.lines().get(0).dots().size());
    assertEquals("iteration 10000: train 0.5000", c.lines().get(0).dots().get(c.lines().get(0).dots().size() - 1).tip());
    assertEquals("0.0", c.yTicks().get(0).label());
    assertEquals("1.0", c.yTicks().get(c.yTicks().size() - 1).label());
    assertFalse(c.marked());
    double[] nan = {Double.NaN, Double.NaN};
    SvgChart none = SvgChart.of("t", "x", "y", List.of(new SvgChart.Series("dev", new double[] {1, 2}, nan, true)),
        Double.NaN, Double.NaN, Double.NaN, "");
    assertEquals(List.of(), none.lines());
  }
}
