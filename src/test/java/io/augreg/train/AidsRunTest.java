package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.LayerCheck;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.LayerStack;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AidsRunTest {
  private static final Architecture ARCH =
      Architecture.parse("conv filters=3 k=3 | pool k=2 | dropout keep=0.7 | dense units=4");
  private static final Shape IN = new Shape(6, 6, 2);

  private static TrainConfig config(TrainingAids aids) {
    return TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).epochs(3)
        .batchSize(8).seed(3).aids(aids).build();
  }

  private static TrainingAids smoothing(double eps) {
    return new TrainingAids(eps, 0, 0, 1, 0, null);
  }

  @Test
  void smoothedTargetsOfHardLabels() {
    Network soft = Network.initialize(ARCH, IN, OutputKind.SOFTMAX, 3, 1);
    AidsRun run = new AidsRun(config(smoothing(0.3)), soft, false);
    BatchStream.Batch bt = new BatchStream.Batch(new DMatrixRMaj(1, 2), new double[] {2, 0}, 2);
    // (1 − 0.3)·onehot + 0.3/3
    assertArrayEquals(new double[] {0.1, 0.1, 0.8, 0.8, 0.1, 0.1}, run.targets(bt).targets(),
        1e-15);
    Network binary = Network.initialize(ARCH, IN, OutputKind.SIGMOID_BINARY, 1, 1);
    // (1 − 0.3)·y + 0.3/2
    assertArrayEquals(new double[] {0.85, 0.15},
        new AidsRun(config(smoothing(0.3)), binary, false).targets(
            new BatchStream.Batch(new DMatrixRMaj(1, 2), new double[] {1, 0}, 2)).targets(), 1e-15);
    assertNull(new AidsRun(config(TrainingAids.NONE), binary, false).targets(bt).targets());
  }

  /**
   * The gradient of the loss a mixed, smoothed batch trains on, through a whole network, against
   * two-sided differences.
   */
  private static double check(OutputKind kind, int outputs) {
    Network net = Network.initialize(ARCH, IN, kind, outputs, 3);
    int n = 4;
    DMatrixRMaj x = new DMatrixRMaj(IN.size(), n);
    System.arraycopy(LayerCheck.random(n * IN.size(), 4, 1), 0, x.data, 0, n * IN.size());
    DMatrixRMaj y = new DMatrixRMaj(1, n);
    y.data = outputs > 1 ? new double[] {0, 1, 2, 1} : new double[] {0, 1, 1, 0};
    TrainingAids aids = new TrainingAids(0.1, 0.4, 0, 1, 0, null);
    AidsRun run = new AidsRun(config(aids), net, false);
    BatchStream mixed = run.batches(new DatasetBatches(new Dataset(x, y), n, 1), net, 5);
    BatchStream.Batch bt = mixed.epoch(1).next();
    double[] t = run.targets(bt).targets().clone();
    double[] rows = new double[n * IN.size()];
    Network.columnsToRows(bt.x().data, n, 0, n, IN.size(), rows);
    List<double[]> live = net.parameters();
    LayerStack st = net.stack(live, new JavaGemm());
    Pass pass = Pass.training(5);
    return LayerCheck.stackError(st, rows, n, pass, s -> s.softLoss(t, 0, n));
  }

  @Test
  void mixedSmoothedLossGradientMatchesFiniteDifferences() {
    double binary = check(OutputKind.SIGMOID_BINARY, 1);
    assertTrue(binary < 1e-7, "binary " + binary);
    double softmax = check(OutputKind.SOFTMAX, 3);
    assertTrue(softmax < 1e-7, "softmax " + softmax);
  }

  @Test
  void historyRecordsEachEpochsScheduledRate() {
    Dataset train = TrainerTest.bars(32, 6, 2, 1);
    Dataset dev = TrainerTest.bars(16, 6, 2, 2);
    Network net = Network.initialize(ARCH, IN, OutputKind.SIGMOID_BINARY, 1, 1);
    LrSchedule step = new LrSchedule(LrSchedule.Kind.STEP, 2, 0.1, 0, 0.1, 0);
    TrainConfig c = config(new TrainingAids(0.1, 0.5, 0.5, 0.8, 2, step)).toBuilder().epochs(5)
        .build();
    TrainResult r = new Trainer(c, 2, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 8, 1), dev, null);
    double[] lr = r.history().epochs().stream().mapToDouble(EpochRecord::lr).toArray();
    assertArrayEquals(new double[] {0.01, 0.01, 0.001, 0.001, 1e-4}, lr, 1e-18);
    // the same run on one thread: the same batches, the same mixing, the same sums up to order
    TrainResult one = new Trainer(c, 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 8, 1), dev, null);
    assertEquals(one.history().last().trainCost(), r.history().last().trainCost(), 1e-12);
  }

  @Test
  void plateauWithoutADevSetIsAUsageError() {
    Network net = Network.initialize(ARCH, IN, OutputKind.SIGMOID_BINARY, 1, 1);
    LrSchedule plateau = new LrSchedule(LrSchedule.Kind.PLATEAU, 1, 1, 0, 0.5, 2);
    AugregException e = assertThrows(AugregException.class, () -> new Trainer(
        config(TrainingAids.NONE.withSchedule(plateau)), 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(TrainerTest.bars(8, 6, 2, 1), 8, 1), null, null));
    assertEquals("--lr-schedule plateau needs a dev set (--dev or --split)", e.getMessage());
  }
}
