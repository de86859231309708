package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.nn.Activation;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's acceptance test at engine level: the lesson's three football runs reproduce the
 * reference's accuracies exactly (numpy seed 3 initialization, GD, lr 0.3, 30 000 iterations).
 */
class FootballReferenceTest {
  private static final int[] SIZES = {2, 20, 3, 1};
  private static Football data;

  @BeforeAll
  static void load() throws Exception {
    data = Football.load();
  }

  private static TrainResult run(TrainConfig.Builder b) {
    Network init = Network.initializeNumpy(SIZES, Activation.RELU, OutputKind.SIGMOID_BINARY, 3);
    TrainConfig c = b.learningRate(0.3).epochs(30_000).evalEvery(10_000).build();
    return new Trainer(c).train(init, data.train, null, null);
  }

  @Test
  void noRegularization() {
    TrainResult r = run(TrainConfig.builder());
    assertEquals(200, Math.round(r.model().accuracy(data.train) * 211));
    assertEquals(183, Math.round(r.model().accuracy(data.test) * 200));
    assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
    assertEquals(30_000, r.stopEpoch());
  }

  @Test
  void l2() {
    TrainResult r = run(TrainConfig.builder().l2(0.7));
    assertEquals(198, Math.round(r.model().accuracy(data.train) * 211));
    assertEquals(186, Math.round(r.model().accuracy(data.test) * 200));
  }

  @Test
  void referenceDropout() {
    TrainResult r =
        run(TrainConfig.builder().keepProb(0.86).dropoutMasks(DropoutMasks.REFERENCE));
    assertEquals(196, Math.round(r.model().accuracy(data.train) * 211));
    assertEquals(190, Math.round(r.model().accuracy(data.test) * 200));
  }
}
