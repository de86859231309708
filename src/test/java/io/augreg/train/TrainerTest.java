package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.NumpyRandom;
import io.augreg.nn.OutputKind;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
  private static Football football;

  @BeforeAll
  static void load() throws Exception {
    football = Football.load();
  }

  /** Two Gaussian blobs (classes 0/1) or k blobs for softmax, in 2-D, examples as columns. */
  static Dataset blobs(int m, int classes, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DMatrixRMaj x = new DMatrixRMaj(2, m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    for (int j = 0; j < m; j++) {
      int c = r.nextInt(classes);
      double angle = 2 * Math.PI * c / classes;
      x.set(0, j, 2 * Math.cos(angle) + noise * r.nextGaussian());
      x.set(1, j, 2 * Math.sin(angle) + noise * r.nextGaussian());
      y.data[j] = c;
    }
    return new Dataset(x, y);
  }

  private static Network net(int[] sizes, OutputKind out, long seed) {
    return Network.initialize(sizes, Activation.RELU, out, InitScheme.HE, seed);
  }

  @Test
  void stopReasonLabels() {
    assertEquals("max_epochs", StopReason.MAX_EPOCHS.label());
    assertEquals("patience", StopReason.PATIENCE.label());
    assertEquals("diverged", StopReason.DIVERGED.label());
  }

  @Test
  void gradientDescentCostFallsMonotonically() {
    TrainConfig c = TrainConfig.builder().learningRate(0.05).epochs(300).evalEvery(10).build();
    TrainResult r = new Trainer(c).train(
        net(new int[] {2, 8, 1}, OutputKind.SIGMOID_BINARY, 1), blobs(100, 2, 0.8, 2), null, null);
    List<EpochRecord> h = r.history().epochs();
    for (int i = 1; i < h.size(); i++) {
      assertTrue(h.get(i).trainCost() <= h.get(i - 1).trainCost(), "epoch " + h.get(i).epoch());
    }
    assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
    assertEquals(300, r.stopEpoch());
    assertEquals(300, r.bestEpoch());
    assertEquals(h.get(h.size() - 1).trainCost(), r.finalCost());
    assertTrue(r.seconds() > 0);
  }

  @Test
  void historyRecordsFirstEveryKthAndLastEpoch() {
    List<EpochRecord> seen = new ArrayList<>();
    TrainConfig c = TrainConfig.builder().learningRate(0.1).epochs(25).evalEvery(10).build();
    Dataset d = blobs(50, 2, 0.5, 3);
    TrainResult r = new Trainer(c).train(net(new int[] {2, 4, 1}, OutputKind.SIGMOID_BINARY, 1),
        d, d, seen::add);
    List<Integer> epochs = new ArrayList<>();
    for (EpochRecord e : r.history().epochs()) {
      epochs.add(e.epoch());
      assertFalse(Double.isNaN(e.devCost()));
    }
    assertEquals(List.of(1, 10, 20, 25), epochs);
    assertEquals(r.history().epochs(), seen);
  }

  @Test
  void earlyStoppingOnDevLossReturnsTheBestWeights() {
    // few noisy training points, a big network and a high learning rate: dev loss turns up
    Dataset train = blobs(30, 2, 1.6, 4);
    Dataset dev = blobs(300, 2, 1.6, 5);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01)
        .epochs(5000).evalEvery(5)
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 10, 0)).build();
    TrainResult r = new Trainer(c).train(
        net(new int[] {2, 64, 64, 1}, OutputKind.SIGMOID_BINARY, 6), train, dev, null);
    assertEquals(StopReason.PATIENCE, r.stopReason());
    assertTrue(r.bestEpoch() < r.stopEpoch());
    double best = Double.POSITIVE_INFINITY;
    EpochRecord bestRecord = null;
    for (EpochRecord e : r.history().epochs()) {
      if (e.devCost() < best) {
        best = e.devCost();
        bestRecord = e;
      }
    }
    assertEquals(bestRecord.epoch(), r.bestEpoch());
    assertEquals(best, r.model().cost(dev), 1e-12);
    assertEquals(r.stopEpoch() - 10 * 5, r.bestEpoch());
    assertEquals(1 - r.model().accuracy(dev), r.diagnosis().devError(), 1e-15);
  }

  @Test
  void earlyStoppingOnDevAccuracyAtMaxEpochsStillReturnsTheBest() {
    Dataset train = blobs(30, 2, 1.6, 4);
    Dataset dev = blobs(300, 2, 1.6, 5);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01)
        .epochs(400).evalEvery(20)
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_ACCURACY, 1000, 0)).build();
    TrainResult r = new Trainer(c).train(
        net(new int[] {2, 64, 64, 1}, OutputKind.SIGMOID_BINARY, 6), train, dev, null);
    assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
    double best = -1;
    for (EpochRecord e : r.history().epochs()) {
      best = Math.max(best, e.devAccuracy());
    }
    assertEquals(best, r.model().accuracy(dev), 0.0);
  }

  @Test
  void divergenceStopsWithTheBestFiniteWeights() {
    TrainConfig c = TrainConfig.builder().learningRate(1e12).l2(1).epochs(1000).build();
    Dataset d = blobs(40, 2, 0.5, 7);
    TrainResult r = new Trainer(c).train(net(new int[] {2, 5, 1}, OutputKind.SIGMOID_BINARY, 8),
        d, d, null);
    assertEquals(StopReason.DIVERGED, r.stopReason());
    assertTrue(r.stopEpoch() < 1000);
    assertTrue(r.bestEpoch() < r.stopEpoch());
    for (int l = 1; l <= 2; l++) {
      for (double v : r.model().weight(l).data) {
        assertTrue(Double.isFinite(v));
      }
    }
    assertTrue(Double.isFinite(r.model().cost(d)));
  }

  @Test
  void noFiniteScoreAtAllEndsAsDivergedWithTheInitialWeights() {
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1e300}});
    Network n = Network.of(new int[] {1, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY,
        List.of(w), List.of(new DMatrixRMaj(1, 1)));
    Dataset d = new Dataset(new DMatrixRMaj(new double[][] {{1e300, -1e300}}),
        new DMatrixRMaj(new double[][] {{1, 0}}));
    TrainResult r = new Trainer(TrainConfig.builder().epochs(5).build()).train(n, d, null, null);
    assertEquals(StopReason.DIVERGED, r.stopReason());
    assertEquals(0, r.bestEpoch());
    assertEquals(1, r.stopEpoch());
    assertEquals(1e300, r.model().weight(1).get(0, 0), 0.0);
  }

  /**
   * The recorded train cost is the clean cost of the weights the epoch ends with (issue 19 item
   * 4): with keep 0.1 the lesson's during-the-pass cost (dropout on) is far above it.
   */
  @Test
  void recordedTrainCostIsTheCleanCostOfTheReturnedWeights() {
    Dataset d = blobs(60, 2, 0.5, 5);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.SGD).learningRate(0.01).epochs(20)
        .keepProb(0.1).build();
    TrainResult r = new Trainer(c).train(net(new int[] {2, 20, 7, 1}, OutputKind.SIGMOID_BINARY, 4),
        d, null, null);
    List<EpochRecord> h = r.history().epochs();
    assertEquals(20, r.bestEpoch());
    assertEquals(r.model().cost(d), h.get(h.size() - 1).trainCost(), 1e-12);

    TrainResult lesson = new Trainer(c.toBuilder().recordedCost(RecordedCost.DURING_PASS).build())
        .train(net(new int[] {2, 20, 7, 1}, OutputKind.SIGMOID_BINARY, 4), d, null, null);
    List<EpochRecord> lh = lesson.history().epochs();
    assertEquals(r.model().cost(d), lesson.model().cost(d), 0.0); // the same weights
    assertTrue(lh.get(lh.size() - 1).trainCost() > h.get(h.size() - 1).trainCost() + 0.01,
        lh.get(lh.size() - 1).trainCost() + " vs " + h.get(h.size() - 1).trainCost());
  }

  @ParameterizedTest
  @EnumSource(value = Optimizer.class, names = "ADAMW", mode = EnumSource.Mode.EXCLUDE)
  void everyOptimizerLearnsAndIsReproducible(Optimizer opt) {
    Dataset train = blobs(200, 3, 0.6, 9);
    Dataset dev = blobs(200, 3, 0.6, 10);
    double lr = opt == Optimizer.ADAM ? 0.01 : 0.1;
    TrainConfig c = TrainConfig.builder().optimizer(opt).learningRate(lr).epochs(60)
        .batchSize(32).evalEvery(60).seed(5).build();
    Network init = net(new int[] {2, 10, 3}, OutputKind.SOFTMAX, 11);
    TrainResult a = new Trainer(c).train(init, train, dev, null);
    assertTrue(a.model().accuracy(dev) > 0.95, opt + " dev accuracy " + a.model().accuracy(dev));
    TrainResult b = new Trainer(c).train(init, train, dev, null);
    assertArrayEquals(a.model().weight(1).data, b.model().weight(1).data, 0.0);
    if (opt != Optimizer.GD) {
      TrainResult other = new Trainer(c.toBuilder().seed(6).build()).train(init, train, dev, null);
      assertNotEquals(a.model().weight(1).data[0], other.model().weight(1).data[0]);
    }
  }

  @Test
  void l2ShrinksWeightsAndL1ShrinksTheirAbsoluteSum() {
    Dataset d = blobs(100, 2, 1.0, 12);
    Network init = net(new int[] {2, 20, 1}, OutputKind.SIGMOID_BINARY, 13);
    TrainConfig.Builder b = TrainConfig.builder().learningRate(0.1).epochs(500).evalEvery(500);
    Network none = new Trainer(b.build()).train(init, d, null, null).model();
    Network l2 = new Trainer(b.l2(2).build()).train(init, d, null, null).model();
    Network l1 = new Trainer(b.l2(0).l1(2).build()).train(init, d, null, null).model();
    assertTrue(sum(l2, true) < 0.5 * sum(none, true));
    assertTrue(sum(l1, false) < 0.5 * sum(none, false));
  }

  @Test
  void weightDecayShrinksWeightsAndBiasesByTheSameRateWhateverTheBatchSize() {
    // one full-batch step, α = 0.1, wd = 0.5: θ_wd = θ_plain − α·wd·θ0, weights and biases alike
    Dataset d = blobs(30, 2, 1.0, 4);
    Network init = net(new int[] {2, 6, 1}, OutputKind.SIGMOID_BINARY, 5);
    TrainConfig gd = TrainConfig.builder().learningRate(0.1).epochs(1).build();
    Network plain = new Trainer(gd).train(init, d, null, null).model();
    Network decayed = new Trainer(gd.toBuilder().weightDecay(0.5).build()).train(init, d, null, null).model();
    for (int l = 1; l <= 2; l++) {
      for (int i = 0; i < init.weight(l).data.length; i++) {
        assertEquals(plain.weight(l).data[i] - 0.05 * init.weight(l).data[i], decayed.weight(l).data[i], 1e-12);
      }
      for (int i = 0; i < init.bias(l).data.length; i++) {
        assertEquals(plain.bias(l).data[i] - 0.05 * init.bias(l).data[i], decayed.bias(l).data[i], 1e-12);
      }
    }
    // the lesson's cost of the first recorded epoch includes (wd/2)·Σθ² of the initial parameters
    gd = gd.toBuilder().recordedCost(RecordedCost.DURING_PASS).build();
    double sq = sum(init, true);
    for (int l = 1; l <= 2; l++) {
      for (double v : init.bias(l).data) {
        sq += v * v;
      }
    }
    double without = new Trainer(gd).train(init, d, null, null).history().epochs().get(0).trainCost();
    double with = new Trainer(gd.toBuilder().weightDecay(0.5).build()).train(init, d, null, null)
        .history().epochs().get(0).trainCost();
    assertEquals(0.25 * sq, with - without, 1e-12);
  }

  private static double sum(Network n, boolean squares) {
    double s = 0;
    for (int l = 1; l <= n.layers(); l++) {
      for (double v : n.weight(l).data) {
        s += squares ? v * v : Math.abs(v);
      }
    }
    return s;
  }

  @Test
  void freshDropoutIsSeededAndDiffersFromReferenceMasks() {
    Network init =
        Network.initializeNumpy(new int[] {2, 20, 3, 1}, Activation.RELU,
            OutputKind.SIGMOID_BINARY, 3);
    TrainConfig fresh = TrainConfig.builder().keepProb(0.86).epochs(100).evalEvery(100).build();
    TrainResult a = new Trainer(fresh).train(init, football.train, null, null);
    TrainResult b = new Trainer(fresh).train(init, football.train, null, null);
    assertArrayEquals(a.model().weight(1).data, b.model().weight(1).data, 0.0);
    TrainResult c = new Trainer(fresh.toBuilder().seed(2).build())
        .train(init, football.train, null, null);
    assertNotEquals(a.model().weight(1).data[0], c.model().weight(1).data[0]);
    TrainResult ref = new Trainer(fresh.toBuilder().dropoutMasks(DropoutMasks.REFERENCE).build())
        .train(init, football.train, null, null);
    assertNotEquals(a.model().weight(1).data[0], ref.model().weight(1).data[0]);
  }

  @Test
  void referenceMasksAreNumpysReseededDraws() {
    Network init =
        Network.initializeNumpy(new int[] {2, 20, 3, 1}, Activation.RELU,
            OutputKind.SIGMOID_BINARY, 3);
    double[] keep = {1, 0.86, 0.86, 1};
    Propagation p = new Propagation(init, init.weightArrays(), init.biasArrays(), keep, 211,
        new JavaGemm());
    NumpyRandom rng = new NumpyRandom(99);
    Trainer.referenceMasks(p, rng, 211);
    // np.random.seed(1); (rand(20,211) < 0.86).sum() == 3627, (rand(3,211) < 0.86).sum() == 544
    assertEquals(3627, ones(p.mask[1], 211));
    assertEquals(544, ones(p.mask[2], 211));
  }

  @Test
  void scaledReferenceMasksHoldOneOverKeep() {
    Network init =
        Network.initializeNumpy(new int[] {2, 20, 3, 1}, Activation.RELU,
            OutputKind.SIGMOID_BINARY, 3);
    double[] keep = {1, 0.86, 0.86, 1};
    Propagation p = new Propagation(init, init.weightArrays(), init.biasArrays(), keep, 211,
        new JavaGemm());
    p.scaledMasks = true;
    Trainer.referenceMasks(p, new NumpyRandom(99), 211);
    int kept = 0;
    for (double[] row : p.mask[1]) {
      for (int j = 0; j < 211; j++) {
        assertTrue(row[j] == 0.0 || row[j] == 1.0 / 0.86, "mask entry " + row[j]);
        kept += row[j] != 0.0 ? 1 : 0;
      }
    }
    assertEquals(3627, kept);
  }

  private static int ones(double[][] mask, int m) {
    int n = 0;
    for (double[] row : mask) {
      for (int j = 0; j < m; j++) {
        n += row[j] == 1.0 ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void anyGemmGivesTheSameTrainingAsTheRowKernels() {
    Gemm wrapped = new Gemm() {
      private final JavaGemm inner = new JavaGemm();

      @Override
      public void gemm(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b,
          double beta, DMatrixRMaj c) {
        inner.gemm(ta, tb, alpha, a, b, beta, c);
      }

      @Override
      public String name() {
        return "wrapped";
      }
    };
    Network init =
        Network.initializeNumpy(new int[] {2, 20, 3, 1}, Activation.RELU,
            OutputKind.SIGMOID_BINARY, 3);
    TrainConfig c = TrainConfig.builder().keepProb(0.8).l2(0.3).optimizer(Optimizer.MOMENTUM)
        .batchSize(64).epochs(20).evalEvery(20).build();
    TrainResult rows = new Trainer(c).train(init, football.train, football.test, null);
    TrainResult flat = new Trainer(c, wrapped).train(init, football.train, football.test, null);
    for (int l = 1; l <= 3; l++) {
      assertArrayEquals(rows.model().weight(l).data, flat.model().weight(l).data, 1e-12);
    }
    assertEquals(rows.finalCost(), flat.finalCost(), 1e-12);
  }

  @Test
  void resultCarriesTheDiagnosis() {
    TrainConfig c = TrainConfig.builder().epochs(200).evalEvery(200).baseError(0.01).build();
    Dataset train = blobs(100, 2, 0.5, 14);
    TrainResult r = new Trainer(c).train(net(new int[] {2, 5, 1}, OutputKind.SIGMOID_BINARY, 1),
        train, null, null);
    assertEquals(1 - r.model().accuracy(train), r.diagnosis().trainError(), 1e-15);
    assertTrue(Double.isNaN(r.diagnosis().devError()));
    assertEquals(0.01, r.diagnosis().baseError());
    assertTrue(r.diagnosis().remedies().stream().anyMatch(s -> s.contains("no dev set")));
  }

  @Test
  void badSetUpsAreUserErrors() {
    Dataset d = blobs(20, 2, 0.5, 1);
    Network n = net(new int[] {2, 3, 1}, OutputKind.SIGMOID_BINARY, 1);
    TrainConfig early = TrainConfig.builder()
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 3, 0)).build();
    assertThrows(AugregException.class, () -> new Trainer(early).train(n, d, null, null));
    TrainConfig keep = TrainConfig.builder().keepProb(0.5, 0.5).build();
    assertThrows(AugregException.class, () -> new Trainer(keep).train(n, d, null, null));
    Network wide = net(new int[] {3, 3, 1}, OutputKind.SIGMOID_BINARY, 1);
    AugregException e = assertThrows(AugregException.class,
        () -> new Trainer(TrainConfig.builder().build()).train(wide, d, null, null));
    assertTrue(e.getMessage().contains("features"), e.getMessage());
    Dataset threeClasses = blobs(20, 3, 0.5, 1);
    assertThrows(AugregException.class,
        () -> new Trainer(TrainConfig.builder().epochs(1).build()).train(n, threeClasses, null,
            null));
  }

  @Test
  void adamwAndTheAidsAreRefusedNotIgnored() {
    TrainConfig adamw = TrainConfig.builder().optimizer(Optimizer.ADAMW).build();
    assertThrows(io.augreg.core.AugregException.class, () -> new Trainer(adamw));
  }
}
