package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ActivationTest {
  private static final double[] Z = {-800, -2, -1e-300, 0, 4.9e-324, 0.5, 3, 800};

  @Test
  void forwardValuesAndSaturation() {
    double[] a = new double[Z.length];
    Activation.RELU.forward(Z, a, Z.length);
    assertArrayEquals(new double[] {0, 0, 0, 0, 4.9e-324, 0.5, 3, 800}, a, 0.0);
    Activation.SIGMOID.forward(Z, a, Z.length);
    assertEquals(0.0, a[0]);
    assertEquals(1.0, a[7]);
    assertEquals(1 / (1 + Math.exp(-0.5)), a[5], 0.0);
    Activation.TANH.forward(Z, a, Z.length);
    assertEquals(-1.0, a[0]);
    assertEquals(Math.tanh(3), a[6], 0.0);
    Activation.IDENTITY.forward(Z, a, Z.length);
    assertArrayEquals(Z, a, 0.0);
    for (Activation act : Activation.values()) {
      for (double z : Z) {
        double[] one = new double[1];
        act.forward(new double[] {z}, one, 1);
        assertEquals(act.apply(z), one[0], 0.0, act + " at " + z);
      }
    }
  }

  @Test
  void backwardDerivatives() {
    double[] da = {2, 2, 2, 2, 2, 2, 2, 2};
    double[] a = new double[Z.length];
    double[] dz = new double[Z.length];
    Activation.RELU.forward(Z, a, Z.length);
    Activation.RELU.backward(da, a, dz, Z.length);
    // the step is 1 for every positive activation, even the smallest subnormal
    assertArrayEquals(new double[] {0, 0, 0, 0, 2, 2, 2, 2}, dz, 0.0);
    Activation.SIGMOID.forward(Z, a, Z.length);
    Activation.SIGMOID.backward(da, a, dz, Z.length);
    assertEquals(2 * a[5] * (1 - a[5]), dz[5], 0.0);
    assertEquals(0.0, dz[0]); // saturated: zero gradient, no NaN
    Activation.TANH.forward(Z, a, Z.length);
    Activation.TANH.backward(da, a, dz, Z.length);
    assertEquals(2 * (1 - Math.tanh(3) * Math.tanh(3)), dz[6], 0.0);
    Activation.IDENTITY.backward(da, a, dz, Z.length);
    assertArrayEquals(da, dz, 0.0);
  }
}
