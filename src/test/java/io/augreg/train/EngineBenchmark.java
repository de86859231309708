package io.augreg.train;

import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import io.augreg.nn.OutputKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the engine on the lesson's three football runs (2-20-3-1, GD, lr 0.3, 30 000 iterations,
 * numpy initialization, reference dropout masks) against the numpy peer measured in the same run.
 * Not a test: run it with {@code bench/engine.sh [--no-peer]}.
 */
public final class EngineBenchmark {
  private static final String[] MODES = {"none", "l2", "dropout"};

  private EngineBenchmark() {}

  static TrainConfig config(String mode) {
    TrainConfig.Builder b = TrainConfig.builder().learningRate(0.3).epochs(30_000).evalEvery(30_000)
        .recordedCost(RecordedCost.DURING_PASS);
    return switch (mode) {
      case "l2" -> b.l2(0.7).build();
      case "dropout" -> b.keepProb(0.86).dropoutMasks(DropoutMasks.REFERENCE).build();
      default -> b.build();
    };
  }

  static double run(Football data, String mode) {
    String arch = mode.equals("dropout")
        ? "dense units=20 | dropout keep=0.86 | dense units=3 | dropout keep=0.86"
        : "dense units=20 | dense units=3";
    Network init = Network.initialize(Architecture.parse(arch), Shape.flat(2),
        OutputKind.SIGMOID_BINARY, 1, 3, "numpy");
    long t0 = System.nanoTime();
    TrainResult r = new Trainer(config(mode), 1, Precision.DOUBLE)
        .train(init, data.train, null, null);
    double s = (System.nanoTime() - t0) / 1e9;
    double tr = r.model().accuracy(data.train, new JavaGemm());
    double te = r.model().accuracy(data.test, new JavaGemm());
    System.out.printf(Locale.ROOT, "  %-8s %.3f s  train %.4f test %.3f%n", mode, s, tr, te);
    return s;
  }

  /** Runs the numpy peer for one mode and returns its own timing of model(). */
  static double numpy(String python, Path script, Path data, String mode) throws Exception {
    Process p = new ProcessBuilder(python, script.toString(), data.toString(), mode)
        .redirectErrorStream(true).start();
    String last = "";
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        last = line;
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("numpy peer failed: " + last);
    }
    Matcher m = Pattern.compile("seconds=([0-9.]+)").matcher(last);
    if (!m.find()) {
      throw new IllegalStateException("unexpected peer output: " + last);
    }
    System.out.println("  numpy " + last);
    return Double.parseDouble(m.group(1));
  }

  /**
   * Entry point.
   *
   * @param args {@code --no-peer} to skip numpy
   */
  public static void main(String[] args) throws Exception {
    boolean peer = !List.of(args).contains("--no-peer");
    long process = System.nanoTime();
    Football data = Football.load();
    System.out.println("cold (first runs in a fresh JVM, JIT warming up):");
    double cold = 0;
    for (String mode : MODES) {
      cold += run(data, mode);
    }
    System.out.println("warm (best of 3):");
    double[] warm = new double[MODES.length];
    for (int i = 0; i < MODES.length; i++) {
      warm[i] = Double.POSITIVE_INFINITY;
    }
    for (int rep = 0; rep < 3; rep++) {
      for (int i = 0; i < MODES.length; i++) {
        warm[i] = Math.min(warm[i], run(data, MODES[i]));
      }
    }
    System.out.println("three runs in parallel on 2 threads:");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    long t0 = System.nanoTime();
    List<Future<Double>> futures = new ArrayList<>();
    for (String mode : MODES) {
      futures.add(pool.submit(() -> run(data, mode)));
    }
    for (Future<Double> f : futures) {
      f.get();
    }
    double parallel = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    System.out.printf(Locale.ROOT, "  wall %.3f s%n", parallel);
    System.out.printf(Locale.ROOT, "java: cold total %.3f s, warm %.3f + %.3f + %.3f s, "
        + "process so far %.1f s%n", cold, warm[0], warm[1], warm[2],
        (System.nanoTime() - process) / 1e9);
    if (!peer) {
      return;
    }
    Path script = Path.of("..", "shared", "reference", "peers", "numpy_football.py");
    Path mat = Path.of("data", "football", "data.mat");
    if (!Files.exists(mat)) {
      mat = Path.of("..", "shared", "datasets", "football", "data.mat");
    }
    String python = System.getenv().getOrDefault("PYTHON", "python3");
    double total = 0;
    for (int i = 0; i < MODES.length; i++) {
      double s = numpy(python, script, mat, MODES[i]);
      total += s;
      System.out.printf(Locale.ROOT, "  %-8s numpy %.3f s / java warm %.3f s = %.1fx%n",
          MODES[i], s, warm[i], s / warm[i]);
    }
    System.out.printf(Locale.ROOT,
        "numpy three runs %.2f s; java warm sequential %.3f s (%.1fx), cold sequential %.3f s "
            + "(%.1fx), parallel on 2 threads %.3f s (%.1fx)%n",
        total, warm[0] + warm[1] + warm[2], total / (warm[0] + warm[1] + warm[2]), cold,
        total / cold, parallel, total / parallel);
  }
}
