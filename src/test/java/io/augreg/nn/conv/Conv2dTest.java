package io.augreg.nn.conv;

import io.augreg.nn.LayerCheck;
import io.augreg.nn.Pass;
import io.augreg.nn.Relu;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** Forward, parameter and input gradients of a conv with {@code gemm}, after one step. */
  private static double[][] run(Gemm gemm, Shape in, int f, int k, int stride, int pad, int n,
      boolean inputGrad) {
    return run(gemm, in, f, k, stride, pad, n, inputGrad, Pass.INFERENCE, Conv2d.KEEP_VALUES);
  }

  /** As above in {@code pass}, keeping im2col matrices of at most {@code keep} values. */
  private static double[][] run(Gemm gemm, Shape in, int f, int k, int stride, int pad, int n,
      boolean inputGrad, Pass pass, int keep) {
    double[] kern = LayerCheck.random(k * k * in.channels() * f, 11, 0.3);
    double[] b = LayerCheck.random(f, 12, 0.1);
    double[] x = LayerCheck.random(n * in.size(), 13, 1);
    Conv2d conv = new Conv2d(in, f, k, stride, pad, kern, b, inputGrad, gemm, false, keep);
    double[] y = conv.forward(x, n, pass).clone();
    double[] dy = LayerCheck.random(n * conv.out().size(), 14, 0.5);
    double[] dx = conv.backward(dy, n);
    // a second step must not depend on what the first one left in the buffers
    conv.forward(x, n, pass);
    dx = conv.backward(dy, n);
    double[] dk = conv.params().get(0).grad().clone();
    for (int i = 0; i < dk.length; i++) {
      dk[i] /= 2;
    }
    return new double[][] {y, dk, conv.params().get(1).grad().clone(),
        dx == null ? new double[0] : dx.clone()};
  }

  private static void assertClose(double[][] ref, double[][] got, double tol, String what) {
    for (int a = 0; a < ref.length; a++) {
      assertEquals(ref[a].length, got[a].length, what);
      double scale = 0;
      for (double v : ref[a]) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < ref[a].length; i++) {
        assertEquals(ref[a][i], got[a][i], tol * (1 + scale), what + " array " + a + " index " + i);
      }
    }
  }

  @Test
  void nativePiecesMatchTheHeapPathInDoubleAndFloat() {
    if (!Gemms.openBlasAvailable()) {
      return;
    }
    // 16×16×3 at n = 12: 3072 im2col rows of 27 = 3 pieces of 1213 rows, the last one partial
    int[][] cases = {{3, 1, 1, 12, 1}, {3, 2, 1, 5, 1}, {5, 1, 2, 3, 0}, {2, 2, 0, 4, 1}};
    for (int[] c : cases) {
      Shape in = new Shape(16, 16, 3);
      boolean inputGrad = c[4] == 1;
      String what = "k=" + c[0] + " stride=" + c[1] + " pad=" + c[2] + " n=" + c[3];
      double[][] ref = run(new JavaGemm(), in, 8, c[0], c[1], c[2], c[3], inputGrad);
      try (OpenBlasGemm f64 = new OpenBlasGemm(1, Precision.DOUBLE);
          OpenBlasGemm f32 = new OpenBlasGemm(1, Precision.FLOAT)) {
        assertClose(ref, run(f64, in, 8, c[0], c[1], c[2], c[3], inputGrad), 1e-12, what);
        assertClose(ref, run(f32, in, 8, c[0], c[1], c[2], c[3], inputGrad), 1e-4, what);
        assertTrue(f64.nativeBytes() > 0, "the native path was taken");
        // training passes keep the whole im2col matrix (native) for backward, unless it is larger
        // than the limit: both ways give the same gradients
        Pass training = Pass.training(5);
        for (int keep : new int[] {0, Conv2d.KEEP_VALUES}) {
          long before = f64.nativeBytes();
          assertClose(ref, run(f64, in, 8, c[0], c[1], c[2], c[3], inputGrad, training, keep),
              1e-12, what + " keep " + keep);
          assertClose(ref, run(f32, in, 8, c[0], c[1], c[2], c[3], inputGrad, training, keep),
              1e-4, what + " keep " + keep);
          if (keep > 0) {
            assertTrue(f64.nativeBytes() > before, "a block of its own was kept");
          }
        }
      }
    }
  }

  @Test
  void reluInsideTheConvolutionEqualsASeparateRelu() {
    Shape in = new Shape(9, 9, 4);
    int n = 3;
    double[] kern = LayerCheck.random(9 * 4 * 6, 21, 0.4);
    double[] b = LayerCheck.random(6, 22, 0.2);
    double[] x = LayerCheck.random(n * in.size(), 23, 1);
    List<Gemm> kernels = new ArrayList<>(List.of(new JavaGemm()));
    if (Gemms.openBlasAvailable()) {
      kernels.add(new OpenBlasGemm(1, Precision.DOUBLE));
      kernels.add(new OpenBlasGemm(1, Precision.FLOAT));
    }
    try {
      for (Gemm g : kernels) {
        for (Pass pass : new Pass[] {Pass.INFERENCE, Pass.training(3)}) {
          Conv2d plain = new Conv2d(in, 6, 3, 1, 1, kern, b, true, g);
          Relu relu = new Relu(plain.out());
          Conv2d fused = new Conv2d(in, 6, 3, 1, 1, kern, b, true, g, true);
          double[] dy = LayerCheck.random(n * plain.out().size(), 24, 1);
          double[] y1 = relu.forward(plain.forward(x, n, pass), n, pass).clone();
          double[] dx1 = plain.backward(relu.backward(dy, n), n).clone();
          double[] y2 = fused.forward(x, n, pass).clone();
          double[] dx2 = fused.backward(dy, n).clone();
          String what = g.name() + " " + pass.training();
          assertArrayEquals(y1, y2, what);
          assertArrayEquals(dx1, dx2, what);
          for (int p = 0; p < 2; p++) {
            assertArrayEquals(plain.params().get(p).grad(), fused.params().get(p).grad(), 1e-12,
                what + " param " + p);
          }
        }
      }
    } finally {
      for (Gemm g : kernels) {
        if (g instanceof OpenBlasGemm o) {
          o.close();
        }
      }
    }
    Conv2d checked = new Conv2d(new Shape(5, 5, 2), 3, 3, 1, 1, LayerCheck.random(54, 25, 0.5),
        LayerCheck.random(3, 26, 0.5), true, new JavaGemm(), true);
    double err = LayerCheck.relativeError(checked, LayerCheck.random(2 * 50, 27, 1), 2,
        Pass.INFERENCE, true);
    assertTrue(err < 1e-7, "relative error " + err);
  }

  /**
   * The convolution that pools ({@link Conv2d#fusePools}) gives bit for bit the outputs, input
   * gradients and parameter gradients of the convolution, ReLU and max pooling as separate layers:
   * heap and native products, double and float, several native pieces (the last partial), kept
   * and rebuilt im2col matrices, ties in the windows (the first maximum takes the gradient), with
   * and without the ReLU, windows 2 and 4.
   */
  @Test
  void poolingInsideTheConvolutionEqualsSeparateLayers() {
    Shape in = new Shape(16, 16, 3);
    int n = 12;
    int f = 8;
    double[] kern = LayerCheck.random(27 * f, 31, 0.4);
    double[] b = LayerCheck.random(f, 32, 0.2);
    double[] x = LayerCheck.random(n * in.size(), 33, 1);
    // ties: a flat patch of the input makes equal activations inside windows
    for (int i = 0; i < 6 * in.channels() * in.width(); i++) {
      x[i] = 0.25;
    }
    List<Gemm> kernels = new ArrayList<>(List.of(new JavaGemm()));
    if (Gemms.openBlasAvailable()) {
      kernels.add(new OpenBlasGemm(1, Precision.DOUBLE));
      kernels.add(new OpenBlasGemm(1, Precision.FLOAT));
    }
    try {
      for (Gemm g : kernels) {
        for (int window : new int[] {2, 4}) {
          for (boolean relu : new boolean[] {true, false}) {
            for (int keep : new int[] {0, Conv2d.KEEP_VALUES}) {
              Pass pass = Pass.training(3);
              Conv2d plain = new Conv2d(in, f, 3, 1, 1, kern, b, true, g, relu, keep);
              MaxPool2d pool = new MaxPool2d(plain.out(), window, window);
              List<io.augreg.nn.Layer> fused = Conv2d.fusePools(List.of(plain, pool));
              assertEquals(1, fused.size());
              Conv2d both = (Conv2d) fused.get(0);
              assertEquals(pool.out(), both.out());
              double[] dy = LayerCheck.random(n * pool.out().size(), 34, 1);
              String what = g.name() + " window " + window + " relu " + relu + " keep " + keep;
              for (int step = 0; step < 2; step++) {
                double[] y1 = pool.forward(plain.forward(x, n, pass), n, pass).clone();
                double[] dx1 = plain.backward(pool.backward(dy, n), n).clone();
                double[] y2 = both.forward(x, n, pass).clone();
                double[] dx2 = both.backward(dy, n).clone();
                assertArrayEquals(y1, y2, what);
                assertArrayEquals(dx1, dx2, what);
                for (int p = 0; p < 2; p++) {
                  assertArrayEquals(plain.params().get(p).grad(), both.params().get(p).grad(),
                      what + " param " + p);
                }
              }
            }
          }
        }
      }
    } finally {
      for (Gemm g : kernels) {
        if (g instanceof OpenBlasGemm o) {
          o.close();
        }
      }
    }
  }

  /**
   * The float path's pooling (the ReLU applied once per window, closed gates folded into the arg
   * max) against the convolution, ReLU and max pooling as separate layers, bit for bit, on odd
   * sizes: a stride-2 convolution of a 15×15×2 input (8×8 output) pooled by windows of 1, 2, 4
   * and 8, and a 15×15 output pooled by 3 and 5; windows whose values are all negative (the ReLU
   * closes them), equal maxima, and an output gradient with −0.0, +0.0 and one value per window
   * position, several native pieces, batch sizes 7, 40, 7.
   */
  @Test
  void floatPoolingMatchesSeparateLayersOnOddShapes() {
    if (!Gemms.openBlasAvailable()) {
      return;
    }
    Shape in = new Shape(15, 15, 2);
    int n = 40;
    int f = 5;
    double[] x = LayerCheck.random(n * in.size(), 41, 1);
    // example 0: a flat input (ties everywhere); example 1: zeros (every window t = b)
    for (int i = 0; i < in.size(); i++) {
      x[i] = 0.5;
      x[in.size() + i] = 0;
    }
    double[] kern = LayerCheck.random(18 * f, 42, 0.4);
    // a strongly negative bias for two filters: whole windows below 0
    double[] b = {0.1, -3, 0.05, -2, 0};
    int[][] cases = {{2, 1}, {2, 2}, {2, 4}, {2, 8}, {1, 3}, {1, 5}};
    try (OpenBlasGemm f32 = new OpenBlasGemm(1, Precision.FLOAT)) {
      for (int[] c : cases) {
        for (boolean relu : new boolean[] {true, false}) {
          Pass pass = Pass.training(3);
          Conv2d plain = new Conv2d(in, f, 3, c[0], 1, kern, b, true, f32, relu,
              Conv2d.KEEP_VALUES);
          MaxPool2d pool = new MaxPool2d(plain.out(), c[1], c[1]);
          Conv2d both = (Conv2d) Conv2d.fusePools(List.of(plain, pool)).get(0);
          // the batch size grows and shrinks (the row map grows with it)
          for (int m : new int[] {7, n, 7}) {
            double[] dy = LayerCheck.random(m * pool.out().size(), 43 + m, 1);
            for (int i = 0; i < dy.length; i += 3) {
              dy[i] = i % 2 == 0 ? -0.0 : 0.0;
            }
            String what = "stride " + c[0] + " window " + c[1] + " relu " + relu + " n " + m;
            double[] y1 = pool.forward(plain.forward(x, m, pass), m, pass).clone();
            double[] dx1 = plain.backward(pool.backward(dy, m), m).clone();
            double[] y2 = both.forward(x, m, pass).clone();
            double[] dx2 = both.backward(dy, m).clone();
            assertArrayEquals(y1, y2, what);
            assertArrayEquals(dx1, dx2, what);
            for (int p = 0; p < 2; p++) {
              assertArrayEquals(plain.params().get(p).grad(), both.params().get(p).grad(),
                  what + " param " + p);
            }
          }
        }
      }
    }
  }

  @Test
  void onlyPoolsThatTileTheOutputAreFused() {
    Conv2d conv = new Conv2d(new Shape(6, 6, 1), 2, 3, 1, 1, new double[18], new double[2], true,
        new JavaGemm(), true);
    // 6×6 tiles with 2 and 3, not with 4 or with an overlapping stride
    assertEquals(1, Conv2d.fusePools(List.of(conv, new MaxPool2d(conv.out(), 3, 3))).size());
    assertEquals(2, Conv2d.fusePools(List.of(conv, new MaxPool2d(conv.out(), 4, 4))).size());
    assertEquals(2, Conv2d.fusePools(List.of(conv, new MaxPool2d(conv.out(), 2, 1))).size());
    assertEquals(2, Conv2d.fusePools(List.of(new MaxPool2d(conv.out(), 2, 2), conv)).size());
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
