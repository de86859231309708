package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatchNormTest {

  /** A layer with random γ around 1, random β and the given running statistics. */
  private static BatchNorm layer(Shape in, double[] mean, double[] var, BatchSync sync, int slice,
      double[] gamma, double[] beta) {
    return new BatchNorm(in, 0.1, 1e-5, gamma, beta, mean, var, true, sync, 0, slice);
  }

  private static BatchNorm layer(Shape in) {
    int c = in.channels();
    double[] gamma = LayerCheck.random(c, 11, 0.5);
    for (int i = 0; i < c; i++) {
      gamma[i] += 1;
    }
    return layer(in, new double[c], ones(c), null, 0, gamma, LayerCheck.random(c, 12, 0.5));
  }

  private static double[] ones(int c) {
    double[] a = new double[c];
    java.util.Arrays.fill(a, 1.0);
    return a;
  }

  @Test
  void gradientAfterConvMatchesFiniteDifferences() {
    Shape in = new Shape(4, 3, 3);
    int n = 3;
    double[] x = LayerCheck.random(n * in.size(), 1, 2);
    double err = LayerCheck.relativeError(layer(in), x, n, Pass.training(1), true);
    assertTrue(err < 1e-7, "relative error " + err);
  }

  @Test
  void gradientAfterDenseMatchesFiniteDifferences() {
    Shape in = Shape.flat(5);
    int n = 6;
    double[] x = LayerCheck.random(n * in.size(), 2, 3);
    double err = LayerCheck.relativeError(layer(in), x, n, Pass.training(1), true);
    assertTrue(err < 1e-7, "relative error " + err);
  }

  @Test
  void inferenceGradientMatchesFiniteDifferences() {
    Shape in = new Shape(2, 2, 4);
    BatchNorm bn = layer(in, LayerCheck.random(4, 5, 1), new double[] {0.5, 2, 1, 3}, null, 0,
        LayerCheck.random(4, 6, 1), LayerCheck.random(4, 7, 1));
    double err = LayerCheck.relativeError(bn, LayerCheck.random(2 * in.size(), 3, 1), 2,
        Pass.INFERENCE, true);
    assertTrue(err < 1e-7, "relative error " + err);
  }

  @Test
  void trainingNormalizesEachChannelOverAllPositionsAndUpdatesRunningStatistics() {
    Shape in = new Shape(3, 2, 2);
    int n = 4;
    int c = 2;
    int positions = n * 6;
    double[] x = LayerCheck.random(n * in.size(), 8, 1);
    for (int i = 1; i < x.length; i += 2) {
      x[i] = 5 + 3 * x[i]; // channel 1: another mean and scale
    }
    double[] mean = new double[c];
    double[] var = ones(c);
    BatchNorm bn = layer(in, mean, var, null, 0, ones(c), new double[c]);
    double[] y = bn.forward(x, n, Pass.training(1));
    for (int ch = 0; ch < c; ch++) {
      double mu = 0;
      for (int p = 0; p < positions; p++) {
        mu += x[p * c + ch];
      }
      mu /= positions;
      double ss = 0;
      double ym = 0;
      double yy = 0;
      for (int p = 0; p < positions; p++) {
        double d = x[p * c + ch] - mu;
        ss += d * d;
        ym += y[p * c + ch];
        yy += y[p * c + ch] * y[p * c + ch];
      }
      double biased = ss / positions;
      assertEquals(0, ym / positions, 1e-12);
      assertEquals(biased / (biased + 1e-5), yy / positions, 1e-12);
      // r_μ = 0.9·0 + 0.1·μ; r_σ² = 0.9·1 + 0.1·σ²·M/(M−1)
      assertEquals(0.1 * mu, mean[ch], 1e-12);
      assertEquals(0.9 + 0.1 * ss / (positions - 1), var[ch], 1e-12);
    }
  }

  @Test
  void inferenceUsesTheRunningStatistics() {
    Shape in = Shape.flat(3);
    double[] mean = {1, -2, 0.5};
    double[] var = {4, 0.25, 1};
    double[] gamma = {2, 1, -1};
    double[] beta = {0, 1, 3};
    BatchNorm bn = layer(in, mean, var, null, 0, gamma, beta);
    double[] x = {3, 0, 0.5, -1, -2, 2.5};
    double[] y = bn.forward(x, 2, Pass.INFERENCE);
    for (int i = 0; i < 6; i++) {
      int ch = i % 3;
      assertEquals(gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + 1e-5) + beta[ch], y[i], 1e-12);
    }
    // running statistics untouched; one example gives the same answer as in the batch
    assertArrayEquals(new double[] {1, -2, 0.5}, mean);
    double second = bn.forward(new double[] {-1, -2, 2.5}, 1, Pass.INFERENCE)[2];
    assertEquals(y[5], second, 0);
  }

  @Test
  void slicesSynchronizedByBatchSyncEqualTheWholeBatch() throws Exception {
    Shape in = new Shape(2, 2, 3);
    int n = 5;
    int size = in.size();
    double[] x = LayerCheck.random(n * size, 21, 2);
    double[] dy = LayerCheck.random(n * size, 22, 1);
    double[] gamma = {1.5, 0.5, -1};
    double[] beta = {0.1, 0.2, 0.3};
    double[] m1 = new double[3];
    double[] v1 = ones(3);
    BatchNorm whole = layer(in, m1, v1, null, 0, gamma, beta);
    double[] y1 = whole.forward(x, n, Pass.training(1)).clone();
    double[] dx1 = whole.backward(dy, n).clone();

    double[] m2 = new double[3];
    double[] v2 = ones(3);
    BatchSync sync = new BatchSync(2);
    BatchNorm a = layer(in, m2, v2, sync, 0, gamma, beta);
    BatchNorm b = layer(in, m2, v2, sync, 1, gamma, beta);
    int split = 2; // slices of 2 and 3 examples
    double[] xa = java.util.Arrays.copyOfRange(x, 0, split * size);
    double[] xb = java.util.Arrays.copyOfRange(x, split * size, n * size);
    double[] dya = java.util.Arrays.copyOfRange(dy, 0, split * size);
    double[] dyb = java.util.Arrays.copyOfRange(dy, split * size, n * size);
    sync.begin(2);
    CompletableFuture<double[][]> other = CompletableFuture.supplyAsync(() -> {
      double[] y = b.forward(xb, n - split, Pass.training(1).slice(split)).clone();
      return new double[][] {y, b.backward(dyb, n - split).clone()};
    });
    double[] ya = a.forward(xa, split, Pass.training(1)).clone();
    double[] dxa = a.backward(dya, split).clone();
    double[][] rb = other.get();
    for (int i = 0; i < n * size; i++) {
      boolean first = i < split * size;
      int j = first ? i : i - split * size;
      assertEquals(y1[i], first ? ya[j] : rb[0][j], 1e-12, "y " + i);
      assertEquals(dx1[i], first ? dxa[j] : rb[1][j], 1e-12, "dx " + i);
    }
    assertArrayEquals(m1, m2, 1e-12);
    assertArrayEquals(v1, v2, 1e-12);
    for (int p = 0; p < 2; p++) {
      double[] g = whole.params().get(p).grad();
      for (int ch = 0; ch < 3; ch++) {
        assertEquals(g[ch], a.params().get(p).grad()[ch] + b.params().get(p).grad()[ch], 1e-12);
      }
    }
  }

  @Test
  void firstLayerSkipsTheInputGradientAndBadArgumentsAreRejected() {
    Shape in = Shape.flat(2);
    BatchNorm bn = new BatchNorm(in, 0.1, 1e-5, ones(2), new double[2], new double[2], ones(2),
        false, null, 0, 0);
    bn.forward(new double[] {1, 2, 3, 5}, 2, Pass.training(1));
    assertNull(bn.backward(new double[] {1, 1, 1, 1}, 2));
    assertEquals(0, bn.params().get(1).grad()[0] - 2, 0); // dβ = Σdy
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm(in, 0.1, 1e-5, ones(3),
        new double[2], new double[2], ones(2), true, null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm(in, 1.5, 1e-5, ones(2),
        new double[2], new double[2], ones(2), true, null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm(in, 0.1, 0, ones(2),
        new double[2], new double[2], ones(2), true, null, 0, 0));
  }
}
