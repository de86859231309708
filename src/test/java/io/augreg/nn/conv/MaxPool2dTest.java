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

  @Test
  void tiesSendTheGradientToTheFirstPositionAndOldValuesAreOverwritten() {
    // 4×4×2 in 2×2 windows (exact tiling: backward writes every position without a fill)
    MaxPool2d pool = new MaxPool2d(new Shape(4, 4, 2), 2, 2);
    double[] x = LayerCheck.random(2 * 32, 5, 1);
    pool.forward(x, 2, Pass.INFERENCE);
    pool.backward(LayerCheck.random(2 * 8, 6, 1), 2);
    // now all zeros (ties everywhere, as after a ReLU) except one value
    double[] zeros = new double[2 * 32];
    zeros[(1 * 4 + 1) * 2 + 1] = 0.5; // example 0, row 1, column 1, channel 1
    double[] y = pool.forward(zeros, 2, Pass.INFERENCE);
    assertEquals(0.5, y[1]);
    double[] dy = new double[2 * 8];
    java.util.Arrays.fill(dy, 3);
    double[] dx = pool.backward(dy, 2);
    for (int i = 0; i < 2 * 32; i++) {
      int e = i / 32;
      int row = i % 32 / 8;
      int col = i % 8 / 2;
      int ch = i % 2;
      boolean first = row % 2 == 0 && col % 2 == 0;
      double expected = e == 0 && row < 2 && col < 2 && ch == 1 ? (row == 1 && col == 1 ? 3 : 0)
          : first ? 3 : 0;
      assertEquals(expected, dx[i], "index " + i);
    }
  }
}
