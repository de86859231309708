package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveComparisonChartTest {
  @TempDir Path tmp;

  @Test
  void writesAPngAndSkipsNonFinitePoints() throws Exception {
    Path f = tmp.resolve("c.png");
    double[] x = {1, 2, 3};
    CurveComparisonChart.write(f, "t", "epoch", "accuracy", List.of(
        new CurveComparisonChart.Curve("train, no aug", x, new double[] {0.5, 0.7, 0.9}, 0),
        new CurveComparisonChart.Curve("test, no aug", x, new double[] {0.5, Double.NaN, 0.6}, 0),
        new CurveComparisonChart.Curve("test, aug", x, new double[] {0.5, 0.7, 0.8}, 1)));
    BufferedImage img = ImageIO.read(f.toFile());
    assertEquals(900, img.getWidth());
    assertEquals(560, img.getHeight());
  }

  @Test
  void refusesAChartWithoutFiniteValues() {
    assertThrows(AugregException.class, () -> CurveComparisonChart.write(tmp.resolve("x.png"), "t",
        "epoch", "y", List.of(new CurveComparisonChart.Curve("a", new double[] {1}, new double[] {Double.NaN}, 0))));
  }
}
