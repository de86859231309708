package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NetworkTest {
  private static final int[] FOOTBALL = {2, 20, 3, 1};

  @Test
  void numpyInitializationIsBitIdentical() {
    Network n =
        Network.initializeNumpy(FOOTBALL, Activation.RELU, OutputKind.SIGMOID_BINARY, 3);
    // np.random.seed(3); W1 = randn(20,2)/sqrt(2); W2 = randn(3,20)/sqrt(20); W3 = randn(1,3)/sqrt(3)
    assertEquals(0x1.43c6be20144b7p+0, n.weight(1).get(0, 0), 0.0);
    assertEquals(-0x1.7e107e6f8651fp-4, n.weight(1).get(19, 1), 0.0);
    assertEquals(0x1.ee28a1192f82fp-2, n.weight(2).get(2, 19), 0.0);
    assertEquals(-0x1.7925a1c7c9c88p-5, n.weight(3).get(0, 2), 0.0);
    for (int l = 1; l <= 3; l++) {
      assertEquals(0.0, n.bias(l).data[0]);
      assertEquals(FOOTBALL[l], n.bias(l).numRows);
    }
  }

  @Test
  void seededInitializationIsReproducibleAndScaled() {
    Network a = Network.initialize(new int[] {400, 300, 1}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, InitScheme.HE, 42);
    Network b = Network.initialize(new int[] {400, 300, 1}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, InitScheme.HE, 42);
    assertArrayEquals(a.weight(1).data, b.weight(1).data, 0.0);
    double sq = 0;
    for (double v : a.weight(1).data) {
      sq += v * v;
    }
    double std = Math.sqrt(sq / (400 * 300));
    assertEquals(Math.sqrt(2.0 / 400), std, 0.002);
    Network c = Network.initialize(new int[] {400, 300, 1}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, InitScheme.HE, 43);
    assertTrue(c.weight(1).data[0] != a.weight(1).data[0]);
  }

  @Test
  void initSchemeScales() {
    assertEquals(1 / Math.sqrt(8), InitScheme.LESSON.scale(8, 2), 1e-15);
    assertEquals(Math.sqrt(2.0 / 8), InitScheme.HE.scale(8, 2), 1e-15);
    assertEquals(Math.sqrt(2.0 / 10), InitScheme.XAVIER.scale(8, 2), 1e-15);
  }

  /** A 2-2-1 network computed by hand. */
  private static Network tiny() {
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{1, -1}, {0.5, 2}});
    DMatrixRMaj b1 = new DMatrixRMaj(new double[][] {{0}, {-1}});
    DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{2, -3}});
    DMatrixRMaj b2 = new DMatrixRMaj(new double[][] {{0.5}});
    return Network.of(new int[] {2, 2, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY,
        List.of(w1, w2), List.of(b1, b2));
  }

  @Test
  void forwardMatchesHandComputation() {
    // x = (1, 2): z1 = (1-2, 0.5+4-1) = (-1, 3.5); a1 = (0, 3.5); z2 = -10.5+0.5 = -10
    DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 3}, {2, 0}});
    DMatrixRMaj p = tiny().predictProbabilities(x);
    assertEquals(1 / (1 + Math.exp(10)), p.get(0, 0), 1e-15);
    // x = (3, 0): z1 = (3, 0.5); a1 = (3, 0.5); z2 = 6 - 1.5 + 0.5 = 5
    assertEquals(1 / (1 + Math.exp(-5)), p.get(0, 1), 1e-15);
    assertArrayEquals(new int[] {0, 1}, tiny().predictLabels(x));
    Dataset d = new Dataset(x, new DMatrixRMaj(new double[][] {{0, 0}}));
    assertEquals(0.5, tiny().accuracy(d));
    // cost = (log1p(exp(-10)) + (5 + log1p(exp(-5)))) / 2
    assertEquals((Math.log1p(Math.exp(-10)) + 5 + Math.log1p(Math.exp(-5))) / 2, tiny().cost(d),
        1e-14);
  }

  @Test
  void saturatedOutputGivesFiniteCost() {
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{1000}});
    Network n = Network.of(new int[] {1, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY,
        List.of(w1), List.of(new DMatrixRMaj(1, 1)));
    Dataset d = new Dataset(new DMatrixRMaj(new double[][] {{5, -5}}),
        new DMatrixRMaj(new double[][] {{0, 1}}));
    // z = 5000 with y = 0 and z = -5000 with y = 1: the cost is 5000 each, never log(0)
    assertEquals(5000, n.cost(d), 1e-9);
    assertEquals(0.0, n.accuracy(d));
  }

  @Test
  void softmaxProbabilitiesAndArgmax() {
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1}, {2}, {-1}});
    Network n = Network.of(new int[] {1, 3}, Activation.RELU, OutputKind.SOFTMAX,
        List.of(w), List.of(new DMatrixRMaj(3, 1)));
    DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, -1, 800}});
    DMatrixRMaj p = n.predictProbabilities(x);
    double s = Math.exp(1) + Math.exp(2) + Math.exp(-1);
    assertEquals(Math.exp(2) / s, p.get(1, 0), 1e-15);
    assertEquals(1.0, p.get(1, 2), 0.0); // huge logits: no overflow, no NaN
    assertArrayEquals(new int[] {1, 2, 1}, n.predictLabels(x));
    Dataset d = new Dataset(x, new DMatrixRMaj(new double[][] {{1, 2, 0}}));
    double expected = ((Math.log(s) - 2) + (Math.log(Math.exp(-1) + Math.exp(-2) + Math.exp(1)) - 1)
        + 800) / 3; // third column: logits (800, 1600, -800), label 0
    assertEquals(expected, n.cost(d), 1e-12);
  }

  @Test
  void accessorsReturnCopies() {
    Network n = tiny();
    DMatrixRMaj w = n.weight(1);
    w.set(0, 0, 99);
    assertEquals(1.0, n.weight(1).get(0, 0));
    assertNotSame(n.weightArrays()[0], n.weightArrays()[0]);
    int[] s = n.sizes();
    s[0] = 7;
    assertEquals(2, n.sizes()[0]);
  }

  @Test
  void badShapesAndLabelsAreUserErrors() {
    assertThrows(AugregException.class, () -> Network.initializeNumpy(new int[] {2}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, 1));
    assertThrows(AugregException.class, () -> Network.initializeNumpy(new int[] {2, 2},
        Activation.RELU, OutputKind.SIGMOID_BINARY, 1));
    assertThrows(AugregException.class, () -> Network.initializeNumpy(new int[] {2, 1},
        Activation.RELU, OutputKind.SOFTMAX, 1));
    assertThrows(AugregException.class, () -> Network.of(new int[] {2, 1}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, List.of(new DMatrixRMaj(2, 1)), List.of(new DMatrixRMaj(1, 1))));
    Dataset bad = new Dataset(new DMatrixRMaj(2, 1), new DMatrixRMaj(new double[][] {{2}}));
    AugregException e = assertThrows(AugregException.class, () -> tiny().accuracy(bad));
    assertTrue(e.getMessage().contains("expected 0 or 1"), e.getMessage());
    assertThrows(AugregException.class, () -> tiny().predictLabels(new DMatrixRMaj(3, 2)));
  }
}
