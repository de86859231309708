package io.augreg.nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.nn.linalg.JavaGemm;
import org.junit.jupiter.api.Test;

class DenseTest {

  @Test
  void forwardIsXTimesWPlusB() {
    Dense d = new Dense(Shape.flat(2), 2, new double[] {1, 2, 3, 4}, new double[] {10, 20}, true,
        new JavaGemm());
    double[] y = d.forward(new double[] {1, 1, 2, 0}, 2, Pass.INFERENCE);
    assertEquals(14, y[0]);
    assertEquals(26, y[1]);
    assertEquals(12, y[2]);
    assertEquals(24, y[3]);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Shape in = new Shape(2, 2, 3);
    Dense d = new Dense(in, 5, LayerCheck.random(60, 1, 0.5), LayerCheck.random(5, 2, 0.5), true,
        new JavaGemm());
    double[] x = LayerCheck.random(4 * 12, 3, 1);
    double err = LayerCheck.relativeError(d, x, 4, Pass.INFERENCE, true);
    assertTrue(err < 1e-7, "relative error " + err);
  }
}
