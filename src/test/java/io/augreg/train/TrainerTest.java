package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** Bars: class 1 has a bright vertical bar at a random column, class 0 a horizontal one. */
  static Dataset bars(int m, int side, int channels, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int f = side * side * channels;
    DMatrixRMaj x = new DMatrixRMaj(f, m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    for (int j = 0; j < m; j++) {
      int label = j % 2;
      int pos = r.nextInt(side);
      for (int yy = 0; yy < side; yy++) {
        for (int xx = 0; xx < side; xx++) {
          boolean on = label == 1 ? xx == pos : yy == pos;
          for (int c = 0; c < channels; c++) {
            x.set((yy * side + xx) * channels + c, j, (on ? 0.8 : 0.1) + 0.1 * r.nextDouble());
          }
        }
      }
      y.set(0, j, label);
    }
    return new Dataset(x, y);
  }

  private static final Architecture ARCH =
      Architecture.parse("conv filters=4 k=3 | pool k=2 | dropout keep=0.9 | dense units=8");

  private static TrainConfig config(int epochs, double l2) {
    return TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).epochs(epochs)
        .batchSize(16).l2(l2).seed(3).build();
  }

  @Test
  void learnsBarsAndRecordsHistory() {
    Dataset train = bars(96, 8, 1, 1);
    Dataset dev = bars(40, 8, 1, 2);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    TrainResult r = new Trainer(config(15, 0.01), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), dev, null);
    assertEquals(15, r.history().epochs().size());
    assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
    assertTrue(r.model().accuracy(dev, new JavaGemm()) >= 0.95, "dev accuracy");
    double first = r.history().epochs().get(0).trainCost();
    assertTrue(r.finalCost() < first, "cost falls");
    assertTrue(r.samplesPerSecond() > 0);
  }

  @Test
  void divergenceStopsEveryThreadCount() {
    // a learning rate of 1e300 overflows the weights in the first steps: the loss turns NaN, the
    // slices skip their shares of the update, and training reports the divergence (no hang, no
    // error)
    Dataset train = bars(48, 8, 1, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(1e300).epochs(3)
        .batchSize(16).seed(3).build();
    for (int threads = 1; threads <= 3; threads++) {
      Trainer t = new Trainer(c, threads, Precision.DOUBLE);
      TrainResult r = t.train(net, new DatasetBatches(train, 16, 3), null, null);
      // no finite epoch: the run ends as diverged with the initial parameters
      assertEquals(StopReason.DIVERGED, r.stopReason());
      assertEquals(0, r.bestEpoch());
      assertEquals(1, r.stopEpoch());
      assertEquals(bits(net), bits(r.model()));
    }
  }

  @Test
  void twoThreadsGiveTheSameWeightsAsOne() {
    Dataset train = bars(48, 8, 1, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    Network one = new Trainer(config(3, 0.05), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), null, null).model();
    Network two = new Trainer(config(3, 0.05), 2, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), null, null).model();
    List<double[]> a = one.parameters();
    List<double[]> b = two.parameters();
    for (int p = 0; p < a.size(); p++) {
      for (int i = 0; i < a.get(p).length; i++) {
        assertEquals(a.get(p)[i], b.get(p)[i], 1e-9);
      }
    }
  }

  /** The whole data set as one batch, copied into a new matrix for every pass (nothing fixed). */
  static BatchStream copiedFullBatch(Dataset d) {
    return new BatchStream() {
      @Override
      public int size() {
        return d.size();
      }

      @Override
      public int features() {
        return d.features();
      }

      @Override
      public int batchSize() {
        return d.size();
      }

      @Override
      public Epoch epoch(int epoch) {
        return clean();
      }

      @Override
      public Epoch clean() {
        return new Epoch() {
          private boolean done;

          @Override
          public Batch next() {
            if (done) {
              return null;
            }
            done = true;
            return new Batch(d.x().copy(), d.y().data.clone(), d.size());
          }

          @Override
          public void close() {
            done = true;
          }
        };
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void fullBatchOnTheKeptInputGivesTheSameWeightsAsCopyingItEveryPass() {
    // 16×16×3 into 32 units: the first layer's products go to OpenBLAS, whose input block the
    // full-batch run keeps from one step (and one evaluation) to the next; more examples than
    // features, so the slice executor runs it (with fewer, GramExecutor would)
    Dataset train = bars(800, 16, 3, 7);
    Architecture arch = Architecture.parse("dense units=32 | dense units=4");
    Network net = Network.initialize(arch, new Shape(16, 16, 3), OutputKind.SIGMOID_BINARY, 1, 4);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.GD).learningRate(0.1).epochs(5)
        .batchSize(0).seed(1).build();
    for (int threads = 1; threads <= 2; threads++) {
      TrainResult kept = new Trainer(c, threads, Precision.DOUBLE).train(net, train, null, null);
      TrainResult copied = new Trainer(c, threads, Precision.DOUBLE)
          .train(net, copiedFullBatch(train), null, null);
      for (int p = 0; p < kept.model().parameters().size(); p++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(copied.model().parameters().get(p),
            kept.model().parameters().get(p), "parameter " + p + ", " + threads + " thread(s)");
      }
      List<EpochRecord> a = kept.history().epochs();
      List<EpochRecord> b = copied.history().epochs();
      assertEquals(b.size(), a.size());
      for (int e = 0; e < a.size(); e++) {
        assertEquals(b.get(e).trainCost(), a.get(e).trainCost());
        assertEquals(b.get(e).trainAccuracy(), a.get(e).trainAccuracy());
      }
      assertTrue(a.get(a.size() - 1).trainCost() < a.get(0).trainCost(), "it learns");
    }
  }

  @Test
  void floatProductsStayWithinToleranceOfTheDoubleReference() {
    // 16×16×3 with 8 filters: the conv products exceed the OpenBLAS threshold
    Dataset train = bars(32, 16, 3, 5);
    Architecture arch = Architecture.parse("conv filters=8 k=3 | pool k=2 | dense units=8");
    Network net = Network.initialize(arch, new Shape(16, 16, 3), OutputKind.SIGMOID_BINARY, 1, 2);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(1e-3).epochs(2)
        .batchSize(16).seed(1).build();
    TrainResult d = new Trainer(c, 1, Precision.DOUBLE).train(net, new DatasetBatches(train, 16, 1), null, null);
    TrainResult f = new Trainer(c, 1, Precision.FLOAT).train(net, new DatasetBatches(train, 16, 1), null, null);
    assertEquals(d.finalCost(), f.finalCost(), 1e-4 * d.finalCost());
    double[] wd = d.model().parameters().get(0);
    double[] wf = f.model().parameters().get(0);
    for (int i = 0; i < wd.length; i++) {
      assertEquals(wd[i], wf[i], 1e-4);
    }
  }

  /** The parameters after one epoch of {@code d} in batches of 16, double precision, 1 thread. */
  private static List<double[]> afterOneEpoch(TrainConfig c, Network net, Dataset d) {
    return new Trainer(c, 1, Precision.DOUBLE).train(net, new DatasetBatches(d, 16, 3), null, null)
        .model().parameters();
  }

  private static final TrainConfig ONE_SGD_EPOCH = TrainConfig.builder().optimizer(Optimizer.SGD)
      .learningRate(0.1).epochs(1).batchSize(16).seed(3).build();

  @Test
  void l2ShrinksKernelsButNotBiases() {
    Dataset train = bars(16, 8, 1, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    List<double[]> a = afterOneEpoch(ONE_SGD_EPOCH, net, train);
    List<double[]> b = afterOneEpoch(ONE_SGD_EPOCH.toBuilder().l2(16).build(), net, train); // λ/m = 1
    double[] w0 = net.parameters().get(0);
    // one SGD step: W_l2 = W_plain − α·(λ/m)·W0 = W_plain − 0.1·W0
    for (int i = 0; i < w0.length; i++) {
      assertEquals(a.get(0)[i] - 0.1 * w0[i], b.get(0)[i], 1e-12);
    }
    for (int i = 0; i < a.get(1).length; i++) {
      assertEquals(a.get(1)[i], b.get(1)[i], 1e-12); // conv bias untouched by λ
    }
  }

  @Test
  void weightDecayShrinksEveryParameterByTheSameRateWhateverTheBatchSize() {
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    TrainConfig decayed = ONE_SGD_EPOCH.toBuilder().weightDecay(0.5).build();
    List<double[]> p0 = net.parameters();
    // one SGD step with α = 0.1, wd = 0.5: θ_wd = θ_plain − α·wd·θ0 = θ_plain − 0.05·θ0, biases
    // too, on a full batch of 16 and on a batch of 4 alike (an L2 λ would be divided by m)
    for (Dataset d : List.of(bars(16, 8, 1, 1), bars(4, 8, 1, 2))) {
      List<double[]> a = afterOneEpoch(ONE_SGD_EPOCH, net, d);
      List<double[]> b = afterOneEpoch(decayed, net, d);
      for (int p = 0; p < p0.size(); p++) {
        for (int i = 0; i < p0.get(p).length; i++) {
          assertEquals(a.get(p)[i] - 0.05 * p0.get(p)[i], b.get(p)[i], 1e-12, "parameter " + p);
        }
      }
    }
    // the reported cost includes (wd/2)·Σθ² over every parameter (a step too small to move θ)
    double sq = 0;
    for (double[] p : p0) {
      for (double v : p) {
        sq += v * v;
      }
    }
    Dataset train = bars(20, 8, 1, 1);
    TrainConfig still = ONE_SGD_EPOCH.toBuilder().learningRate(1e-12).build();
    double without = new Trainer(still, 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), null, null).finalCost();
    double with = new Trainer(still.toBuilder().weightDecay(0.5).build(), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), null, null).finalCost();
    assertEquals(0.25 * sq, with - without, 1e-9 * sq);
  }

  @Test
  void rejectsMismatchesAndEarlyStoppingWithoutDev() {
    Dataset train = bars(16, 8, 1, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 2), OutputKind.SIGMOID_BINARY, 1, 1);
    assertThrows(AugregException.class, () -> new Trainer(config(1, 0), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 1), null, null));
    Network ok = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    TrainConfig es = config(3, 0).toBuilder()
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 2, 0)).build();
    assertThrows(AugregException.class, () -> new Trainer(es, 1, Precision.DOUBLE)
        .train(ok, new DatasetBatches(train, 16, 1), null, null));
    assertThrows(AugregException.class, () -> new Trainer(es, 0, Precision.DOUBLE));
  }

  private static final Architecture BN_ARCH = Architecture.parse(
      "conv filters=4 k=3 bn=true | pool k=2 | dropout keep=0.9 | dense units=8 bn=true");

  @Test
  void batchNormIsSynchronizedSoTwoThreadsGiveTheSameWeightsAndRunningStatistics() {
    Dataset train = bars(41, 8, 1, 1); // batches of 16, 16 and 9 (slices of 4 and 5)
    Dataset dev = bars(20, 8, 1, 2);
    Network net = Network.initialize(BN_ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    TrainResult one = new Trainer(config(3, 0.05), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), dev, null);
    TrainResult two = new Trainer(config(3, 0.05), 2, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 16, 3), dev, null);
    List<double[]> a = one.model().parameters();
    List<double[]> b = two.model().parameters();
    assertEquals(a.size(), b.size());
    // arrays: conv kernel, conv bias, γ, β, r_μ, r_σ², dense W, dense b, γ, β, r_μ, r_σ², out W, b.
    // A bias followed by bn has a zero gradient up to rounding (bn removes the mean), which Adam
    // turns into steps of at most α·|g|/ε ≈ 1e-10: those biases and the running means that contain
    // them agree to 1e-7, everything else to 1e-9.
    java.util.Set<Integer> noise = java.util.Set.of(1, 4, 7, 10);
    for (int p = 0; p < a.size(); p++) {
      for (int i = 0; i < a.get(p).length; i++) {
        assertEquals(a.get(p)[i], b.get(p)[i], noise.contains(p) ? 1e-7 : 1e-9, "array " + p + "[" + i + "]");
      }
    }
    // the running statistics moved away from (0, 1) and the dev metrics (inference) agree
    assertTrue(Math.abs(a.get(4)[0]) > 1e-3, "running mean of the first bn");
    assertTrue(Math.abs(a.get(5)[0] - 1) > 1e-3, "running variance of the first bn");
    for (int e = 0; e < 3; e++) {
      assertEquals(one.history().epochs().get(e).devCost(), two.history().epochs().get(e).devCost(), 1e-9);
    }
  }

  @Test
  void batchNormTrainsInFloatPrecisionLikeInDouble() {
    Dataset train = bars(64, 16, 3, 5);
    Dataset dev = bars(32, 16, 3, 6);
    Architecture arch = Architecture.parse("conv filters=8 k=3 bn=true | pool k=2 | dense units=8");
    Network net = Network.initialize(arch, new Shape(16, 16, 3), OutputKind.SIGMOID_BINARY, 1, 2);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).epochs(6)
        .batchSize(16).seed(1).build();
    TrainResult d = new Trainer(c, 2, Precision.DOUBLE).train(net, new DatasetBatches(train, 16, 1), null, null);
    TrainResult f = new Trainer(c, 2, Precision.FLOAT).train(net, new DatasetBatches(train, 16, 1), null, null);
    assertEquals(d.finalCost(), f.finalCost(), 1e-3 * d.finalCost() + 1e-4);
    assertTrue(f.model().accuracy(train, new JavaGemm()) >= 0.95, "train accuracy");
    assertEquals(d.model().accuracy(dev, new JavaGemm()), f.model().accuracy(dev, new JavaGemm()), 1.0 / 32);
    double[] gd = d.model().parameters().get(2);
    double[] gf = f.model().parameters().get(2);
    for (int i = 0; i < gd.length; i++) {
      assertEquals(gd[i], gf[i], 1e-3); // γ of the bn after the float convolution
    }
  }

  /** The batches of {@code inner}, with NaN inputs from epoch {@code from} on. */
  static BatchStream nanFrom(BatchStream inner, int from) {
    return new BatchStream() {
      @Override
      public int size() {
        return inner.size();
      }

      @Override
      public int features() {
        return inner.features();
      }

      @Override
      public int batchSize() {
        return inner.batchSize();
      }

      @Override
      public BatchStream.Epoch epoch(int epoch) {
        BatchStream.Epoch e = inner.epoch(epoch);
        if (epoch < from) {
          return e;
        }
        return new BatchStream.Epoch() {
          @Override
          public BatchStream.Batch next() {
            BatchStream.Batch b = e.next();
            if (b == null) {
              return null;
            }
            DMatrixRMaj x = b.x().copy();
            Arrays.fill(x.data, Double.NaN);
            return new BatchStream.Batch(x, b.y(), b.size());
          }

          @Override
          public void close() {
            e.close();
          }
        };
      }

      @Override
      public BatchStream.Epoch clean() {
        return inner.clean();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  @Test
  void divergenceAfterAFiniteEpochReturnsItsWeightsAndANanFinalCost() {
    Dataset train = bars(48, 8, 1, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 1), OutputKind.SIGMOID_BINARY, 1, 1);
    Trainer t = new Trainer(config(4, 0), 1, Precision.DOUBLE);
    TrainResult once = t.train(net, new DatasetBatches(train, 16, 3), null, null);
    TrainResult r = t.train(net, nanFrom(new DatasetBatches(train, 16, 3), 3), null, null);
    assertEquals(StopReason.DIVERGED, r.stopReason());
    assertEquals(3, r.stopEpoch());
    assertEquals(2, r.bestEpoch());
    List<EpochRecord> h = r.history().epochs();
    assertEquals(3, h.size());
    assertEquals(once.history().epochs().get(1), h.get(1));
    assertTrue(Double.isNaN(h.get(2).trainCost()));
    // the cost of the last recorded epoch: the diverged one (as the dense trainers report it)
    assertTrue(Double.isNaN(r.finalCost()), "final cost " + r.finalCost());
  }

  /** Every parameter's bits, mixed in order (any changed bit changes the result). */
  static long bits(Network net) {
    long h = 17;
    for (double[] p : net.parameters()) {
      for (double v : p) {
        h = h * 1_000_003 + Double.doubleToRawLongBits(v);
      }
    }
    return h;
  }

  @Test
  void everyOptimizerGivesExactlyTheWeightsOfTheReferenceLoop() {
    // expectations recorded when the stack started returning gradient sums that ParamOptimizer
    // divides by m once, g = (1/m)·(ΣdW + λ2·W + λ1·sign W) + wd·W (issue 12; the mean-gradient
    // form before moved at rounding level); moved again at rounding level when float products
    // took float activations end to end (ConvFloat: the convolution's bias added in float, its
    // output rounded to float); any later change must not move a bit
    Dataset train = bars(48, 8, 2, 1);
    Network net = Network.initialize(ARCH, new Shape(8, 8, 2), OutputKind.SIGMOID_BINARY, 1, 1);
    Optimizer[] opts = {Optimizer.ADAM, Optimizer.MOMENTUM, Optimizer.SGD, Optimizer.GD};
    long[] expected = {2913995521607116565L, -7959009319627399597L, -182911145552621206L,
        -182911145552621206L};
    long[] got = new long[opts.length];
    for (int i = 0; i < opts.length; i++) {
      TrainConfig c = TrainConfig.builder().optimizer(opts[i]).learningRate(0.01).epochs(3)
          .batchSize(16).l2(0.1).l1(0.05).weightDecay(1e-3).seed(3).build();
      got[i] = bits(new Trainer(c, 1, Precision.FLOAT)
          .train(net, new DatasetBatches(train, 16, 3), null, null).model());
    }
    assertEquals(Arrays.toString(expected), Arrays.toString(got));
  }

  @Test
  void branchFreeSignIsMathSignumBitForBit() {
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 0x1p-1022, -0x1p-1030,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, Double.longBitsToDouble(0xfff8000000000123L), 1.5, -2.0, 1e-300, -1e300};
    SplittableRandom r = new SplittableRandom(4);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < special.length ? special[i]
          : Double.longBitsToDouble(r.nextLong()) * (i % 3 == 0 ? 0.0 : 1.0);
      if (Double.isNaN(values[i]) && i >= special.length) {
        values[i] = Double.NaN; // only quiet NaNs (arithmetic makes no other)
      }
    }
    // twice over, the second time compiled
    for (int round = 0; round < 2; round++) {
      for (double v : values) {
        assertEquals(Double.doubleToRawLongBits(Math.signum(v)),
            Double.doubleToRawLongBits(ParamOptimizer.sign(v)), () -> "sign of " + v);
      }
    }
  }

  /**
   * Full-batch gradient descent that diverges ends the same way on both execution strategies and
   * with both recorded costs: stop reason diverged, finite weights returned (the best finite ones
   * or the initial ones), a history of finite costs only.
   */
  @Test
  void fullBatchGradientDescentDivergesOnEveryExecutor() {
    Dataset train = bars(24, 4, 1, 5);
    for (String arch : new String[] {"dense units=6 | dense units=3", "conv filters=2 k=3"}) {
      for (RecordedCost cost : RecordedCost.values()) {
        Network net = Network.initialize(Architecture.parse(arch), new Shape(4, 4, 1),
            OutputKind.SIGMOID_BINARY, 1, 2);
        TrainConfig c = TrainConfig.builder().optimizer(Optimizer.GD).learningRate(1e300)
            .epochs(20).recordedCost(cost).build();
        TrainResult r = new Trainer(c, 1, Precision.DOUBLE).train(net, train, null, null);
        assertEquals(StopReason.DIVERGED, r.stopReason(), arch + " " + cost);
        assertTrue(r.stopEpoch() < 20, arch + " " + cost);
        for (double[] p : r.model().parameters()) {
          for (double v : p) {
            assertTrue(Double.isFinite(v), arch + " " + cost);
          }
        }
        for (EpochRecord e : r.history().epochs()) {
          assertTrue(e.epoch() <= r.stopEpoch());
        }
      }
    }
  }
}
