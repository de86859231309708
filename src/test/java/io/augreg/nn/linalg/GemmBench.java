package io.augreg.nn.linalg;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
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
 * JMH micro-benchmarks of the {@link Gemm} paths: one product {@code C = A · op(B)} per call, on
 * the shapes of the cat MLP's first layer, of the football network, of the small CNN's
 * convolutions, around the EJML/OpenBLAS crossover that sets {@link Gemms#DEFAULT_THRESHOLD}, and
 * a 1024³ square, whose OpenBLAS rate with operands in native memory is the machine's GEMM
 * roofline ({@code bench/cnn_peers.sh} prints it). GFLOP/s = {@code 2·m·n·k / time}.
 *
 * <p>{@link #heap} runs a heap kernel ({@code ejml}, {@code java}); {@link #openblas} runs
 * OpenBLAS in a precision on a number of threads, (a) {@code copies}: every operand copied
 * between the Java heap and native memory, (b) {@code resident}: B kept in native memory ({@link
 * Gemm#keepResident}), (c) {@code native}: cblas on operands already in native memory, the bound
 * of what any heap-based path can reach. Run with {@code bench/gemm.sh} (or {@code bench/jmh.sh
 * GemmBench ...} for any JMH option); never run by the tests.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBench {

  /**
   * One product shape {@code m×n×k}, with a trailing {@code T} when B is used transposed (as in
   * {@code dW = dZ · Xᵀ}).
   *
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param transB whether B is stored {@code n × k}
   */
  record Shape(int m, int n, int k, boolean transB) {
    static Shape parse(String s) {
      boolean t = s.endsWith("T");
      String[] p = (t ? s.substring(0, s.length() - 1) : s).split("x");
      if (p.length != 3) {
        throw new IllegalArgumentException("shape must be MxNxK[T], got " + s);
      }
      return new Shape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), t);
    }

    /** Floating-point operations of one product: {@code 2·m·n·k}. */
    double flops() {
      return 2.0 * m * n * k;
    }

    /** Random operands {A (m×k), B (k×n or n×k), C (m×n)}, the same for every path. */
    DMatrixRMaj[] operands() {
      SplittableRandom rnd = new SplittableRandom(m * 31L + n * 17L + k);
      return new DMatrixRMaj[] {random(m, k, rnd), transB ? random(n, k, rnd) : random(k, n, rnd),
          new DMatrixRMaj(m, n)};
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom rnd) {
      DMatrixRMaj a = new DMatrixRMaj(rows, cols);
      for (int i = 0; i < a.data.length; i++) {
        a.data[i] = rnd.nextDouble(-1, 1);
      }
      return a;
    }
  }

  /** A heap kernel on one shape. */
  @State(Scope.Thread)
  public static class Heap {
    /** {@code ejml} or {@code java}. */
    @Param({"ejml", "java"})
    public String kernel;

    /** The product shape (see {@link Shape}). */
    @Param({
      "20x209x12288", "20x12288x209T", "20x211x2", "3x211x20", "32768x32x144", "32768x144x32T",
      "20x209x100", "1024x1024x1024"
    })
    public String shape;

    Gemm gemm;
    Shape s;
    DMatrixRMaj[] o;

    /** Builds the kernel and the operands. */
    @Setup(Level.Trial)
    public void setUp() {
      s = Shape.parse(shape);
      o = s.operands();
      gemm = switch (kernel) {
        case "ejml" -> new EjmlGemm();
        case "java" -> new JavaGemm();
        default -> throw new IllegalArgumentException("kernel must be ejml or java, got " + kernel);
      };
    }

    void run() {
      gemm.gemm(false, s.transB(), 1, o[0], o[1], 0, o[2]);
    }
  }

  /** OpenBLAS on one shape, in a precision, on a number of threads, with an operand placement. */
  @State(Scope.Thread)
  public static class Blas {
    /** {@code copies}, {@code resident} or {@code native} (see the class comment). */
    @Param({"copies", "resident", "native"})
    public String operands;

    /** {@code DOUBLE} or {@code FLOAT}. */
    @Param({"DOUBLE", "FLOAT"})
    public String precision;

    /** OpenBLAS threads. */
    @Param({"1", "2"})
    public int threads;

    /** The product shape (see {@link Shape}). */
    @Param({
      "20x209x12288", "20x12288x209T", "20x211x2", "3x211x20", "32768x32x144", "32768x144x32T",
      "20x209x100", "1024x1024x1024"
    })
    public String shape;

    Shape s;
    DMatrixRMaj[] o;
    private Precision p;
    private OpenBlasGemm gemm;
    private ResidentMatrix resident = ResidentMatrix.NONE;
    private NativeBuffer a;
    private NativeBuffer b;
    private NativeBuffer c;
    private Pointer pa;
    private Pointer pb;
    private Pointer pc;

    /** Builds the kernel and the operands (in native memory for {@code native}). */
    @Setup(Level.Trial)
    public void setUp() {
      s = Shape.parse(shape);
      o = s.operands();
      p = Precision.valueOf(precision.toUpperCase(Locale.ROOT));
      switch (operands) {
        case "copies", "resident" -> {
          gemm = new OpenBlasGemm(threads, p);
          if (operands.equals("resident")) {
            resident = gemm.keepResident(o[1]);
          }
        }
        case "native" -> {
          a = new NativeBuffer(p);
          b = new NativeBuffer(p);
          c = new NativeBuffer(p);
          pa = a.load(o[0]);
          pb = b.load(o[1]);
          pc = c.reserve(o[2].getNumElements());
        }
        default -> throw new IllegalArgumentException(
            "operands must be copies, resident or native, got " + operands);
      }
    }

    void run() {
      if (gemm != null) {
        gemm.gemm(false, s.transB(), 1, o[0], o[1], 0, o[2]);
      } else {
        OpenBlasRuntime.useThreads(threads);
        OpenBlasGemm.call(p, false, s.transB(), s.m(), s.n(), s.k(), 1, pa, o[0].numCols, pb,
            o[1].numCols, 0, pc, o[2].numCols);
      }
    }

    /** C read back from native memory (for {@code native}; the heap C otherwise). */
    DMatrixRMaj result() {
      if (c != null) {
        c.store(o[2]);
      }
      return o[2];
    }

    /** Frees the native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
      resident.close();
      if (gemm != null) {
        gemm.close();
      }
      for (NativeBuffer nb : new NativeBuffer[] {a, b, c}) {
        if (nb != null) {
          nb.close();
        }
      }
    }
  }

  /**
   * One product on a heap kernel.
   *
   * @param h the state
   * @return C, so that the product is not optimized away
   */
  @Benchmark
  public DMatrixRMaj heap(Heap h) {
    h.run();
    return h.o[2];
  }

  /**
   * One product on OpenBLAS.
   *
   * @param b the state
   * @return C (heap for copies/resident), so that the product is not optimized away
   */
  @Benchmark
  public DMatrixRMaj openblas(Blas b) {
    b.run();
    return b.o[2];
  }
}
