package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ValidationCurveChartTest {
  @TempDir Path tmp;

  private static List<ValidationCurveChart.Series> series(double... dev) {
    return List.of(new ValidationCurveChart.Series("train", new double[] {0.1, 0.2, 0.3}, new double[] {0, 0.01, 0.02}),
        new ValidationCurveChart.Series("dev", dev, new double[] {0.01, Double.NaN, 0.01}));
  }

  @Test
  void numericValuesKeepTheirXAndSkipNonFiniteMeans() {
    XYChart c = ValidationCurveChart.chart("t", "l2", new double[] {0, 0.5, 1}, null, false,
        series(0.3, Double.NaN, 0.2), tmp.resolve("v.png"));
    assertEquals(3, c.getSeriesMap().get("train").getXData().length);
    assertEquals(2, c.getSeriesMap().get("dev").getXData().length);
    assertEquals(1.0, c.getSeriesMap().get("dev").getXData()[1]);
    assertEquals(0.02, c.getSeriesMap().get("train").getExtraValues()[2]);
  }

  @Test
  void categoriesAreDrawnAtOneTwoThreeAndNamedInTheAxisTitle() throws Exception {
    Path f = tmp.resolve("a.png");
    ValidationCurveChart.write(f, "t", "augment", null, List.of("light.txt", "strong.txt", "none"),
        false, series(0.3, 0.25, 0.2));
    assertTrue(java.nio.file.Files.size(f) > 1000);
    XYChart c = ValidationCurveChart.chart("t", "augment", null, List.of("a", "b", "c"), false,
        series(0.3, 0.25, 0.2), f);
    assertEquals("augment: 1 = a, 2 = b, 3 = c", c.getXAxisTitle());
    assertEquals(3.0, c.getSeriesMap().get("dev").getXData()[2]);
  }

  @Test
  void nothingFiniteIsAnError() {
    double[] nan = {Double.NaN, Double.NaN, Double.NaN};
    assertThrows(AugregException.class, () -> ValidationCurveChart.chart("t", "l2", new double[] {1, 2, 3},
        null, false, List.of(new ValidationCurveChart.Series("dev", nan, nan)), tmp.resolve("n.png")));
  }
}
