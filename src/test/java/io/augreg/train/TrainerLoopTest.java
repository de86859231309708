package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.augreg.data.Dataset;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The work of the training loop around the step: batches as rows ({@link
 * DatasetBatches#asRows()}) and the Adam step without L1 give exactly what the columns and the
 * general Adam loop gave.
 */
class TrainerLoopTest {

  @Test
  void rowBatchesAreTheColumnBatchesTransposed() {
    Dataset d = TrainerTest.bars(37, 4, 3, 2);
    DatasetBatches columns = new DatasetBatches(d, 16, 5);
    BatchStream rows = columns.asRows();
    assertNotSame(columns, rows);
    assertSame(rows, rows.asRows());
    assertEquals(37, rows.size());
    int f = d.features();
    for (int pass = 0; pass < 3; pass++) {
      // epochs 1 and 2 (their own shuffles), then the clean pass in order
      try (BatchStream.Epoch a = pass < 2 ? columns.epoch(pass + 1) : columns.clean();
          BatchStream.Epoch b = pass < 2 ? rows.epoch(pass + 1) : rows.clean()) {
        int batches = 0;
        for (BatchStream.Batch c = a.next(); c != null; c = a.next(), batches++) {
          BatchStream.Batch r = b.next();
          assertNull(r.x());
          assertNull(c.rows());
          assertEquals(c.size(), r.size());
          assertArrayEquals(Arrays.copyOf(c.y(), c.size()), Arrays.copyOf(r.y(), r.size()));
          double[] got = new double[c.size() * f];
          r.copyRows(0, c.size(), f, got);
          double[] tail = new double[(c.size() - 3) * f];
          r.copyRows(3, c.size() - 3, f, tail);
          for (int j = 0; j < c.size(); j++) {
            for (int i = 0; i < f; i++) {
              assertEquals(c.x().get(i, j), got[j * f + i], 0.0);
              if (j >= 3) {
                assertEquals(c.x().get(i, j), tail[(j - 3) * f + i], 0.0);
              }
            }
          }
        }
        assertNull(b.next());
        // 16 + 16 + 5
        assertEquals(3, batches);
      }
    }
  }

  @Test
  void adamAndAdamWWithoutL1GiveTheWeightsTheyGaveBefore() {
    // recorded at f5710b8 (batches as columns, Adam's loop with the λ1·sign θ term): 3 epochs of
    // 4 batches (16, 16, 16, 5), two dropout layers, weight decay; on one and two threads
    long[] expected = {-2129993699164008947L, 2053565585902624986L, 8767405789405950809L,
        3864568188821687346L, 4578414567408466741L, 646148477222839959L,
        -3856087341121937788L, -1684781067901895098L};
    long[] got = new long[expected.length];
    int k = 0;
    for (Optimizer o : new Optimizer[] {Optimizer.ADAM, Optimizer.ADAMW}) {
      for (double l2 : new double[] {0, 0.1}) {
        for (int threads = 1; threads <= 2; threads++) {
          got[k++] = weightsAfter3Epochs(o, l2, 5e-4, 16, threads);
        }
      }
    }
    assertEquals(Arrays.toString(expected), Arrays.toString(got));
  }

  @Test
  void threeAndFourThreadsGiveTheWeightsTheyGaveBefore() {
    // recorded at 7de329a (thread pool, batches copied by the training thread): 3 threads on
    // batches of 16 (slices 5/5/6, the last batch of 5: 1/2/2); 4 threads on batches of 3, so
    // every step has fewer slices than threads and the last batch (2 examples) only 2
    long[] expected = {-9015478319260316226L, -4067993728767710091L};
    long[] got = {weightsAfter3Epochs(Optimizer.ADAM, 0.1, 0, 16, 3),
        weightsAfter3Epochs(Optimizer.ADAM, 0.1, 0, 3, 4)};
    assertArrayEquals(expected, got);
  }

  /**
   * The bits of the weights after 3 epochs of a small CNN (two convolutions, two dropout layers)
   * on 53 examples of 8×8×3 bars.
   */
  private static long weightsAfter3Epochs(Optimizer o, double l2, double decay, int batch,
      int threads) {
    Architecture arch = Architecture.parse("conv filters=4 k=3 | pool k=2 | conv filters=4 k=3"
        + " | dropout keep=0.8 | dense units=8 | dropout keep=0.7");
    Dataset train = TrainerTest.bars(53, 8, 3, 7);
    Network net = Network.initialize(arch, new Shape(8, 8, 3), OutputKind.SIGMOID_BINARY, 1, 5);
    TrainConfig c = TrainConfig.builder().optimizer(o).learningRate(0.01).epochs(3)
        .batchSize(batch).l2(l2).weightDecay(decay).seed(3).build();
    return TrainerTest.bits(new Trainer(c, threads, Precision.FLOAT)
        .train(net, new DatasetBatches(train, batch, 3), null, null).model());
  }

  @Test
  void adamWithoutL1IsTheGeneralStepBitForBit() {
    // zeros of both signs in the weights and gradient sums, where dropping λ1·sign θ could only
    // show; the reference is the general formula with Math.signum, evaluated here
    double[] special = {0.0, -0.0, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -3.5};
    double[] grads = {-0.0, -0.0, 0.0, 0.0, -0.0, -0.0, 2.0, -0.0};
    SplittableRandom r = new SplittableRandom(9);
    int n = 4096;
    for (Optimizer o : new Optimizer[] {Optimizer.ADAM, Optimizer.ADAMW}) {
      for (double l2 : new double[] {0, 0.3}) {
        for (double wd : new double[] {0, 5e-4}) {
          double[] w = new double[n];
          double[] g = new double[n];
          for (int i = 0; i < n; i++) {
            w[i] = i < special.length ? special[i] : r.nextDouble() - 0.5;
            g[i] = i < grads.length ? grads[i] : i % 7 == 0 ? -0.0 : r.nextDouble() - 0.5;
          }
          double[] v = new double[n];
          double[] s = new double[n];
          double[] want = w.clone();
          Param p = new Param("w", w, g, Param.Role.WEIGHT);
          TrainConfig c = TrainConfig.builder().optimizer(o).learningRate(0.01).l2(l2)
              .weightDecay(wd).build();
          ParamOptimizer opt = new ParamOptimizer(c, List.of(p));
          for (int t = 1; t <= 3; t++) {
            opt.step(8);
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            boolean decoupled = o == Optimizer.ADAMW;
            for (int i = 0; i < n; i++) {
              double gi = (1.0 / 8) * (g[i] + l2 * want[i] + 0.0 * Math.signum(want[i]))
                  + (decoupled ? 0 : wd) * want[i];
              v[i] = 0.9 * v[i] + (1 - 0.9) * gi;
              s[i] = 0.999 * s[i] + (1 - 0.999) * gi * gi;
              want[i] = want[i] * (decoupled ? 1 - 0.01 * wd : 1)
                  - 0.01 * (v[i] / c1) / (Math.sqrt(s[i] / c2) + 1e-8);
            }
            for (int i = 0; i < n; i++) {
              assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(w[i]),
                  o + " l2=" + l2 + " wd=" + wd + " step " + t + " value " + i);
            }
          }
        }
      }
    }
  }
}
