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
  @Test
  void softCostEqualsHardCostForOneHotAndIsLinearInTheTargets() {
    // k = 3, m = 2, column-wise logits (1, 0, -1) and (2, 3, 0.5), labels 2 and 1
    double[] z = {1, 2, 0, 3, -1, 0.5};
    double[] oneHot = {0, 0, 0, 1, 1, 0};
    double hard = Loss.cost(OutputKind.SOFTMAX, z, new double[] {2, 1}, 3, 2);
    assertEquals(hard, Loss.softCost(OutputKind.SOFTMAX, z, oneHot, 3, 2), 1e-15);
    double[] other = {1, 0, 0, 0, 0, 1};
    double[] mixed = new double[6];
    for (int i = 0; i < 6; i++) {
      mixed[i] = 0.3 * oneHot[i] + 0.7 * other[i];
    }
    assertEquals(0.3 * hard + 0.7 * Loss.softCost(OutputKind.SOFTMAX, z, other, 3, 2),
        Loss.softCost(OutputKind.SOFTMAX, z, mixed, 3, 2), 1e-14);
  }

  @Test
  void smoothedTargetsLossAndGradientValues() {
    double[] t = {1, 0};
    Loss.smooth(OutputKind.SIGMOID_BINARY, t, 2, 1, 0.2);
    assertArrayEquals(new double[] {0.9, 0.1}, t, 1e-15);
    double[] s = {0, 1, 0};
    Loss.smooth(OutputKind.SOFTMAX, s, 3, 3, 0.3);
    assertArrayEquals(new double[] {0.1, 0.8, 0.1}, s, 1e-15);
    // one example, logits (0, ln 2, 0): p = (1/4, 1/2, 1/4); loss = −Σ t·log p
    double[] z = {0, Math.log(2), 0};
    double want = -(0.1 * Math.log(0.25) + 0.8 * Math.log(0.5) + 0.1 * Math.log(0.25));
    assertEquals(want, Loss.softCost(OutputKind.SOFTMAX, z, s, 3, 1), 1e-15);
    double[] a = new double[3];
    Loss.probabilities(OutputKind.SOFTMAX, z, a, 3, 1);
    double[] dz = new double[3];
    Loss.softGradient(a, s, dz, 3, 1);
    assertArrayEquals(new double[] {0.15, -0.3, 0.15}, dz, 1e-15);
    // binary, z = 0: loss log 2 whatever the target, gradient 0.5 − 0.9
    assertEquals(Math.log(2), Loss.softCost(OutputKind.SIGMOID_BINARY, new double[] {0}, t, 1, 1),
        1e-15);
  }
}
