package io.augreg.nn.linalg;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.bytedeco.javacpp.Pointer;
import org.ejml.data.DMatrixRMaj;

/**
 * Measures GFLOP/s of the {@link Gemm} paths on the products of the cat MLP and the football
 * network, and (with {@code --sweep}) the EJML/OpenBLAS crossover that sets {@link
 * Gemms#DEFAULT_THRESHOLD}.
 *
 * <p>Paths: EJML; OpenBLAS on 1 and 2 threads, double and float, (a) copying every operand between
 * the Java heap and native memory, (b) with the large constant operand B (the input X) kept
 * resident ({@link Gemm#keepResident}), (c) "no copies": cblas on operands already in native
 * memory, the bound of what any heap-based path can reach. Each path is warmed up, then timed
 * until {@link Config#secondsPerPath()} has passed (at least 3 runs); the table gives the median
 * time and the GFLOP/s ({@code 2·m·n·k / time}) of the median and of the fastest run, and the
 * speed-up over EJML measured in the same run.
 *
 * <p>Run it with {@code bench/gemm.sh [--sweep] [--seconds S]}; a CLI can call {@link #run} and
 * {@link #table}.
 */
public final class GemmBench {

  /**
   * One product shape: {@code C(m×n) = op(A) · op(B)} with inner dimension {@code k}.
   *
   * @param label what the product is in the network
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param transB whether B is used transposed (dW = dZ · Xᵀ)
   * @param bIsConstant whether B is the constant training input (eligible for residency)
   */
  public record Case(String label, int m, int n, int k, boolean transB, boolean bIsConstant) {
    /** Floating-point operations of one product: {@code 2·m·n·k}. */
    public double flops() {
      return 2.0 * m * n * k;
    }
  }

  /**
   * One measured (case, path) pair.
   *
   * @param label the case label
   * @param path the path measured, e.g. {@code openblas-1t resident}
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param medianMillis median time of one product in milliseconds
   * @param gflops GFLOP/s at the median time
   * @param bestGflops GFLOP/s of the fastest run
   * @param vsEjml median speed-up over EJML in the same run (1 for EJML itself)
   */
  public record Result(
      String label, String path, int m, int n, int k, double medianMillis, double gflops,
      double bestGflops, double vsEjml) {}

  /**
   * What to measure.
   *
   * @param cases the shapes
   * @param secondsPerPath timing budget per (case, path), > 0
   * @param full all paths; otherwise only EJML and one-thread double OpenBLAS with copies (the
   *     two an {@link AdaptiveGemm} chooses between)
   * @param extra further implementations measured after EJML (e.g. the plain-Java small path)
   */
  public record Config(List<Case> cases, double secondsPerPath, boolean full, List<Gemm> extra) {
    /** Validates the budget and copies the lists. */
    public Config {
      if (!(secondsPerPath > 0)) {
        throw new IllegalArgumentException("secondsPerPath must be > 0, got " + secondsPerPath);
      }
      cases = List.copyOf(cases);
      extra = List.copyOf(extra);
    }
  }

  /** Interleaved rounds per case (see {@link #run}). */
  public static final int ROUNDS = 3;

  private GemmBench() {}

  /** The products of the cat MLP's first layer and of the football network. */
  public static List<Case> networkCases() {
    return List.of(
        new Case("cat fwd W1·X", 20, 209, 12288, false, true),
        new Case("cat bwd dZ1·Xᵀ", 20, 12288, 209, true, true),
        new Case("football W1·X", 20, 211, 2, false, true),
        new Case("football W2·A1", 3, 211, 20, false, false));
  }

  /**
   * Sizes around the crossover: layer-like {@code 20×k · k×209} for k from 2 to 1024, and squares.
   */
  public static List<Case> sweepCases() {
    List<Case> cases = new ArrayList<>();
    for (int k : new int[] {2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
      cases.add(new Case("layer k=" + k, 20, 209, k, false, false));
    }
    for (int s : new int[] {8, 16, 24, 32, 48, 64, 96, 128}) {
      cases.add(new Case("square " + s, s, s, s, false, false));
    }
    return cases;
  }

  /**
   * Measures every case on every path of {@code config}, EJML first. The paths of a case run in
   * {@link #ROUNDS} interleaved rounds so that load from other processes spreads over all of them.
   */
  public static List<Result> run(Config config) {
    List<Result> results = new ArrayList<>();
    for (Case c : config.cases()) {
      List<Path> paths = paths(c, config);
      DMatrixRMaj[] operands = operands(c);
      List<Prepared> prepared = new ArrayList<>();
      List<double[]> times = new ArrayList<>();
      try {
        for (Path p : paths) {
          prepared.add(p.factory().apply(c, operands));
          times.add(new double[0]);
        }
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < paths.size(); i++) {
            times.set(i, time(prepared.get(i), config.secondsPerPath() / ROUNDS, times.get(i)));
          }
        }
      } finally {
        prepared.forEach(Prepared::close);
      }
      double ejmlMedian = Double.NaN;
      for (int i = 0; i < paths.size(); i++) {
        double[] sorted = times.get(i).clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (i == 0) {
          ejmlMedian = median;
        }
        results.add(new Result(c.label(), paths.get(i).name(), c.m(), c.n(), c.k(), median * 1e3,
            c.flops() / median / 1e9, c.flops() / sorted[0] / 1e9, ejmlMedian / median));
      }
    }
    return results;
  }

  /** The results as a Markdown table. */
  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| product | m×n×k | path | median ms | GFLOP/s | best GFLOP/s | × EJML |\n");
    sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "| %s | %d×%d×%d | %s | %.3g | %.2f | %.2f | %.1f |%n",
          r.label(), r.m(), r.n(), r.k(), r.path(), r.medianMillis(), r.gflops(), r.bestGflops(),
          r.vsEjml()));
    }
    return sb.toString();
  }

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args {@code --sweep} adds the crossover sizes (EJML vs OpenBLAS only); {@code --seconds
   *     S} sets the budget per path (default 0.5); {@code --small CLASS} adds a {@link Gemm} with a
   *     public no-argument constructor (e.g. {@code io.augreg.nn.linalg.JavaGemm}) to every case
   * @throws ReflectiveOperationException if the {@code --small} class cannot be instantiated
   */
  public static void main(String[] args) throws ReflectiveOperationException {
    boolean sweep = false;
    double seconds = 0.5;
    List<Gemm> extra = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sweep" -> sweep = true;
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--small" -> extra.add(
            (Gemm) Class.forName(args[++i]).getDeclaredConstructor().newInstance());
        default -> {
          System.err.println("usage: GemmBench [--sweep] [--seconds S] [--small CLASS]");
          System.exit(2);
        }
      }
    }
    System.out.printf(Locale.ROOT, "# gemm bench %s, %d cores, load average %.2f, Java %s%n%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.version"));
    System.out.println(table(run(new Config(networkCases(), seconds, true, extra))));
    if (sweep) {
      System.out.println(table(run(new Config(sweepCases(), seconds, false, extra))));
    }
    System.out.printf(Locale.ROOT, "# load average at end %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Appends to {@code times} the durations (seconds) of runs during {@code seconds}, after warm-up. */
  private static double[] time(Prepared p, double seconds, double[] times) {
    long budget = (long) (seconds * 1e9);
    long warmEnd = System.nanoTime() + budget / 4;
    do {
      p.run();
    } while (System.nanoTime() < warmEnd);
    int count = times.length;
    double[] out = Arrays.copyOf(times, count + 16);
    int mine = 0;
    long end = System.nanoTime() + budget;
    while (mine < 3 || (System.nanoTime() < end && mine < 100_000)) {
      long t0 = System.nanoTime();
      p.run();
      double dt = (System.nanoTime() - t0) / 1e9;
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = dt;
      mine++;
    }
    return Arrays.copyOf(out, count);
  }

  /** A product ready to run repeatedly; closing releases what it allocated. */
  private interface Prepared extends AutoCloseable {
    void run();

    @Override
    void close();
  }

  /** A named way of computing one case on given operands {A, B, C}. */
  private record Path(String name, BiFunction<Case, DMatrixRMaj[], Prepared> factory) {}

  private static List<Path> paths(Case c, Config config) {
    List<Path> paths = new ArrayList<>();
    paths.add(new Path("ejml", (k, o) -> heap(k, o, new EjmlGemm(), false)));
    for (Gemm extra : config.extra()) {
      paths.add(new Path(extra.name(), (k, o) -> heap(k, o, extra, false)));
    }
    paths.add(new Path("openblas-1t copies",
        (k, o) -> heap(k, o, new OpenBlasGemm(1, Precision.DOUBLE), false)));
    if (!config.full()) {
      return paths;
    }
    for (Precision precision : Precision.values()) {
      for (int threads : new int[] {1, 2}) {
        String base = "openblas" + (precision == Precision.FLOAT ? "-f32" : "") + "-" + threads
            + "t";
        if (threads != 1 || precision != Precision.DOUBLE) {
          paths.add(new Path(base + " copies",
              (k, o) -> heap(k, o, new OpenBlasGemm(threads, precision), false)));
        }
        if (c.bIsConstant()) {
          paths.add(new Path(base + " X resident",
              (k, o) -> heap(k, o, new OpenBlasGemm(threads, precision), true)));
        }
        paths.add(new Path(base + " no copies", (k, o) -> offHeap(k, o, threads, precision)));
      }
    }
    return paths;
  }

  private static DMatrixRMaj random(int rows, int cols, SplittableRandom rnd) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rnd.nextDouble(-1, 1);
    }
    return m;
  }

  private static DMatrixRMaj[] operands(Case c) {
    SplittableRandom rnd = new SplittableRandom(c.m() * 31L + c.n() * 17L + c.k());
    DMatrixRMaj a = random(c.m(), c.k(), rnd);
    DMatrixRMaj b = c.transB() ? random(c.n(), c.k(), rnd) : random(c.k(), c.n(), rnd);
    return new DMatrixRMaj[] {a, b, new DMatrixRMaj(c.m(), c.n())};
  }

  /** Heap operands through the {@link Gemm} interface, optionally with B resident. */
  private static Prepared heap(Case c, DMatrixRMaj[] o, Gemm gemm, boolean resident) {
    ResidentMatrix r = resident ? gemm.keepResident(o[1]) : ResidentMatrix.NONE;
    return new Prepared() {
      @Override
      public void run() {
        gemm.gemm(false, c.transB(), 1, o[0], o[1], 0, o[2]);
      }

      @Override
      public void close() {
        r.close();
        if (gemm instanceof OpenBlasGemm blas) {
          blas.close();
        }
      }
    };
  }

  /** All operands already in native memory: the cblas call alone. */
  private static Prepared offHeap(Case c, DMatrixRMaj[] o, int threads, Precision precision) {
    NativeBuffer a = new NativeBuffer(precision);
    NativeBuffer b = new NativeBuffer(precision);
    NativeBuffer out = new NativeBuffer(precision);
    Pointer pa = a.load(o[0]);
    Pointer pb = b.load(o[1]);
    Pointer pc = out.reserve(o[2].getNumElements());
    return new Prepared() {
      @Override
      public void run() {
        OpenBlasRuntime.useThreads(threads);
        OpenBlasGemm.call(precision, false, c.transB(), c.m(), c.n(), c.k(),
            1, pa, o[0].numCols, pb, o[1].numCols, 0, pc, o[2].numCols);
      }

      @Override
      public void close() {
        a.close();
        b.close();
        out.close();
      }
    };
  }
}
