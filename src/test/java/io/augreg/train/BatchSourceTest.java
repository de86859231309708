package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Online batches: an identity source changes nothing; a noisy one changes training. */
class BatchSourceTest {
  /** Copies the requested examples, optionally with Gaussian noise of the given size. */
  private static final class Copying implements BatchSource {
    final Dataset data;
    final double noise;
    final List<Integer> epochs = new ArrayList<>();
    final SplittableRandom rng = new SplittableRandom(1);

    Copying(Dataset data, double noise) {
      this.data = data;
      this.noise = noise;
    }

    @Override
    public void startEpoch(int epoch, int[] order) {
      epochs.add(epoch);
      assertEquals(data.size(), order.length);
    }

    @Override
    public void fill(int epoch, int[] order, int from, int size, DMatrixRMaj x, double[] y) {
      assertEquals(size, x.numCols);
      for (int c = 0; c < size; c++) {
        int j = order[from + c];
        for (int i = 0; i < x.numRows; i++) {
          x.set(i, c, data.x().get(i, j) + (noise == 0 ? 0 : noise * rng.nextGaussian()));
        }
        y[c] = data.y().data[j];
      }
    }
  }

  private static final Network INIT = Network.initialize(new int[] {2, 8, 1}, Activation.RELU,
      OutputKind.SIGMOID_BINARY, InitScheme.HE, 3);

  @Test
  void identitySourceReproducesPlainTraining() {
    Dataset d = TrainerTest.blobs(100, 2, 0.8, 1);
    for (int batch : new int[] {0, 32}) {
      TrainConfig c = TrainConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1)
          .batchSize(batch).keepProb(0.9).epochs(30).evalEvery(10).build();
      TrainResult plain = new Trainer(c).train(INIT, d, d, null);
      Copying source = new Copying(d, 0);
      TrainResult online = new Trainer(c).train(INIT, d, d, null, source);
      assertArrayEquals(plain.model().weight(1).data, online.model().weight(1).data, 1e-15);
      assertEquals(plain.history(), online.history());
      assertEquals(30, source.epochs.size());
    }
  }

  @Test
  void augmentedBatchesChangeTrainingButNotEvaluation() {
    Dataset d = TrainerTest.blobs(100, 2, 0.8, 1);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1)
        .batchSize(32).epochs(20).evalEvery(20).build();
    TrainResult plain = new Trainer(c).train(INIT, d, null, null);
    TrainResult noisy = new Trainer(c).train(INIT, d, null, null, new Copying(d, 0.5));
    assertNotEquals(plain.model().weight(1).data[0], noisy.model().weight(1).data[0]);
    assertEquals(1 - noisy.model().accuracy(d), noisy.diagnosis().trainError(), 1e-15);
    assertTrue(noisy.model().accuracy(d) > 0.8);
  }

  @Test
  void badLabelsFromASourceAreReported() {
    Dataset d = TrainerTest.blobs(20, 2, 0.8, 1);
    BatchSource bad = (epoch, order, from, size, x, y) -> java.util.Arrays.fill(y, 0, size, 7);
    TrainConfig c = TrainConfig.builder().epochs(2).build();
    assertThrows(AugregException.class, () -> new Trainer(c).train(INIT, d, null, null, bad));
  }
}
