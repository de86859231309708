package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;

class LossTest {
  @Test
  void binaryCostFromLogitsNeverTakesLogOfZero() {
    double[] z = {0, 2, -2, 1000, -1000};
    double[] y = {1, 1, 0, 0, 1};
    double expected =
        (Math.log(2) + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-2)) + 1000 + 1000) / 5;
    assertEquals(expected, Loss.cost(OutputKind.SIGMOID_BINARY, z, y, 1, 5), 1e-12);
  }

  @Test
  void binaryGradientIsAMinusY() {
    double[] z = {0, 2, -1000};
    double[] a = new double[3];
    Loss.probabilities(OutputKind.SIGMOID_BINARY, z, a, 1, 3);
    assertEquals(0.5, a[0]);
    assertEquals(0.0, a[2]);
    double[] dz = new double[3];
    Loss.gradient(OutputKind.SIGMOID_BINARY, a, new double[] {1, 0, 1}, dz, 1, 3);
    assertArrayEquals(new double[] {-0.5, a[1], -1}, dz, 0.0);
  }

  @Test
  void softmaxCostAndGradient() {
    // k = 2, m = 2, column-wise logits (1, 3) and (5000, 0)
    double[] z = {1, 5000, 3, 0};
    double[] y = {1, 1};
    double c = Loss.cost(OutputKind.SOFTMAX, z, y, 2, 2);
    assertEquals((Math.log1p(Math.exp(-2)) + 5000) / 2, c, 1e-12);
    double[] a = new double[4];
    Loss.probabilities(OutputKind.SOFTMAX, z, a, 2, 2);
    assertEquals(1.0, a[1], 0.0);
    double[] dz = new double[4];
    Loss.gradient(OutputKind.SOFTMAX, a, y, dz, 2, 2);
    assertArrayEquals(new double[] {a[0], 1, a[2] - 1, -1}, dz, 1e-15);
  }

  @Test
  void labelsAreChecked() {
    Loss.checkLabels(OutputKind.SOFTMAX, new double[] {0, 2, 1}, 3, 3);
    assertThrows(AugregException.class,
        () -> Loss.checkLabels(OutputKind.SOFTMAX, new double[] {3}, 1, 3));
    assertThrows(AugregException.class,
        () -> Loss.checkLabels(OutputKind.SOFTMAX, new double[] {0.5}, 1, 3));
    assertThrows(AugregException.class,
        () -> Loss.checkLabels(OutputKind.SIGMOID_BINARY, new double[] {-1}, 1, 1));
  }
}
