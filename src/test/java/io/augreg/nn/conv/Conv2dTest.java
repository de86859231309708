package io.augreg.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import org.junit.jupiter.api.Test;

class Conv2dTest {

  /** y[s][oy][ox][f] = b[f] + Σ_{ky,kx,c} x[s][oy·st−p+ky][ox·st−p+kx][c] · K[(ky·k+kx)·C+c][f]. */
  static double[] naive(double[] x, int n, Shape in, double[] kern, double[] b, int f, int k,
      int stride, int pad) {
    Shape out = Conv2d.outShape(in, f, k, stride, pad);
    int c = in.channels();
    double[] y = new double[n * out.size()];
    for (int s = 0; s < n; s++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int fi = 0; fi < f; fi++) {
            double sum = b[fi];
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * stride - pad + ky;
                int ix = ox * stride - pad + kx;
                if (iy < 0 || ix < 0 || iy >= in.height() || ix >= in.width()) {
                  continue;
                }
                for (int ch = 0; ch < c; ch++) {
                  sum += x[((s * in.height() + iy) * in.width() + ix) * c + ch]
                      * kern[((ky * k + kx) * c + ch) * f + fi];
                }
              }
            }
            y[((s * out.height() + oy) * out.width() + ox) * f + fi] = sum;
          }
        }
      }
    }
    return y;
  }

  @Test
  void forwardMatchesDirectLoopsForPaddingAndStride() {
    Shape in = new Shape(7, 6, 3);
    int[][] cases = {{3, 1, 1}, {3, 2, 1}, {5, 1, 2}, {2, 2, 0}, {3, 1, 0}};
    for (int[] c : cases) {
      int k = c[0];
      int f = 4;
      double[] kern = LayerCheck.random(k * k * 3 * f, 1, 1);
      double[] b = LayerCheck.random(f, 2, 1);
      double[] x = LayerCheck.random(2 * in.size(), 3, 1);
      Conv2d conv = new Conv2d(in, f, k, c[1], c[2], kern, b, true, new JavaGemm());
      double[] y = conv.forward(x, 2, Pass.INFERENCE);
      double[] ref = naive(x, 2, in, kern, b, f, k, c[1], c[2]);
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], y[i], 1e-12, "k=" + k + " stride=" + c[1] + " pad=" + c[2]);
      }
    }
  }

  @Test
  void samePaddingKeepsTheSize() {
    assertEquals(new Shape(64, 64, 16), Conv2d.outShape(new Shape(64, 64, 3), 16, 3, 1, 1));
    assertEquals(new Shape(32, 32, 8), Conv2d.outShape(new Shape(64, 64, 3), 8, 3, 2, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Conv2d.outShape(new Shape(2, 2, 1), 1, 5, 1, 0));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Shape in = new Shape(5, 4, 2);
    for (int[] c : new int[][] {{3, 1, 1}, {3, 2, 0}, {2, 1, 1}}) {
      int k = c[0];
      Conv2d conv = new Conv2d(in, 3, k, c[1], c[2], LayerCheck.random(k * k * 2 * 3, 4, 0.5),
          LayerCheck.random(3, 5, 0.5), true, new JavaGemm());
      double[] x = LayerCheck.random(3 * in.size(), 6, 1);
      double err = LayerCheck.relativeError(conv, x, 3, Pass.INFERENCE, true);
      assertTrue(err < 1e-7, "relative error " + err);
    }
  }

  @Test
  void firstLayerSkipsTheInputGradientButKeepsParameterGradients() {
    Shape in = new Shape(4, 4, 1);
    Conv2d conv = new Conv2d(in, 2, 3, 1, 1, LayerCheck.random(18, 1, 1), new double[2], false,
        new JavaGemm());
    double[] x = LayerCheck.random(in.size(), 2, 1);
    conv.forward(x, 1, Pass.INFERENCE);
    assertNull(conv.backward(LayerCheck.random(32, 3, 1), 1));
    assertTrue(conv.params().get(0).grad()[0] != 0);
    assertEquals(LayerCheck.relativeError(conv, x, 1, Pass.INFERENCE, false), 0, 1e-7);
  }

  @Test
  void floatOpenBlasIsWithinToleranceOfTheDoubleReference() {
    Shape in = new Shape(16, 16, 8);
    double[] kern = LayerCheck.random(9 * 8 * 16, 1, 0.3);
    double[] b = LayerCheck.random(16, 2, 0.1);
    double[] x = LayerCheck.random(4 * in.size(), 3, 1);
    double[] ref = new Conv2d(in, 16, 3, 1, 1, kern, b, true, new JavaGemm())
        .forward(x, 4, Pass.INFERENCE).clone();
    if (!Gemms.openBlasAvailable()) {
      return;
    }
    try (OpenBlasGemm f32 = new OpenBlasGemm(1, Precision.FLOAT)) {
      double[] y = new Conv2d(in, 16, 3, 1, 1, kern, b, true, f32).forward(x, 4, Pass.INFERENCE);
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], y[i], 1e-4 * (1 + Math.abs(ref[i])));
      }
    }
  }

  @Test
  void rejectsWrongParameterLengths() {
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(new Shape(4, 4, 1), 2, 3, 1, 1,
        new double[17], new double[2], true, new JavaGemm()));
    double[] k = new double[18];
    assertArrayEquals(k, new Conv2d(new Shape(4, 4, 1), 2, 3, 1, 1, k, new double[2], true,
        new JavaGemm()).params().get(0).value());
  }
}
