package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.data.Dataset;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Back-propagation against two-sided finite differences for every layer, loss and regularizer. */
class GradientCheckTest {
  private static final double TOLERANCE = 1e-7;
  private static final double EPS = 1e-6;

  /** Random data: x ~ N(0, 1), labels 0/1 or 0..k-1. */
  static Dataset data(int features, int m, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DMatrixRMaj x = new DMatrixRMaj(features, m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = r.nextGaussian();
    }
    for (int j = 0; j < m; j++) {
      y.data[j] = r.nextInt(classes);
    }
    return new Dataset(x, y);
  }

  /** A network with non-zero biases, so that nothing sits exactly at a kink. */
  static Network network(int[] sizes, Activation act, OutputKind out, long seed) {
    Network n = Network.initialize(sizes, act, out, InitScheme.XAVIER, seed);
    double[][] b = n.biasArrays();
    SplittableRandom r = new SplittableRandom(seed + 1);
    for (double[] bl : b) {
      for (int i = 0; i < bl.length; i++) {
        bl[i] = 0.1 * r.nextGaussian();
      }
    }
    return n.withParameters(n.weightArrays(), b);
  }

  private static double check(Network net, Dataset d, TrainConfig c) {
    GradientCheck.Report r = GradientCheck.check(net, d, c, 7, EPS);
    assertEquals(net.parameterCount(), r.parameters());
    return r.relativeError();
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void binaryOutputEveryActivation(Activation act) {
    Network net = network(new int[] {3, 5, 4, 1}, act, OutputKind.SIGMOID_BINARY, 11);
    double err = check(net, data(3, 9, 2, 1), TrainConfig.builder().build());
    assertTrue(err < TOLERANCE, act + ": relative error " + err);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void softmaxOutputEveryActivation(Activation act) {
    Network net = network(new int[] {4, 6, 3}, act, OutputKind.SOFTMAX, 12);
    double err = check(net, data(4, 10, 3, 2), TrainConfig.builder().build());
    assertTrue(err < TOLERANCE, act + ": relative error " + err);
  }

  @Test
  void singleLayerLogisticRegression() {
    Network net = network(new int[] {4, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY, 13);
    assertTrue(check(net, data(4, 8, 2, 3), TrainConfig.builder().build()) < TOLERANCE);
  }

  @Test
  void l2() {
    Network net = network(new int[] {3, 5, 4, 1}, Activation.TANH, OutputKind.SIGMOID_BINARY, 14);
    double err = check(net, data(3, 9, 2, 4), TrainConfig.builder().l2(0.7).build());
    assertTrue(err < TOLERANCE, "relative error " + err);
  }

  @Test
  void weightDecayOnWeightsAndBiasesWithL2() {
    Network net = network(new int[] {3, 5, 4, 1}, Activation.TANH, OutputKind.SIGMOID_BINARY, 15);
    double err = check(net, data(3, 9, 2, 7), TrainConfig.builder().l2(0.3).weightDecay(0.2).build());
    assertTrue(err < TOLERANCE, "relative error " + err);
  }

  @Test
  void l1AwayFromZero() {
    Network net = network(new int[] {3, 5, 4, 1}, Activation.SIGMOID, OutputKind.SIGMOID_BINARY, 15);
    double err = check(net, data(3, 9, 2, 5), TrainConfig.builder().l1(0.3).build());
    assertTrue(err < TOLERANCE, "relative error " + err);
  }

  @Test
  void l2AndL1() {
    Network net = network(new int[] {3, 6, 3}, Activation.TANH, OutputKind.SOFTMAX, 16);
    double err = check(net, data(3, 12, 3, 6), TrainConfig.builder().l2(0.5).l1(0.2).build());
    assertTrue(err < TOLERANCE, "relative error " + err);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void dropoutWithFixedMasks(Activation act) {
    Network net = network(new int[] {3, 6, 5, 1}, act, OutputKind.SIGMOID_BINARY, 17);
    double err = check(net, data(3, 10, 2, 7), TrainConfig.builder().keepProb(0.7, 0.8).build());
    assertTrue(err < TOLERANCE, act + ": relative error " + err);
  }

  @Test
  void everythingTogether() {
    Network net = network(new int[] {4, 7, 5, 3}, Activation.RELU, OutputKind.SOFTMAX, 18);
    TrainConfig c = TrainConfig.builder().l2(0.4).l1(0.1).keepProb(0.75).build();
    double err = check(net, data(4, 11, 3, 8), c);
    assertTrue(err < TOLERANCE, "relative error " + err);
  }

  @Test
  void detectsAWrongGradient() {
    // the check must be able to fail: compare against a network whose cost differs (L2 on) while
    // the analytic side ignores it is not expressible, so perturb the reported analytic gradient
    Network net = network(new int[] {3, 4, 1}, Activation.TANH, OutputKind.SIGMOID_BINARY, 19);
    GradientCheck.Report r =
        GradientCheck.check(net, data(3, 6, 2, 9), TrainConfig.builder().build(), 1, EPS);
    double[] wrong = r.analytic().clone();
    wrong[0] += 0.01;
    double diff = 0;
    double na = 0;
    double nn = 0;
    for (int i = 0; i < wrong.length; i++) {
      diff += (wrong[i] - r.numeric()[i]) * (wrong[i] - r.numeric()[i]);
      na += wrong[i] * wrong[i];
      nn += r.numeric()[i] * r.numeric()[i];
    }
    assertTrue(Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn)) > 1e-4);
  }
}
