package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveChartTest {
  @TempDir Path dir;

  @Test
  void writesTrainDevAndTheKeptEpoch() throws Exception {
    Path f = dir.resolve("loss.png");
    LearningCurveChart.write(f, "loss", "cross-entropy", new double[] {1, 2, 3, 4},
        new double[] {0.9, 0.6, 0.4, 0.3}, new double[] {0.95, 0.7, Double.NaN, 0.8}, 2);
    BufferedImage img = ImageIO.read(f.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(560, img.getHeight());
    int coloured = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int b = rgb & 0xFF;
        if (b > r + 60) {
          coloured++;
        }
      }
    }
    assertTrue(coloured > 50, "the dev series is drawn in colour: " + coloured);
  }

  @Test
  void refusesNothingToPlot() {
    assertThrows(AugregException.class, () -> LearningCurveChart.write(dir.resolve("x.png"), "t", "y",
        new double[] {1}, new double[] {Double.NaN}, null, 0));
  }

  /**
   * A flat accuracy (0.656 every epoch) on [0, 1]: the axis and the kept-weights line span exactly
   * [0, 1] (before: 0.156 to 1.156); a varying one keeps its own range inside the bounds; a loss
   * (unbounded) still gets half a unit around a flat curve.
   */
  @Test
  void boundedAxisStaysWithinItsRange() throws Exception {
    double[] epochs = {1, 2, 3};
    XYChart flat = LearningCurveChart.chart("a", "accuracy", epochs, new double[] {0.656, 0.656, 0.656},
        null, 3, 0, 1, dir.resolve("a.png"));
    assertEquals(0.0, flat.getStyler().getYAxisMin());
    assertEquals(1.0, flat.getStyler().getYAxisMax());
    assertArrayEquals(new double[] {0, 1}, mark(flat).getYData());
    XYChart perfect = LearningCurveChart.chart("a", "accuracy", epochs, new double[] {1, 1, 1},
        new double[] {1, 1, 1}, 2, 0, 1, dir.resolve("a.png"));
    assertArrayEquals(new double[] {0, 1}, mark(perfect).getYData());
    XYChart varying = LearningCurveChart.chart("a", "accuracy", epochs, new double[] {0.6, 0.8, 0.9},
        new double[] {0.55, 0.7, Double.NaN}, 2, 0, 1, dir.resolve("a.png"));
    assertEquals(0.55, varying.getStyler().getYAxisMin());
    assertEquals(0.9, varying.getStyler().getYAxisMax());
    XYChart loss = LearningCurveChart.chart("l", "loss", epochs, new double[] {0.7, 0.7, 0.7}, null, 3,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, dir.resolve("l.png"));
    assertNull(loss.getStyler().getYAxisMin());
    assertArrayEquals(new double[] {0.2, 1.2}, mark(loss).getYData(), 1e-12);
    // written, with the bounds
    Path f = dir.resolve("accuracy.png");
    LearningCurveChart.write(f, "accuracy", "accuracy", epochs, new double[] {0.656, 0.656, 0.656}, null,
        3, 0, 1);
    assertEquals(900, ImageIO.read(f.toFile()).getWidth());
  }

  private static XYSeries mark(XYChart chart) {
    return chart.getSeriesMap().values().stream().filter(x -> x.getName().startsWith("kept weights"))
        .findFirst().orElseThrow();
  }
}
