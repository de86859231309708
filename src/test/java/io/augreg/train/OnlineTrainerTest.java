package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.data.Dataset;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class OnlineTrainerTest {

  /** Two noisy blobs, 2 features, m examples. */
  private static Dataset blobs(int m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DMatrixRMaj x = new DMatrixRMaj(2, m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    for (int j = 0; j < m; j++) {
      int c = j % 2;
      y.data[j] = c;
      x.data[j] = (c == 1 ? 1 : -1) + r.nextGaussian() * 0.8;
      x.data[m + j] = (c == 1 ? 0.5 : -0.5) + r.nextGaussian() * 0.8;
    }
    return new Dataset(x, y);
  }

  /** The whole data set as one batch per epoch (full batch, like Trainer's GD). */
  private static BatchStream fullBatch(Dataset d) {
    return new BatchStream() {
      private BatchStream.Epoch once() {
        return new BatchStream.Epoch() {
          boolean done;

          @Override
          public BatchStream.Batch next() {
            if (done) {
              return null;
            }
            done = true;
            return new BatchStream.Batch(d.x(), d.y().data, d.size());
          }

          @Override
          public void close() {}
        };
      }

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
      public BatchStream.Epoch epoch(int epoch) {
        return once();
      }

      @Override
      public BatchStream.Epoch clean() {
        return once();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void fullBatchSourceGivesExactlyTrainersGradientDescent() {
    Dataset train = blobs(60, 1);
    Network net = Network.initialize(new int[] {2, 6, 3, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY, InitScheme.HE, 5);
    TrainConfig c = TrainConfig.builder().learningRate(0.1).epochs(200).l2(0.3).evalEvery(50).build();
    TrainResult a = new Trainer(c).train(net, train, null, null);
    TrainResult b = new OnlineTrainer(c).train(net, fullBatch(train), null, null);
    for (int l = 1; l <= 3; l++) {
      assertArrayEquals(a.model().weight(l).data, b.model().weight(l).data, 0.0);
      assertArrayEquals(a.model().bias(l).data, b.model().bias(l).data, 0.0);
    }
    assertEquals(4, b.history().epochs().size());
    assertEquals(a.diagnosis().trainError(), b.diagnosis().trainError(), 0.0);
  }

  @Test
  void sameResultThroughOpenBlasAndEarlyStoppingKeepsBestDevLoss() {
    Dataset train = blobs(80, 2);
    Dataset dev = blobs(40, 3);
    Network net = Network.initialize(new int[] {2, 300, 3, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY, InitScheme.HE, 6);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.05).epochs(120)
        .keepProb(0.8).earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 5, 0)).seed(4).build();
    TrainResult java = new OnlineTrainer(c).train(net, fullBatch(train), dev, null);
    TrainResult blas;
    try (AdaptiveGemm g = Gemms.adaptive(new JavaGemm())) {
      blas = new OnlineTrainer(c, g).train(net, fullBatch(train), dev, null);
    }
    assertEquals(java.stopEpoch(), blas.stopEpoch());
    assertArrayEquals(java.model().weight(1).data, blas.model().weight(1).data, 1e-7);
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    for (EpochRecord r : java.history().epochs()) {
      if (r.devCost() < best) {
        best = r.devCost();
        bestEpoch = r.epoch();
      }
    }
    assertEquals(bestEpoch, java.bestEpoch());
    assertTrue(java.stopReason() == StopReason.PATIENCE || java.stopEpoch() == 120);
    assertEquals(best, java.model().cost(dev), 1e-12);
  }

  @Test
  void finalDevErrorIsTheDevErrorOfTheReturnedModel() {
    // the run's own dev propagation (as Trainer measures it) agrees with Network.accuracy
    Dataset train = blobs(120, 4);
    Dataset dev = blobs(60, 5);
    Network net = Network.initialize(new int[] {2, 300, 4, 1}, Activation.RELU,
        OutputKind.SIGMOID_BINARY, InitScheme.HE, 7);
    EarlyStopping early = new EarlyStopping(EarlyStopping.Monitor.DEV_ACCURACY, 3, 0);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.05).epochs(40)
        .keepProb(0.8).evalEvery(4).earlyStopping(early).seed(9).build();
    TrainResult java =
        new OnlineTrainer(c).train(net, new DatasetBatches(train, 16, 2), dev, null);
    assertEquals(1 - java.model().accuracy(dev), java.diagnosis().devError(), 0.0);
    assertTrue(java.diagnosis().devError() > 0 && java.diagnosis().devError() < 0.5);
    try (AdaptiveGemm g = Gemms.adaptive(new JavaGemm())) {
      TrainResult blas =
          new OnlineTrainer(c, g).train(net, new DatasetBatches(train, 16, 2), dev, null);
      assertEquals(1 - blas.model().accuracy(dev), blas.diagnosis().devError(), 0.0);
    }
  }
}
