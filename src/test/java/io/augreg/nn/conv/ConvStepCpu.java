package io.augreg.nn.conv;

import io.augreg.nn.Architecture;
import io.augreg.nn.LayerStack;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CPU time of one training step of the small CNN ({@link Architecture#SMALL_CNN} on 64×64×3,
 * batch 32, one thread, the product kernel of one trainer worker), measured as this thread's CPU
 * time rather than wall time, so that other processes on a busy machine disturb it less: 40 warm-up
 * steps, then {@code CHUNKS} chunks of steps; prints the fastest and the median chunk's ms per
 * step and a hash of the parameter gradients after the warm-up (equal hashes: bit-identical
 * gradients). Uses public API only, so {@code bench/cnn_step.sh} runs it against another augreg
 * jar too. Usage: {@code ConvStepCpu FLOAT|DOUBLE [STEPS]}; never run by the tests.
 */
public final class ConvStepCpu {
  private static final int CHUNKS = 15;

  private ConvStepCpu() {}

  /**
   * Runs the measurement.
   *
   * @param args precision ({@code FLOAT} or {@code DOUBLE}) and measured steps (default 150)
   */
  public static void main(String[] args) {
    Precision precision = Precision.valueOf(args.length > 0 ? args[0] : "FLOAT");
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    Shape in = new Shape(64, 64, 3);
    int batch = 32;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (AdaptiveGemm gemm = new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision),
        Gemms.DEFAULT_THRESHOLD)) {
      LayerStack stack = LayerStack.build(Architecture.parse(Architecture.SMALL_CNN), in,
          OutputKind.SIGMOID_BINARY, 1, null, gemm);
      SplittableRandom r = new SplittableRandom(1);
      for (Param p : stack.params()) {
        double[] v = p.value();
        for (int i = 0; i < v.length; i++) {
          v[i] = (r.nextDouble() * 2 - 1) * 0.1;
        }
      }
      double[] x = new double[batch * in.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextDouble() * 2 - 1;
      }
      // ten flat rows of the first image: equal maxima in the pooling windows
      Arrays.fill(x, 0, 3 * 64 * 10, 0.25);
      double[] labels = new double[batch];
      for (int i = 0; i < batch; i += 2) {
        labels[i] = 1;
      }
      Pass pass = Pass.training(7);
      for (int s = 0; s < 40; s++) {
        step(stack, x, labels, batch, pass);
      }
      long hash = 0;
      for (Param p : stack.params()) {
        for (double g : p.grad()) {
          hash = hash * 31 + Double.doubleToRawLongBits(g);
        }
      }
      double[] ms = new double[CHUNKS];
      int per = Math.max(1, steps / CHUNKS);
      for (int c = 0; c < CHUNKS; c++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int s = 0; s < per; s++) {
          step(stack, x, labels, batch, pass);
        }
        ms[c] = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / per;
      }
      Arrays.sort(ms);
      System.out.printf("precision=%s step_cpu_ms_min=%.2f step_cpu_ms_median=%.2f grad_hash=%x%n",
          precision, ms[0], ms[CHUNKS / 2], hash);
    }
  }

  private static void step(LayerStack stack, double[] x, double[] labels, int batch, Pass pass) {
    stack.zeroGrads();
    stack.forward(x, batch, pass);
    stack.loss(labels, 0, batch);
    stack.backward(batch);
  }
}
