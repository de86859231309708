package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
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
}
