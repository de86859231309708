package io.augreg.nn.conv;

import io.augreg.nn.Architecture;
import io.augreg.nn.Layer;
import io.augreg.nn.LayerStack;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the small CNN ({@link Architecture#SMALL_CNN} on 64×64×3, batch 32, one
 * thread, the product kernel of one trainer worker, {@link #trainerGemm}):
 *
 * <ul>
 *   <li>{@link #trainingStep}: forward, loss and backward of one batch (the whole step);
 *   <li>{@link #layerForward}, {@link #layerForwardBackward}: where the step's time goes, one layer
 *       of the built stack at a time (index 0–2: the convolutions, each with its ReLU and pooling
 *       fused in; 5: the dense layer);
 *   <li>{@link #layout}: one convolution forward + backward (input gradient included) for the three
 *       layer shapes of the network in three implementations — {@code nhwc-native}: NHWC with one
 *       product per batch and direction ({@link Conv2d}, native operands), {@code nhwc-heap}: the
 *       same products through the heap {@link Gemm} seam (operands copied on every call), {@code
 *       nchw}: NCHW with one product per example and direction ({@code Y_s (F × HoWo) = K (F × k²C)
 *       · cols_s (k²C × HoWo)}, the Caffe layout) through the same seam.
 * </ul>
 *
 * <p>Each in double and float. Run with {@code bench/conv_layers.sh} (or {@code bench/jmh.sh
 * ConvBench ...} for any JMH option); never run by the tests.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx2g"})
public class ConvBench {
  private static final Shape INPUT = new Shape(64, 64, 3);
  private static final int BATCH = 32;

  /**
   * The product kernel of one {@code Trainer} worker: plain Java below {@link
   * Gemms#DEFAULT_THRESHOLD}, one-thread OpenBLAS in {@code precision} above.
   *
   * @param precision of the OpenBLAS products
   * @return a new kernel (close it)
   */
  public static AdaptiveGemm trainerGemm(Precision precision) {
    return new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision), Gemms.DEFAULT_THRESHOLD);
  }

  /** The small CNN built for one worker, random parameters and a random batch. */
  @State(Scope.Thread)
  public static class Step {
    /** {@code FLOAT} or {@code DOUBLE}: precision of the large products. */
    @Param({"FLOAT", "DOUBLE"})
    public String precision;

    AdaptiveGemm gemm;
    LayerStack stack;
    double[] x;
    final double[] labels = new double[BATCH];
    final Pass pass = Pass.training(7);

    /** Builds the stack and the batch. */
    @Setup(Level.Trial)
    public void setUp() {
      gemm = trainerGemm(Precision.valueOf(precision));
      stack = LayerStack.build(Architecture.parse(Architecture.SMALL_CNN), INPUT,
          OutputKind.SIGMOID_BINARY, 1, null, gemm);
      SplittableRandom r = new SplittableRandom(1);
      for (io.augreg.nn.Param p : stack.params()) {
        fill(p.value(), r, 0.1);
      }
      x = new double[BATCH * INPUT.size()];
      fill(x, r, 1);
      for (int i = 0; i < BATCH; i += 2) {
        labels[i] = 1;
      }
    }

    /** One training step; returns the summed loss. */
    double step() {
      stack.zeroGrads();
      stack.forward(x, BATCH, pass);
      double loss = stack.loss(labels, 0, BATCH);
      stack.backward(BATCH);
      return loss;
    }

    /** Frees the native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      gemm.close();
    }
  }

  /** One layer of {@link Step}'s stack, with its input and output gradient from a full pass. */
  @State(Scope.Thread)
  public static class OneLayer extends Step {
    /** Index in the built stack: 0–2 the convolutions (ReLU and pooling fused), 5 the dense. */
    @Param({"0", "1", "2", "5"})
    public int layer;

    Layer l;
    double[] in;
    double[] dy;

    /** Runs one step, keeping the layer's input and output gradient. */
    @Override
    @Setup(Level.Trial)
    public void setUp() {
      super.setUp();
      List<Layer> layers = stack.layers();
      double[] a = x;
      for (int i = 0; i < layer; i++) {
        a = layers.get(i).forward(a, BATCH, pass);
      }
      l = layers.get(layer);
      in = a.clone();
      dy = new double[BATCH * l.out().size()];
      fill(dy, new SplittableRandom(2), 0.1);
    }
  }

  /** One convolution shape in one implementation and precision. */
  @State(Scope.Thread)
  public static class Layout {
    /** 0: 64×64×3 → 16, 1: 32×32×16 → 32, 2: 16×16×32 → 64 (3×3, pad 1). */
    @Param({"0", "1", "2"})
    public int conv;

    /** {@code nhwc-native}, {@code nhwc-heap} or {@code nchw}. */
    @Param({"nhwc-native", "nhwc-heap", "nchw"})
    public String impl;

    /** {@code FLOAT} or {@code DOUBLE}. */
    @Param({"FLOAT", "DOUBLE"})
    public String precision;

    private AdaptiveGemm gemm;
    private Conv2d nhwc;
    private NchwConv nchw;
    private double[] x;
    private double[] dy;

    /** Builds the layer and its data. */
    @Setup(Level.Trial)
    public void setUp() {
      int[][] shapes = {{64, 3, 16}, {32, 16, 32}, {16, 32, 64}};
      Shape in = new Shape(shapes[conv][0], shapes[conv][0], shapes[conv][1]);
      int f = shapes[conv][2];
      SplittableRandom r = new SplittableRandom(2);
      double[] kern = new double[9 * in.channels() * f];
      fill(kern, r, 0.2);
      x = new double[BATCH * in.size()];
      fill(x, r, 1);
      dy = new double[BATCH * in.height() * in.width() * f];
      fill(dy, r, 0.1);
      gemm = trainerGemm(Precision.valueOf(precision));
      switch (impl) {
        case "nhwc-native" -> nhwc = new Conv2d(in, f, 3, 1, 1, kern, new double[f], true, gemm);
        case "nhwc-heap" -> nhwc = new Conv2d(in, f, 3, 1, 1, kern, new double[f], true,
            heapOnly(gemm));
        case "nchw" -> {
          nchw = new NchwConv(in, f, kern, heapOnly(gemm));
          x = NchwConv.toNchw(x, BATCH, in);
          dy = NchwConv.toNchw(dy, BATCH, new Shape(in.height(), in.width(), f));
        }
        default -> throw new IllegalArgumentException("impl must be nhwc-native, nhwc-heap or"
            + " nchw, got " + impl);
      }
    }

    /** Forward and backward once; returns the input gradient. */
    double[] run() {
      if (nchw != null) {
        nchw.forward(x, BATCH);
        return nchw.backward(dy, BATCH);
      }
      nhwc.forward(x, BATCH, Pass.INFERENCE);
      return nhwc.backward(dy, BATCH);
    }

    /** Frees the native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      gemm.close();
    }
  }

  /**
   * Forward, loss and backward of one batch of 32.
   *
   * @param s the state
   * @return the loss, so that the work is not optimized away
   */
  @Benchmark
  public double trainingStep(Step s) {
    return s.step();
  }

  /**
   * One layer's forward pass (training mode).
   *
   * @param s the state
   * @return the layer's output
   */
  @Benchmark
  public double[] layerForward(OneLayer s) {
    return s.l.forward(s.in, BATCH, s.pass);
  }

  /**
   * One layer's forward and backward pass (backward needs its own forward's buffers).
   *
   * @param s the state
   * @return the input gradient (null for the first layer)
   */
  @Benchmark
  public double[] layerForwardBackward(OneLayer s) {
    s.l.forward(s.in, BATCH, s.pass);
    return s.l.backward(s.dy, BATCH);
  }

  /**
   * One convolution forward and backward in the layout of the state.
   *
   * @param s the state
   * @return the input gradient
   */
  @Benchmark
  public double[] layout(Layout s) {
    return s.run();
  }

  /** {@code g} without its native-operand path: every product goes through the heap seam. */
  static Gemm heapOnly(Gemm g) {
    return new Gemm() {
      @Override
      public void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
          double beta, DMatrixRMaj c) {
        g.gemm(transA, transB, alpha, a, b, beta, c);
      }

      @Override
      public String name() {
        return "heap(" + g.name() + ")";
      }
    };
  }

  /**
   * A 3×3, stride 1, pad 1 convolution in NCHW, one product per example: {@code Y_s = Kᵀ · cols_s}
   * with K stored {@code (9·C) × F} in rows {@code (c, ky, kx)} (so the product reads it
   * transposed), {@code dK += cols_s ·
   * dY_sᵀ}, {@code dcols_s = K · dY_s}, then col2im. Only for the layout benchmark.
   */
  static final class NchwConv {
    private final Shape in;
    private final int f;
    private final double[] kern;
    private final double[] grad;
    private final Gemm gemm;
    private final double[] cols;
    private final double[] dcols;
    private final double[] ys;
    private double[] scratch = new double[0];
    private double[] y = new double[0];
    private double[] dx = new double[0];
    private double[] x;

    NchwConv(Shape in, int f, double[] kern, Gemm gemm) {
      this.in = in;
      this.f = f;
      // the NHWC kernel's rows are (ky, kx, c); NCHW im2col rows are (c, ky, kx)
      int c = in.channels();
      this.kern = new double[kern.length];
      for (int ch = 0; ch < c; ch++) {
        for (int kk = 0; kk < 9; kk++) {
          System.arraycopy(kern, (kk * c + ch) * f, this.kern, (ch * 9 + kk) * f, f);
        }
      }
      this.grad = new double[kern.length];
      this.gemm = gemm;
      this.cols = new double[9 * in.channels() * in.height() * in.width()];
      this.dcols = new double[cols.length];
      this.ys = new double[f * in.height() * in.width()];
    }

    /** NCHW copy of NHWC data: {@code out[s][c][y][x] = in[s][y][x][c]}. */
    static double[] toNchw(double[] nhwc, int n, Shape s) {
      double[] out = new double[n * s.size()];
      int hw = s.height() * s.width();
      for (int e = 0; e < n; e++) {
        for (int p = 0; p < hw; p++) {
          for (int c = 0; c < s.channels(); c++) {
            out[e * s.size() + c * hw + p] = nhwc[e * s.size() + p * s.channels() + c];
          }
        }
      }
      return out;
    }

    double[] forward(double[] input, int n) {
      x = input;
      int hw = in.height() * in.width();
      int width = 9 * in.channels();
      if (y.length < n * f * hw) {
        y = new double[n * f * hw];
      }
      DMatrixRMaj k = DMatrixRMaj.wrap(width, f, kern);
      DMatrixRMaj cm = DMatrixRMaj.wrap(width, hw, cols);
      for (int s = 0; s < n; s++) {
        im2col(input, s * in.size(), cols);
        // Y_s (F × HoWo) = Kᵀ · cols_s
        gemm.gemm(true, false, 1, k, cm, 0, DMatrixRMaj.wrap(f, hw, ys));
        System.arraycopy(ys, 0, y, s * f * hw, f * hw);
      }
      return y;
    }

    double[] backward(double[] dy, int n) {
      int hw = in.height() * in.width();
      int width = 9 * in.channels();
      if (dx.length < n * in.size()) {
        dx = new double[n * in.size()];
      }
      DMatrixRMaj k = DMatrixRMaj.wrap(width, f, kern);
      DMatrixRMaj g = DMatrixRMaj.wrap(width, f, grad);
      DMatrixRMaj cm = DMatrixRMaj.wrap(width, hw, cols);
      DMatrixRMaj dcm = DMatrixRMaj.wrap(width, hw, dcols);
      for (int s = 0; s < n; s++) {
        DMatrixRMaj dys = DMatrixRMaj.wrap(f, hw, slice(dy, s * f * hw, f * hw));
        im2col(x, s * in.size(), cols);
        // dK += cols_s · dY_sᵀ
        gemm.gemm(false, true, 1, cm, dys, 1, g);
        // dcols_s = K · dY_s
        gemm.gemm(false, false, 1, k, dys, 0, dcm);
        col2im(dcols, dx, s * in.size());
      }
      return dx;
    }

    /** A copy of {@code a[from, from + len)} in a reused buffer (DMatrixRMaj has no offset). */
    private double[] slice(double[] a, int from, int len) {
      if (scratch.length < len) {
        scratch = new double[len];
      }
      System.arraycopy(a, from, scratch, 0, len);
      return scratch;
    }

    /** cols[(c·3+ky)·3+kx][y·W+x] = x[c][y+ky−1][x+kx−1], 0 outside. */
    private void im2col(double[] src, int base, double[] dst) {
      int h = in.height();
      int w = in.width();
      int hw = h * w;
      int row = 0;
      for (int c = 0; c < in.channels(); c++) {
        for (int ky = 0; ky < 3; ky++) {
          for (int kx = 0; kx < 3; kx++, row++) {
            int o = row * hw;
            for (int yy = 0; yy < h; yy++) {
              int iy = yy + ky - 1;
              if (iy < 0 || iy >= h) {
                Arrays.fill(dst, o + yy * w, o + yy * w + w, 0.0);
                continue;
              }
              int srcRow = base + c * hw + iy * w;
              for (int xx = 0; xx < w; xx++) {
                int ix = xx + kx - 1;
                dst[o + yy * w + xx] = ix < 0 || ix >= w ? 0.0 : src[srcRow + ix];
              }
            }
          }
        }
      }
    }

    /** dx[c][y+ky−1][x+kx−1] += dcols[(c·3+ky)·3+kx][y·W+x]. */
    private void col2im(double[] src, double[] dst, int base) {
      int h = in.height();
      int w = in.width();
      int hw = h * w;
      Arrays.fill(dst, base, base + in.size(), 0.0);
      int row = 0;
      for (int c = 0; c < in.channels(); c++) {
        for (int ky = 0; ky < 3; ky++) {
          for (int kx = 0; kx < 3; kx++, row++) {
            int o = row * hw;
            for (int yy = 0; yy < h; yy++) {
              int iy = yy + ky - 1;
              if (iy < 0 || iy >= h) {
                continue;
              }
              int dstRow = base + c * hw + iy * w;
              for (int xx = 0; xx < w; xx++) {
                int ix = xx + kx - 1;
                if (ix >= 0 && ix < w) {
                  dst[dstRow + ix] += src[o + yy * w + xx];
                }
              }
            }
          }
        }
      }
    }
  }

  private static void fill(double[] a, SplittableRandom r, double scale) {
    for (int i = 0; i < a.length; i++) {
      a[i] = (2 * r.nextDouble() - 1) * scale;
    }
  }
}
