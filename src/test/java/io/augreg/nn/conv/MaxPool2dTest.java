package io.augreg.nn.conv;

import io.augreg.nn.LayerCheck;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * Straightforward backward: each window's dy to its first position holding the max. Windows
   * that tile the input give each position at most one dy, stored as is (−0 included); otherwise
   * the dy are summed from +0.
   */
  private static double[] referenceBackward(Shape in, int k, int stride, double[] x, double[] dy,
      int n) {
    Shape out = MaxPool2d.outShape(in, k, stride);
    double[] dx = new double[n * in.size()];
    boolean tiles = stride == k && in.height() % k == 0 && in.width() % k == 0;
    for (int s = 0; s < n; s++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int ch = 0; ch < in.channels(); ch++) {
            int best = -1;
            double m = Double.NEGATIVE_INFINITY;
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int idx = s * in.size()
                    + ((oy * stride + ky) * in.width() + ox * stride + kx) * in.channels() + ch;
                if (best < 0 || x[idx] > m) {
                  best = idx;
                  m = x[idx];
                }
              }
            }
            double g = dy[((s * out.height() + oy) * out.width() + ox) * in.channels() + ch];
            dx[best] = tiles ? g : dx[best] + g;
          }
        }
      }
    }
    return dx;
  }

  @Test
  void backwardEqualsTheReferenceBitForBitWithTiesAndSignedZeros() {
    // ReLU-like inputs: a third exact zeros (ties, e.g. black regions), values from a few levels
    // (positive ties), and gradients with −0 (dropout's dropped units) and mixed signs
    SplittableRandom r = new SplittableRandom(9);
    int[][] cases = {{8, 8, 16, 2, 2}, {6, 6, 3, 2, 2}, {7, 9, 4, 2, 2}, {9, 9, 5, 3, 3},
        {7, 7, 2, 3, 2}, {8, 8, 4, 2, 1}};
    for (int[] c : cases) {
      Shape in = new Shape(c[0], c[1], c[2]);
      int n = 3;
      MaxPool2d pool = new MaxPool2d(in, c[3], c[4]);
      double[] x = new double[n * in.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextInt(3) == 0 ? 0.0 : r.nextInt(4) * 0.25;
      }
      double[] dy = new double[n * pool.out().size()];
      for (int i = 0; i < dy.length; i++) {
        dy[i] = r.nextInt(4) == 0 ? -0.0 : r.nextDouble() - 0.5;
      }
      pool.forward(x, n, Pass.training(1));
      double[] got = pool.backward(dy, n);
      double[] ref = referenceBackward(in, c[3], c[4], x, dy, n);
      String what = in + " k=" + c[3] + " stride=" + c[4];
      for (int i = 0; i < ref.length; i++) {
        assertEquals(Double.doubleToRawLongBits(ref[i]), Double.doubleToRawLongBits(got[i]),
            what + " index " + i);
      }
    }
  }
}
