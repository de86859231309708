package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCurveChartTest {
  @TempDir Path dir;

  private static CostCurveChart.Curve decay(String name, double rate, double floor) {
    double[] it = new double[301];
    double[] cost = new double[301];
    for (int i = 0; i <= 300; i++) {
      it[i] = i * 100;
      cost[i] = floor + 0.6 * Math.exp(-rate * i);
    }
    cost[10] = Double.NaN; // skipped, not fatal
    return new CostCurveChart.Curve(name, it, cost);
  }

  @Test
  void writesADecodablePngWithTheCurves() throws IOException {
    Path png = dir.resolve("cost.png");
    CostCurveChart.write(
        png,
        "cost",
        "iteration",
        List.of(decay("none", 0.05, 0.1), decay("L2", 0.03, 0.2), decay("dropout", 0.02, 0.25)));
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img);
    assertEquals(900, img.getWidth());
    assertEquals(560, img.getHeight());
    assertTrue(Files.size(png) > 10_000, "size " + Files.size(png));
    // The curve colours are present.
    int lineColor = Charts.SERIES_COLORS[1].getRGB() & 0xFFFFFF;
    int hits = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        hits += (img.getRGB(x, y) & 0xFFFFFF) == lineColor ? 1 : 0;
      }
    }
    assertTrue(hits > 200, "pixels of the second curve: " + hits);
  }

  /**
   * Huge, flat and nearly flat cost ranges (a run with λ = 1e20 or 1e100) used to loop for ever in
   * the tick labels; each chart now draws at once.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void hugeAndFlatCostRangesDrawAtOnce() throws IOException {
    double[][] costs = {
      {1e20, 1e20}, {5.5e98}, {0.7, 5.5e98}, {0, Double.MAX_VALUE}, {Double.MAX_VALUE},
      {1, 1 + 1e-15}, {4.9e-324, 1e-323}, {1e20, Double.POSITIVE_INFINITY, 2e20}
    };
    for (int c = 0; c < costs.length; c++) {
      double[] it = new double[costs[c].length];
      for (int i = 0; i < it.length; i++) {
        it[i] = i * 100;
      }
      Path png = dir.resolve("cost" + c + ".png");
      CostCurveChart.write(png, "cost", "iteration", List.of(new CostCurveChart.Curve("L2", it, costs[c])));
      BufferedImage img = ImageIO.read(png.toFile());
      assertEquals(900, img.getWidth(), java.util.Arrays.toString(costs[c]));
    }
  }

  @Test
  void allNanCurvesAreAnError() {
    double[] nan = {Double.NaN, Double.NaN};
    assertThrows(
        AugregException.class,
        () ->
            CostCurveChart.write(
                dir.resolve("c.png"),
                "t",
                "iteration",
                List.of(new CostCurveChart.Curve("x", new double[] {0, 1}, nan))));
  }
}
