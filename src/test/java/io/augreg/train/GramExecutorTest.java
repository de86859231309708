package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.data.Dataset;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GramExecutorTest {
  /** 8×8×3 = 192 features, 30 examples: more features than examples. */
  private static final Shape SHAPE = new Shape(8, 8, 3);
  private static final Architecture ARCH =
      Architecture.parse("dense units=16 | dropout keep=0.8 | dense units=4");

  @TempDir Path dir;

  private static Dataset train() {
    return TrainerTest.bars(30, 8, 3, 1);
  }

  private static Dataset dev() {
    return TrainerTest.bars(20, 8, 3, 2);
  }

  private static Network net(Architecture arch) {
    return Network.initialize(arch, SHAPE, OutputKind.SIGMOID_BINARY, 1, 5);
  }

  private static TrainConfig.Builder gd(int epochs) {
    return TrainConfig.builder().optimizer(Optimizer.GD).learningRate(0.05).epochs(epochs)
        .batchSize(0).l2(0.7).weightDecay(0.001).seed(4);
  }

  /**
   * Without penalties (nothing reads the weights at a recorded epoch) and with early stopping on
   * the dev accuracy (the kept epoch's weights stay in the Gram state until they are read).
   */
  private static TrainConfig.Builder early(int epochs, int patience) {
    return gd(epochs).l2(0).weightDecay(0)
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_ACCURACY, patience, 0));
  }

  private static BatchStream.Batch fixed(Dataset d) {
    return new FullBatch(d).batch();
  }

  /** max |a − b| / max |b| over the arrays. */
  private static double relativeError(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num = Math.max(num, Math.abs(a[i] - b[i]));
      den = Math.max(den, Math.abs(b[i]));
    }
    return num / den;
  }

  @ParameterizedTest(name = "{0} thread(s), early stopping {1}")
  @CsvSource({"1,false", "2,true"})
  void costsAndWeightsMatchThePlainPath(int threads, boolean early) {
    // 250 steps: two anchors; L2 and weight decay or early stopping, dropout after the first
    // layer, a dev set
    TrainConfig c = early ? early(250, 60).build() : gd(250).build();
    Network net = net(ARCH);
    Dataset train = train();
    assertTrue(GramExecutor.applies(c, net, fixed(train)));
    Trainer trainer = new Trainer(c, threads, Precision.DOUBLE);
    TrainResult gram = trainer.train(net, train, dev(), null);
    // the same batch copied every epoch: nothing is fixed, the slice executor runs it
    TrainResult plain = trainer.train(net, TrainerTest.copiedFullBatch(train), dev(), null);

    assertEquals(plain.bestEpoch(), gram.bestEpoch());
    assertEquals(plain.stopEpoch(), gram.stopEpoch());
    assertEquals(early, gram.bestEpoch() < gram.stopEpoch(), "the kept epoch is an earlier one");
    List<EpochRecord> p = plain.history().epochs();
    List<EpochRecord> g = gram.history().epochs();
    assertEquals(p.size(), g.size());
    for (int e = 0; e < p.size(); e++) {
      EpochRecord x = p.get(e);
      EpochRecord y = g.get(e);
      assertEquals(x.trainCost(), y.trainCost(), 1e-10 * x.trainCost(), "train cost " + e);
      assertEquals(x.devCost(), y.devCost(), 1e-10 * x.devCost(), "dev cost " + e);
      assertEquals(x.trainAccuracy(), y.trainAccuracy(), "train accuracy " + e);
      assertEquals(x.devAccuracy(), y.devAccuracy(), "dev accuracy " + e);
    }
    List<double[]> wp = plain.model().parameters();
    List<double[]> wg = gram.model().parameters();
    for (int i = 0; i < wp.size(); i++) {
      double err = relativeError(wg.get(i), wp.get(i));
      assertTrue(err < 1e-10, "parameter array " + i + ": relative error " + err);
    }
  }

  @Test
  void appliesOnlyWhenTheFirstLayerIsLinearInItsWeights() {
    Network net = net(ARCH);
    BatchStream.Batch full = fixed(train());
    assertTrue(GramExecutor.applies(gd(5).build(), net, full));
    assertTrue(GramExecutor.applies(gd(5).optimizer(Optimizer.SGD).build(), net, full));
    TrainingAids smoothing = new TrainingAids(0.1, 0, 0, 1, 0, LrSchedule.CONSTANT);
    assertTrue(GramExecutor.applies(gd(5).aids(smoothing).build(), net, full));
    // mini-batches (no fixed batch), L1, momentum, Adam, max-norm
    assertFalse(GramExecutor.applies(gd(5).build(), net, null));
    assertFalse(GramExecutor.applies(gd(5).l1(0.1).build(), net, full));
    assertFalse(GramExecutor.applies(gd(5).optimizer(Optimizer.MOMENTUM).build(), net, full));
    assertFalse(GramExecutor.applies(gd(5).optimizer(Optimizer.ADAM).build(), net, full));
    TrainingAids maxNorm = new TrainingAids(0, 0, 0, 1, 3.0, LrSchedule.CONSTANT);
    assertFalse(GramExecutor.applies(gd(5).aids(maxNorm).build(), net, full));
    // dropout on the inputs, a convolution first
    assertFalse(GramExecutor.applies(gd(5).build(),
        net(Architecture.parse("dropout keep=0.9 | dense units=16 | dense units=4")), full));
    assertFalse(GramExecutor.applies(gd(5).build(),
        net(Architecture.parse("conv filters=2 k=3 | dense units=4")), full));
    // as many examples as features: it does not pay
    assertFalse(GramExecutor.applies(gd(5).build(), net,
        fixed(TrainerTest.bars(192, 8, 3, 1))));
  }

  /** A random matrix of the given shape. */
  private static DMatrixRMaj random(int rows, int cols, SplittableRandom r) {
    DMatrixRMaj a = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < a.data.length; i++) {
      a.data[i] = r.nextDouble(-1, 1);
    }
    return a;
  }

  @Test
  void writesOutExactlyTheWeightsOfThePlainSteps() {
    SplittableRandom r = new SplittableRandom(7);
    int n = 50;
    int m = 12;
    int h = 3;
    DMatrixRMaj x = random(n, m, r);
    DMatrixRMaj w = random(n, h, r);
    double[] ref = w.data.clone();
    double[] live = w.data.clone();
    double[] other = w.data.clone();
    JavaGemm gemm = new JavaGemm();
    try (GramSpace space = new GramSpace(x, live, h, gemm, gemm);
        GramSpace never = new GramSpace(x, other, h, gemm, gemm)) {
      double[] y = new double[m * h];
      double[] none = new double[h];
      for (int step = 1; step <= 150; step++) {
        double[] dy = random(m, h, r).data;
        double rate = 0.01 * step % 0.3 + 0.01;
        double invM = 1.0 / m;
        space.step(dy, rate, invM, 0.5, 0.002);
        never.step(dy, rate, invM, 0.5, 0.002);
        // W = c·W + Xᵀ·D (features × units), D = −(α/m)·dY, c = 1 − α·(λ/m + wd)
        double c = 1 - rate * (invM * 0.5 + 0.002);
        for (int i = 0; i < n; i++) {
          for (int u = 0; u < h; u++) {
            double s = 0;
            for (int j = 0; j < m; j++) {
              s += x.get(i, j) * -(rate * invM * dy[j * h + u]);
            }
            ref[i * h + u] = c * ref[i * h + u] + s;
          }
        }
        space.materialize();
        assertTrue(relativeError(live, ref) < 1e-12, "step " + step);
        // ‖W‖² followed through the steps, for the penalty
        assertEquals(Penalty.squares(ref), space.squares(), 1e-12 * Penalty.squares(ref));
        // the layer's output on the training set: P = Xᵀ·W (examples as rows)
        space.input(0, none, y);
        for (int j = 0; j < m; j++) {
          for (int u = 0; u < h; u++) {
            double p = 0;
            for (int i = 0; i < n; i++) {
              p += x.get(i, j) * ref[i * h + u];
            }
            assertEquals(p, y[j * h + u], 1e-12 * n, "P at step " + step);
          }
        }
        if (step % 50 == 0) {
          space.anchor();
          never.anchor();
        }
      }
      // writing the weights out is a read: the state that never wrote them out is the same
      never.materialize();
      assertArrayEquals(live, other, 0.0);
    }
  }

  @ParameterizedTest(name = "early stopping {0}")
  @CsvSource({"false", "true"})
  void resumedRunEqualsTheUninterruptedOne(boolean early) {
    TrainConfig c = early ? early(320, 500).build() : gd(320).build();
    Trainer trainer = new Trainer(c, 1, Precision.DOUBLE);
    Network net = net(ARCH);
    TrainResult whole = trainer.train(net, train(), dev(), null);

    Path file = dir.resolve("gram.ckpt");
    Checkpointing ck = Checkpointing.every(7, file);
    TrainingListener stopAt250 = r -> {
      if (r.epoch() == 250) {
        ck.requestStop();
      }
    };
    TrainResult cut = new Trainer(c, 1, Precision.DOUBLE).train(net, new FullBatch(train()),
        dev(), stopAt250, ck);
    assertEquals(StopReason.INTERRUPTED, cut.stopReason());
    TrainingState saved = TrainingState.load(file);
    // checkpoints and the stop wait for the next anchor of the Gram state (every 100 steps)
    assertEquals(300, saved.step());
    assertEquals(3, ck.writeTimes()[0], 0.0);

    TrainResult rest = trainer.train(net, new FullBatch(train()), dev(), null,
        Checkpointing.every(7, file).resumeFrom(saved));
    assertEquals(whole.history(), rest.history());
    assertEquals(whole.bestEpoch(), rest.bestEpoch());
    assertEquals(early, whole.bestEpoch() < 300, "the checkpoint keeps an earlier epoch");
    List<double[]> a = whole.model().parameters();
    List<double[]> r = rest.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), r.get(i), 0.0, "parameter array " + i);
    }
  }
}
