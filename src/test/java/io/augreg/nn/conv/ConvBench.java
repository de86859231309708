package io.augreg.nn.conv;

import io.augreg.nn.Layer;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Micro-benchmarks of the small CNN ({@link Architecture#SMALL_CNN} on 64×64×3, one thread):
 *
 * <ul>
 *   <li>{@code profile}: where one training step's time goes, per layer and direction, for the
 *       product kernel the trainer uses ({@link #trainerGemm}) in double and float;
 *   <li>{@code layout}: one convolution layer forward + backward (input gradient included) for the
 *       three layer shapes of the network, in three implementations — NHWC with one product per
 *       batch and direction ({@link Conv2d}, native operands), the same NHWC products through the
 *       heap {@link Gemm} seam (operands copied on every call), and NCHW with one product per
 *       example and direction ({@code Y_s (F × HoWo) = K (F × k²C) · cols_s (k²C × HoWo)}, the
 *       Caffe layout) through the same seam — each in double and float.
 * </ul>
 *
 * <p>Each case is warmed up, then run until the time budget is spent (at least 5 runs); the table
 * gives the median wall time and the median CPU time of the calling thread per run. Run it with
 * {@code bench/conv_layers.sh [profile|layout|all] [--seconds S] [--batch N]}.
 */
public final class ConvBench {
  private static final Shape INPUT = new Shape(64, 64, 3);

  private ConvBench() {}

  /**
   * The product kernel of one {@code ConvTrainer} worker: plain Java below {@link
   * Gemms#DEFAULT_THRESHOLD}, one-thread OpenBLAS in {@code precision} above.
   *
   * @param precision of the OpenBLAS products
   * @return a new kernel (close it)
   */
  public static AdaptiveGemm trainerGemm(Precision precision) {
    return new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision), Gemms.DEFAULT_THRESHOLD);
  }

  /**
   * One timed case.
   *
   * @param label what was measured
   * @param medianMillis median wall time per run
   * @param medianCpuMillis median CPU time of the calling thread per run
   * @param runs timed runs
   */
  public record Timing(String label, double medianMillis, double medianCpuMillis, int runs) {}

  /**
   * Runs {@code body} for about {@code seconds} after a warm-up and returns its median times.
   *
   * @param label name of the case
   * @param seconds timing budget, &gt; 0
   * @param body the work of one run
   * @return the timing
   */
  public static Timing time(String label, double seconds, Runnable body) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warm = System.nanoTime() + (long) (seconds * 0.3e9);
    int w = 0;
    while (w < 3 || System.nanoTime() < warm) {
      body.run();
      w++;
    }
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (wall.size() < 5 || System.nanoTime() < end) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      body.run();
      wall.add((System.nanoTime() - t0) / 1e6);
      cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e6);
    }
    return new Timing(label, median(wall), median(cpu), wall.size());
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /**
   * Per-layer times of one training step of the small CNN (forward in training mode, backward
   * from a random output gradient).
   *
   * @param precision of the large products
   * @param batch examples per step
   * @param seconds budget per layer and direction
   * @return forward and backward timing of every layer in order, then the whole step
   */
  public static List<Timing> profile(Precision precision, int batch, double seconds) {
    List<Timing> out = new ArrayList<>();
    try (AdaptiveGemm gemm = trainerGemm(precision)) {
      ConvStack stack = ConvStack.build(Architecture.parse(Architecture.SMALL_CNN), INPUT,
          OutputKind.SIGMOID_BINARY, 1, null, gemm);
      SplittableRandom r = new SplittableRandom(1);
      for (Param p : stack.params()) {
        fill(p.value(), r, 0.1);
      }
      List<Layer> layers = stack.layers();
      int count = layers.size();
      double[][] inputs = new double[count + 1][];
      inputs[0] = new double[batch * INPUT.size()];
      fill(inputs[0], r, 1);
      Pass pass = Pass.training(7);
      for (int i = 0; i < count; i++) {
        inputs[i + 1] = layers.get(i).forward(inputs[i], batch, pass).clone();
      }
      double[][] grads = new double[count + 1][];
      grads[count] = new double[batch * layers.get(count - 1).out().size()];
      fill(grads[count], r, 0.1);
      for (int i = count - 1; i >= 0; i--) {
        double[] g = layers.get(i).backward(grads[i + 1], batch);
        grads[i] = g == null ? null : g.clone();
      }
      for (int i = 0; i < count; i++) {
        Layer l = layers.get(i);
        String name = l.getClass().getSimpleName() + " " + l.in() + "→" + l.out();
        double[] x = inputs[i];
        double[] dy = grads[i + 1];
        out.add(time(name + " forward", seconds, () -> l.forward(x, batch, pass)));
        out.add(time(name + " backward", seconds, () -> {
          l.forward(x, batch, pass);
          l.backward(dy, batch);
        }));
      }
      out.add(time("whole step (forward + loss + backward)", seconds * 3, () -> {
        stack.zeroGrads();
        stack.forward(inputs[0], batch, pass);
        stack.loss(new double[batch], 0, batch);
        stack.backward(batch);
      }));
    }
    return out;
  }

  /** The three convolution layers of the small CNN: input shape and filters. */
  private static final Object[][] CONV_SHAPES = {
    {new Shape(64, 64, 3), 16}, {new Shape(32, 32, 16), 32}, {new Shape(16, 16, 32), 64}
  };

  /**
   * Convolution forward + backward (with the input gradient) in the three implementations and two
   * precisions, for the three layer shapes of the small CNN.
   *
   * @param batch examples per call
   * @param seconds budget per case
   * @return the timings, labelled {@code "<shape> <impl> <precision>"}
   */
  public static List<Timing> layout(int batch, double seconds) {
    List<Timing> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(2);
    for (Object[] c : CONV_SHAPES) {
      Shape in = (Shape) c[0];
      int f = (Integer) c[1];
      int width = 9 * in.channels();
      double[] kern = new double[width * f];
      fill(kern, r, 0.2);
      double[] bias = new double[f];
      double[] x = new double[batch * in.size()];
      fill(x, r, 1);
      double[] dy = new double[batch * in.height() * in.width() * f];
      fill(dy, r, 0.1);
      String shape = in + "→" + f;
      for (Precision p : Precision.values()) {
        String prec = p.name().toLowerCase(Locale.ROOT);
        try (AdaptiveGemm gemm = trainerGemm(p)) {
          Conv2d conv = new Conv2d(in, f, 3, 1, 1, kern, bias, true, gemm);
          out.add(time(shape + " NHWC batch, native operands " + prec, seconds, () -> {
            conv.forward(x, batch, Pass.INFERENCE);
            conv.backward(dy, batch);
          }));
          Conv2d heapConv = new Conv2d(in, f, 3, 1, 1, kern, bias, true, heapOnly(gemm));
          out.add(time(shape + " NHWC batch, heap Gemm " + prec, seconds, () -> {
            heapConv.forward(x, batch, Pass.INFERENCE);
            heapConv.backward(dy, batch);
          }));
          NchwConv nchw = new NchwConv(in, f, kern, heapOnly(gemm));
          double[] xc = NchwConv.toNchw(x, batch, in);
          double[] dyc = NchwConv.toNchw(dy, batch, new Shape(in.height(), in.width(), f));
          out.add(time(shape + " NCHW per example, heap Gemm " + prec, seconds, () -> {
            nchw.forward(xc, batch);
            nchw.backward(dyc, batch);
          }));
        }
      }
    }
    return out;
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

  /** Formats timings as a Markdown table. */
  static String table(String title, List<Timing> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n").append(title).append("\n\n| case | median ms | median CPU ms | runs |\n");
    sb.append("| --- | --- | --- | --- |\n");
    for (Timing t : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d |%n", t.label(),
          t.medianMillis(), t.medianCpuMillis(), t.runs()));
    }
    return sb.toString();
  }

  /**
   * Command line: {@code [profile|layout|all] [--seconds S] [--batch N]} (defaults: all, 2 s, 32).
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    String mode = "all";
    double seconds = 2;
    int batch = 32;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "profile", "layout", "all" -> mode = args[i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (expected profile|layout|all, --seconds S, --batch N)");
      }
    }
    if (!Gemms.openBlasAvailable()) {
      throw new IllegalStateException("ConvBench needs the OpenBLAS natives");
    }
    System.out.printf(Locale.ROOT, "ConvBench batch=%d seconds=%.1f load=%s%n", batch, seconds,
        loadAverage());
    if (!mode.equals("layout")) {
      for (Precision p : Precision.values()) {
        System.out.print(table("Per-layer profile, " + p, profile(p, batch, seconds)));
      }
    }
    if (!mode.equals("profile")) {
      System.out.print(table("Convolution forward + backward by layout", layout(batch, seconds)));
    }
    System.out.printf(Locale.ROOT, "%nload after: %s%n", loadAverage());
  }

  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
