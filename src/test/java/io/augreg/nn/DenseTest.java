package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
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

  /** {y, dW, db, dX} of one training step with {@code gemm} on the given (shared) weights. */
  private static double[][] step(Dense d, double[] x, double[] dy, int n) {
    for (Param p : d.params()) {
      java.util.Arrays.fill(p.grad(), 0);
    }
    double[] y = d.forward(x, n, Pass.training(1)).clone();
    double[] dx = d.backward(dy, n).clone();
    return new double[][] {y, d.params().get(0).grad().clone(), d.params().get(1).grad().clone(),
        dx};
  }

  @Test
  void nativeTrainingPathMatchesTheHeapPathAndSeesUpdatedWeights() {
    if (!Gemms.openBlasAvailable()) {
      return;
    }
    Shape in = new Shape(4, 4, 8);
    int n = 6;
    double[] w = LayerCheck.random(128 * 16, 1, 0.5);
    double[] b = LayerCheck.random(16, 2, 0.5);
    double[] x = LayerCheck.random(n * 128, 3, 1);
    double[] dy = LayerCheck.random(n * 16, 4, 1);
    try (OpenBlasGemm blas = new OpenBlasGemm(1, Precision.DOUBLE)) {
      Gemm java = new JavaGemm();
      Dense heap = new Dense(in, 16, w, b, true, java);
      Dense nat = new Dense(in, 16, w, b, true, blas);
      for (int round = 0; round < 3; round++) {
        double[][] ref = step(heap, x, dy, n);
        double[][] got = step(nat, x, dy, n);
        for (int a = 0; a < ref.length; a++) {
          for (int i = 0; i < ref[a].length; i++) {
            assertEquals(ref[a][i], got[a][i], 1e-12, "round " + round + " array " + a);
          }
        }
        // an optimizer step on the shared weights, announced to the layer
        for (int i = 0; i < w.length; i++) {
          w[i] -= 0.1 * got[1][i];
        }
        nat.parametersChanged();
      }
      assertTrue(blas.nativeBytes() >= 128L * 16 * Double.BYTES, "the native path was taken");
    }
  }
}
