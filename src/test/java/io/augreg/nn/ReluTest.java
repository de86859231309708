package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReluTest {

  @Test
  void forwardAndBackward() {
    Relu r = new Relu(Shape.flat(3));
    assertArrayEquals(new double[] {0, 2, 0}, r.forward(new double[] {-1, 2, -0.5}, 1, Pass.INFERENCE));
    assertArrayEquals(new double[] {0, 5, 0}, r.backward(new double[] {4, 5, 6}, 1));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Relu r = new Relu(new Shape(3, 3, 2));
    double[] x = LayerCheck.random(2 * 18, 5, 1);
    assertTrue(LayerCheck.relativeError(r, x, 2, Pass.INFERENCE, true) < 1e-7);
  }

  @Test
  void floatGatePassesTheGradientWhereTheOutputIsPositive() {
    assertTrue(Relu.gate(3f, 0.5f) == 3f);
    assertTrue(Float.floatToRawIntBits(Relu.gate(3f, 0f)) == 0, "+0.0 where y = 0");
    assertTrue(Float.floatToRawIntBits(Relu.gate(-3f, 0f)) == 0, "+0.0, not -0.0");
    assertTrue(Relu.gate(-2f, Float.MIN_VALUE) == -2f, "the smallest positive y passes");
  }
}
