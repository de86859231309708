package io.augreg.nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaxPool2dTest {

  @Test
  void forwardMatchesDirectLoops() {
    Shape in = new Shape(7, 6, 3);
    for (int[] c : new int[][] {{2, 2}, {3, 2}, {3, 3}, {2, 1}}) {
      int k = c[0];
      int st = c[1];
      MaxPool2d pool = new MaxPool2d(in, k, st);
      double[] x = LayerCheck.random(2 * in.size(), 7, 1);
      double[] y = pool.forward(x, 2, Pass.INFERENCE);
      Shape out = pool.out();
      for (int s = 0; s < 2; s++) {
        for (int oy = 0; oy < out.height(); oy++) {
          for (int ox = 0; ox < out.width(); ox++) {
            for (int ch = 0; ch < 3; ch++) {
              double m = Double.NEGATIVE_INFINITY;
              for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                  m = Math.max(m, x[((s * 7 + oy * st + ky) * 6 + ox * st + kx) * 3 + ch]);
                }
              }
              assertEquals(m, y[((s * out.height() + oy) * out.width() + ox) * 3 + ch]);
            }
          }
        }
      }
    }
  }

  @Test
  void shapesFloorAndRejectOversizedWindows() {
    assertEquals(new Shape(3, 3, 5), MaxPool2d.outShape(new Shape(7, 6, 5), 2, 2));
    assertEquals(new Shape(8, 8, 64), MaxPool2d.outShape(new Shape(16, 16, 64), 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(new Shape(1, 4, 1), 2, 2));
  }

  @Test
  void gradientGoesToTheMaximum() {
    MaxPool2d pool = new MaxPool2d(new Shape(2, 2, 1), 2, 2);
    pool.forward(new double[] {1, 5, 3, 2}, 1, Pass.INFERENCE);
    double[] dx = pool.backward(new double[] {7}, 1);
    assertEquals(0, dx[0]);
    assertEquals(7, dx[1]);
    assertEquals(0, dx[2]);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Shape in = new Shape(6, 5, 2);
    for (int[] c : new int[][] {{2, 2}, {3, 1}}) {
      MaxPool2d pool = new MaxPool2d(in, c[0], c[1]);
      double[] x = LayerCheck.random(2 * in.size(), 11, 1);
      double err = LayerCheck.relativeError(pool, x, 2, Pass.INFERENCE, true);
      assertTrue(err < 1e-7, "relative error " + err);
    }
  }
}
