package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.data.Dataset;
import io.augreg.nn.Layer;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxNormTest {
  private static final Architecture ARCH = Architecture.parse("conv filters=3 k=3 | pool k=2 | dense units=5");
  private static final Shape IN = new Shape(6, 6, 2);

  /** The largest incoming-weight norm of any unit (column of every weight tensor). */
  static double largestNorm(Network net) {
    double most = 0;
    for (Layer l : net.stack(net.parameters(), new JavaGemm()).layers()) {
      for (Param p : l.params()) {
        if (p.role() != Param.Role.WEIGHT) {
          continue;
        }
        int u = l.out().channels();
        for (int j = 0; j < u; j++) {
          double s = 0;
          for (int r = j; r < p.value().length; r += u) {
            s += p.value()[r] * p.value()[r];
          }
          most = Math.max(most, Math.sqrt(s));
        }
      }
    }
    return most;
  }

  @Test
  void rescalesOnlyTheUnitsAboveTheBound() {
    Network net = Network.initialize(ARCH, IN, OutputKind.SOFTMAX, 3, 2);
    List<double[]> live = net.parameters();
    List<Layer> layers = net.stack(live, new JavaGemm()).layers();
    double[] kernel = live.get(0);
    // filter 0 (column 0 of 18 × 3) gets norm 6: each of 18 values ±√2
    for (int r = 0; r < 18; r++) {
      kernel[r * 3] = r % 2 == 0 ? Math.sqrt(2) : -Math.sqrt(2);
    }
    double[] filter1 = new double[18];
    for (int r = 0; r < 18; r++) {
      filter1[r] = kernel[r * 3 + 1];
    }
    new MaxNorm(3, layers).apply();
    for (int r = 0; r < 18; r++) {
      assertEquals((r % 2 == 0 ? 1 : -1) * Math.sqrt(2) / 2, kernel[r * 3], 1e-15);
      // within the bound: unchanged
      assertEquals(filter1[r], kernel[r * 3 + 1]);
    }
  }

  @Test
  void normsStayWithinTheBoundAfterEveryStep() {
    Dataset train = TrainerTest.bars(24, 6, 2, 1);
    Network net = Network.initialize(ARCH, IN, OutputKind.SIGMOID_BINARY, 1, 2);
    double c = 0.5;
    assertTrue(largestNorm(net) > c, "the start exceeds the bound");
    for (int steps = 1; steps <= 4; steps++) {
      TrainConfig cfg = TrainConfig.builder().optimizer(Optimizer.SGD).learningRate(0.5)
          .epochs(steps).batchSize(0).seed(1)
          .aids(new TrainingAids(0, 0, 0, 1, c, null)).build();
      Network after = new Trainer(cfg, 1, Precision.DOUBLE)
          .train(net, new DatasetBatches(train, 0, 1), null, null).model();
      // one full batch per epoch: a model after exactly `steps` steps
      assertTrue(largestNorm(after) <= c * (1 + 1e-12), "step " + steps + ": " + largestNorm(after));
    }
    TrainConfig free = TrainConfig.builder().optimizer(Optimizer.SGD).learningRate(0.5).epochs(4)
        .batchSize(0).seed(1).build();
    Network unconstrained = new Trainer(free, 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 0, 1), null, null).model();
    assertTrue(largestNorm(unconstrained) > 1.2 * c, "without the constraint " + largestNorm(unconstrained));
  }
}
