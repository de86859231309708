package io.augreg.train;

import io.augreg.nn.Activation;
import io.augreg.nn.Network;
import io.augreg.nn.NumpyRandom;
import io.augreg.nn.OutputKind;
import io.augreg.nn.linalg.JavaGemm;
import java.util.Locale;

/**
 * Microseconds per full-batch iteration of the football network (2-20-3-1, m = 211), split into
 * forward, backward and update, per mode (none, l2, dropout with the reference masks). The first
 * block of iterations shows the JIT warming up; the later ones the steady state. Not a test: run
 * it with {@code bench/phases.sh}.
 */
public final class PhaseBenchmark {
  private PhaseBenchmark() {}

  /**
   * Entry point.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws Exception {
    Football data = Football.load();
    for (String mode : new String[] {"none", "l2", "dropout"}) {
      TrainConfig config = EngineBenchmark.config(mode);
      Network init = Network.initializeNumpy(new int[] {2, 20, 3, 1}, Activation.RELU,
          OutputKind.SIGMOID_BINARY, 3);
      double[][] w = init.weightArrays();
      double[][] b = init.biasArrays();
      int m = data.train.size();
      double[] keep = {1, config.dropout() ? config.keepProb(1) : 1,
          config.dropout() ? config.keepProb(2) : 1, 1};
      Propagation prop = new Propagation(init, w, b, keep, m, new JavaGemm());
      prop.input(data.train.x());
      prop.scaledMasks = true; // as Trainer
      if (config.dropout()) {
        Trainer.referenceMasks(prop, new NumpyRandom(1), m);
      }
      Updater updater = new Updater(config, w, b);
      double[] y = data.train.y().data;
      int block = 2000;
      StringBuilder line = new StringBuilder();
      for (int rep = 0; rep < 15; rep++) {
        long tf = 0, tb = 0, tu = 0;
        for (int it = 0; it < block; it++) {
          long t0 = System.nanoTime();
          prop.forward(true);
          long t1 = System.nanoTime();
          prop.backward(y);
          long t2 = System.nanoTime();
          updater.step(prop, m);
          long t3 = System.nanoTime();
          tf += t1 - t0;
          tb += t2 - t1;
          tu += t3 - t2;
        }
        if (rep == 0 || rep == 1 || rep == 2 || rep == 14) {
          line.append(String.format(Locale.ROOT, "  [%5d] fwd %.1f bwd %.1f upd %.1f = %.1f µs",
              (rep + 1) * block, tf / 1e3 / block, tb / 1e3 / block, tu / 1e3 / block,
              (tf + tb + tu) / 1e3 / block));
        }
      }
      System.out.printf(Locale.ROOT, "%-8s cost %.6f%n%s%n", mode, prop.dataCost(y), line);
    }
  }
}
