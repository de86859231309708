package io.augreg.nn.conv;

import io.augreg.nn.LayerCheck;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.NativeGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API kernels of the float pooling ({@link ConvVectors}) against the definition of max
 * pooling after the ReLU, and the float path on them against the scalar float path and against
 * the convolution, ReLU and max pooling as separate layers, bit for bit. Runs where the JVM has
 * the Vector API module (the build's test JVMs do).
 */
class ConvVectorsTest {
  private static final int F = 16;

  /** The test JVM resolves the module, so the vector kernels are what these tests check. */
  @Test
  void theTestJvmHasTheVectorModule() {
    assertTrue(ConvFloat.VECTORS, "tests run with --add-modules jdk.incubator.vector (pom.xml)");
  }

  /**
   * One 2×2 window per filter (rows = window positions 0..3): per filter, the window's values
   * {@code t = p + b}; y = the maximum (after the ReLU: max(max t, 0)), arg = the first position
   * holding it, or CLOSED where the ReLU's output is +0. Ties, all-negative windows, ±0, a NaN
   * (the maximum so far keeps its position: comparisons with NaN are false), infinities, and
   * random values with a bias.
   */
  @Test
  void poolOfOneWindowPerFilterIsTheFirstMaximumAfterTheRelu() {
    assumeTrue(ConvFloat.VECTORS && ConvVectors.fits(F));
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    float[][] t = new float[F][];
    t[0] = new float[] {1, 2, 3, 4};
    t[1] = new float[] {0.5f, 2, 1, 2};
    t[2] = new float[] {-1, -2, -0.5f, -3};
    t[3] = new float[] {-0f, 0f, -0f, 0f};
    t[4] = new float[] {1, 3, nan, 5};
    t[5] = new float[] {5, 5, 5, 5};
    t[6] = new float[] {-inf, -inf, 2, inf};
    t[7] = new float[] {3, 1, 1, 1};
    SplittableRandom r = new SplittableRandom(5);
    for (int f = 8; f < F; f++) {
      t[f] = new float[4];
      for (int w = 0; w < 4; w++) {
        // coarse values: ties are likely
        t[f][w] = (float) (r.nextInt(7) - 3) / 4;
      }
    }
    float[] b = new float[F];
    float[] p = new float[4 * F];
    for (int f = 0; f < F; f++) {
      b[f] = f >= 8 ? 0.25f * (f % 3 - 1) : 0f;
      for (int w = 0; w < 4; w++) {
        // p + b = t exactly (quarters and small integers)
        p[w * F + f] = t[f][w] - b[f];
        t[f][w] = p[w * F + f] + b[f];
      }
    }
    int[] rowQ = new int[4];
    byte[] rowP = {0, 1, 2, 3};
    for (boolean relu : new boolean[] {true, false}) {
      float[] y = new float[F];
      float[] arg = new float[F];
      ConvVectors.pool(p, 0, 4, rowQ, rowP, b, y, arg, F, relu ? 3 : -1);
      for (int f = 0; f < F; f++) {
        float max = t[f][0];
        int first = 0;
        for (int w = 1; w < 4; w++) {
          if (t[f][w] > max) {
            first = w;
          }
          max = Math.max(max, t[f][w]);
        }
        if (relu) {
          max = Math.max(max, 0f);
          if (max == 0) {
            first = ConvFloat.CLOSED;
          }
        }
        String what = "relu " + relu + " filter " + f + " " + Arrays.toString(t[f]);
        assertEquals(Float.floatToRawIntBits(max), Float.floatToRawIntBits(y[f]), what);
        assertEquals(first, arg[f], what);
      }
      // the hand-made cases, spelled out
      if (relu) {
        assertArrayEquals(new float[] {4, 2, 0, 0, nan, 5, inf, 3}, Arrays.copyOf(y, 8));
        assertArrayEquals(new float[] {3, 1, 127, 127, 1, 0, 3, 0}, Arrays.copyOf(arg, 8));
      } else {
        assertArrayEquals(new float[] {4, 2, -0.5f, 0, nan, 5, inf, 3}, Arrays.copyOf(y, 8));
        assertArrayEquals(new float[] {3, 1, 2, 0, 1, 0, 3, 0}, Arrays.copyOf(arg, 8));
      }
    }
  }

  /**
   * Backward: each row takes dY where the arg max is its window position, +0 elsewhere (also for
   * CLOSED), −0 and NaN passed through unchanged; the bias gradient adds the rows in double, in
   * row order, onto what it held.
   */
  @Test
  void unpoolRoutesTheGradientToTheArgMaxAndSumsTheBias() {
    assumeTrue(ConvFloat.VECTORS && ConvVectors.fits(F));
    float[] arg = new float[F];
    float[] dy = new float[F];
    double[] db = new double[F];
    for (int f = 0; f < F; f++) {
      arg[f] = f % 5 == 4 ? ConvFloat.CLOSED : f % 5;
      dy[f] = 0.1f * (f + 1) * (f % 2 == 0 ? 1 : -1);
      db[f] = 0.5 * f;
    }
    dy[1] = -0f;
    dy[2] = Float.NaN;
    int[] rowQ = new int[4];
    byte[] rowP = {0, 1, 2, 3};
    float[] dst = new float[4 * F];
    Arrays.fill(dst, 9f);
    ConvVectors.unpool(dy, 0, 4, rowQ, rowP, arg, dst, db, F);
    for (int f = 0; f < F; f++) {
      double sum = 0.5 * f;
      for (int w = 0; w < 4; w++) {
        float want = arg[f] == w ? dy[f] : 0f;
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(dst[w * F + f]),
            "filter " + f + " row " + w);
        sum += want;
      }
      assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(db[f]),
          "filter " + f);
    }
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(dst[F + 1]));
  }

  /**
   * col2im's runs: {@code dst[d + j] += src[o + j]} for every length from 0 to three vectors and
   * a bit, at offsets that are not multiples of a vector, the same bits as the scalar loop
   * (whole vectors, then the tail), and nothing outside the run touched.
   */
  @Test
  void addEqualsTheScalarLoopForEveryLength() {
    assumeTrue(ConvFloat.VECTORS);
    SplittableRandom r = new SplittableRandom(8);
    float[] src = new float[80];
    float[] base = new float[90];
    for (int i = 0; i < src.length; i++) {
      src[i] = (float) (r.nextDouble() * 2 - 1);
    }
    for (int i = 0; i < base.length; i++) {
      base[i] = (float) (r.nextDouble() * 2 - 1) * 1e3f;
    }
    for (int len = 0; len <= 53; len++) {
      float[] want = base.clone();
      for (int j = 0; j < len; j++) {
        want[7 + j] += src[3 + j];
      }
      float[] got = base.clone();
      ConvVectors.add(src, 3, got, 7, len);
      assertArrayEquals(want, got, "length " + len);
    }
  }

  /**
   * im2col's runs: {@code dst[d .. d + len)} = the source run for every length from 0 to three
   * vectors and a bit; nothing before the run changes, and past it only the rest of one vector
   * (a run shorter than a vector), which the next run overwrites; at the arrays' ends no vector
   * leaves them.
   */
  @Test
  void copyWritesTheRunAndAtMostOneVectorPastIt() {
    assumeTrue(ConvFloat.VECTORS);
    float[] src = new float[70];
    for (int i = 0; i < src.length; i++) {
      src[i] = i + 0.5f;
    }
    for (int len = 0; len <= 53; len++) {
      float[] dst = new float[len + 80];
      Arrays.fill(dst, -1f);
      ConvVectors.copy(src, 5, dst, 9, len);
      for (int i = 0; i < 9; i++) {
        assertEquals(-1f, dst[i], "before the run, length " + len);
      }
      for (int j = 0; j < len; j++) {
        assertEquals(src[5 + j], dst[9 + j], "length " + len);
      }
      for (int i = 9 + Math.max(len, ConvVectors.lanes()); i < dst.length; i++) {
        assertEquals(-1f, dst[i], "past the run, length " + len);
      }
      // a run that ends at both arrays' ends
      float[] tight = new float[len];
      ConvVectors.copy(src, src.length - len, tight, 0, len);
      assertArrayEquals(Arrays.copyOfRange(src, src.length - len, src.length), tight);
    }
  }

  /**
   * The float im2col (whose runs {@link ConvVectors#copy} moves) against its definition: row
   * {@code (s, oy, ox)}, column {@code (ky·k + kx)·C + c} holds {@code x[s][oy·st − p + ky][ox·st −
   * p + kx][c]}, or 0 outside the input; 1 and 16 channels, strides 1 and 2, pieces that start
   * and end inside output rows.
   */
  @Test
  void im2colMatchesItsDefinition() {
    for (int channels : new int[] {1, 3, 16}) {
      for (int stride : new int[] {1, 2}) {
        Shape in = new Shape(7, 9, channels);
        int n = 2;
        Conv2d conv = new Conv2d(in, 4, 3, stride, 1, new double[9 * channels * 4],
            new double[4], true, new io.augreg.nn.linalg.JavaGemm(), true);
        Shape out = conv.out();
        int width = 9 * channels;
        float[] x = new float[n * in.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = i + 1;
        }
        int rows = conv.rows(n);
        for (int r0 = 0; r0 < rows; r0 += 5) {
          int r1 = Math.min(rows, r0 + 5);
          float[] dst = new float[(r1 - r0) * width];
          conv.im2col(x, r0, r1, dst);
          for (int r = r0; r < r1; r++) {
            int s = r / (out.height() * out.width());
            int oy = r / out.width() % out.height();
            int ox = r % out.width();
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                for (int c = 0; c < channels; c++) {
                  int iy = oy * stride - 1 + ky;
                  int ix = ox * stride - 1 + kx;
                  boolean inside = iy >= 0 && ix >= 0 && iy < in.height() && ix < in.width();
                  float want = inside
                      ? x[((s * in.height() + iy) * in.width() + ix) * channels + c] : 0f;
                  assertEquals(want, dst[(r - r0) * width + (ky * 3 + kx) * channels + c],
                      "channels " + channels + " stride " + stride + " row " + r);
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * A convolution of 16 and 32 filters with fused pooling (windows 2, 3, 4; with and without the
   * ReLU; several native pieces; a flat example, so ties; a negative bias, so closed windows; an
   * output gradient with ±0): the vector path gives the scalar path's outputs, input gradients and
   * parameter gradients bit for bit, and both give those of the separate layers.
   */
  @Test
  void vectorPathEqualsTheScalarPathAndTheSeparateLayers() {
    assumeTrue(ConvFloat.VECTORS && Gemms.openBlasAvailable());
    Shape in = new Shape(12, 12, 3);
    int n = 9;
    double[] x = LayerCheck.random(n * in.size(), 61, 1);
    Arrays.fill(x, 0, in.size(), 0.5);
    try (OpenBlasGemm f32 = new OpenBlasGemm(1, Precision.FLOAT)) {
      for (int filters : new int[] {16, 32}) {
        assumeTrue(ConvVectors.fits(filters));
        double[] kern = LayerCheck.random(27 * filters, 62, 0.4);
        double[] b = LayerCheck.random(filters, 63, 0.2);
        b[1] = -4;
        for (int window : new int[] {2, 3, 4}) {
          for (boolean relu : new boolean[] {true, false}) {
            String what = filters + " filters window " + window + " relu " + relu;
            Pass pass = Pass.training(3);
            // keep limit 0: im2col rebuilt piece by piece in backward as well
            Conv2d plain = new Conv2d(in, filters, 3, 1, 1, kern, b, true, f32, relu, 0);
            MaxPool2d pool = new MaxPool2d(plain.out(), window, window);
            Conv2d both = (Conv2d) Conv2d.fusePools(List.of(plain, pool)).get(0);
            double[] dy = LayerCheck.random(n * pool.out().size(), 64, 1);
            for (int i = 0; i < dy.length; i += 7) {
              dy[i] = i % 2 == 0 ? -0.0 : 0.0;
            }
            double[] y1 = pool.forward(plain.forward(x, n, pass), n, pass).clone();
            double[] dx1 = plain.backward(pool.backward(dy, n), n).clone();
            float[] xf = ConvFloat.toFloat(x, x.length, null);
            float[] dyf = ConvFloat.toFloat(dy, dy.length, null);
            NativeGemm blas = both.floatNative(n);
            float[][] got = new float[2][];
            float[][] gotDx = new float[2][];
            double[][] grads = new double[4][];
            for (int v = 0; v < 2; v++) {
              for (Param p : both.params()) {
                Arrays.fill(p.grad(), 0);
              }
              ConvFloat path = new ConvFloat(both, v == 0);
              got[v] = path.forward(xf, n, true, blas).clone();
              gotDx[v] = path.backward(dyf, n, blas).clone();
              grads[2 * v] = both.params().get(0).grad().clone();
              grads[2 * v + 1] = both.params().get(1).grad().clone();
            }
            int len = n * pool.out().size();
            assertArrayEquals(Arrays.copyOf(got[1], len), Arrays.copyOf(got[0], len), what);
            assertArrayEquals(gotDx[1], gotDx[0], what);
            assertArrayEquals(grads[2], grads[0], what + " kernel gradient");
            assertArrayEquals(grads[3], grads[1], what + " bias gradient");
            assertArrayEquals(y1, ConvFloat.toDouble(got[0], len, null), what);
            assertArrayEquals(dx1, ConvFloat.toDouble(gotDx[0], dx1.length, null), what);
            assertArrayEquals(plain.params().get(0).grad(), grads[0], what + " kernel gradient");
            assertArrayEquals(plain.params().get(1).grad(), grads[1], what + " bias gradient");
          }
        }
      }
    }
  }
}
