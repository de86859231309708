package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's acceptance test at engine level: the lesson's football runs on the one trainer
 * (a dense 2-20-3-1 {@link Network}, numpy seed 3 initialization, full-batch GD, lr 0.3, 30 000
 * iterations, the lesson's during-pass cost) reproduce the reference's accuracies exactly, and
 * their whole recorded history (train and dev cost, train and dev accuracy) bit for bit as the
 * retired dense engine ({@code Trainer} + {@code Propagation}) recorded it.
 */
class FootballReferenceTest {
  private static Football data;

  @BeforeAll
  static void load() throws Exception {
    data = Football.load();
  }

  private static TrainResult run(TrainConfig.Builder b) {
    TrainConfig c = b.learningRate(0.3).epochs(30_000).evalEvery(10_000)
        .recordedCost(RecordedCost.DURING_PASS).build();
    List<Architecture.Step> steps = new ArrayList<>();
    for (int units : new int[] {20, 3}) {
      steps.add(new Architecture.DenseStep(units, true));
      if (c.dropout()) {
        steps.add(new Architecture.DropoutStep(c.keepProb(1), false));
      }
    }
    Network init = Network.initialize(new Architecture(steps), Shape.flat(2),
        OutputKind.SIGMOID_BINARY, 1, 3, "numpy");
    return new Trainer(c, 1, Precision.DOUBLE).train(init, data.train, data.test, null);
  }

  /** Train and test hits out of 211 and 200, and the history as the dense engine recorded it. */
  private static void check(TrainResult r, int train, int test, String... history) {
    assertEquals(train, Math.round(r.model().accuracy(data.train, new JavaGemm()) * 211));
    assertEquals(test, Math.round(r.model().accuracy(data.test, new JavaGemm()) * 200));
    assertEquals(StopReason.MAX_EPOCHS, r.stopReason());
    assertEquals(30_000, r.stopEpoch());
    List<EpochRecord> h = r.history().epochs();
    assertEquals(history.length, h.size());
    for (int i = 0; i < history.length; i++) {
      assertEquals(history[i], h.get(i).toString());
    }
  }

  @Test
  void noRegularization() {
    check(run(TrainConfig.builder()), 200, 183,
        "EpochRecord[epoch=1, trainCost=0.6557412523481, devCost=0.6308588038996685,"
            + " trainAccuracy=0.6540284360189573, devAccuracy=0.69, lr=0.3]",
        "EpochRecord[epoch=10000, trainCost=0.16728967807457534, devCost=0.35581969371684247,"
            + " trainAccuracy=0.9241706161137441, devAccuracy=0.93, lr=0.3]",
        "EpochRecord[epoch=20000, trainCost=0.13925724756552138, devCost=0.430186263627782,"
            + " trainAccuracy=0.9289099526066351, devAccuracy=0.92, lr=0.3]",
        "EpochRecord[epoch=30000, trainCost=0.12509131245359031, devCost=0.5011147032474638,"
            + " trainAccuracy=0.9478672985781991, devAccuracy=0.915, lr=0.3]");
  }

  @Test
  void l2() {
    check(run(TrainConfig.builder().l2(0.7)), 198, 186,
        "EpochRecord[epoch=1, trainCost=0.6974484493131262, devCost=0.6310070281094535,"
            + " trainAccuracy=0.6540284360189573, devAccuracy=0.69, lr=0.3]",
        "EpochRecord[epoch=10000, trainCost=0.26852751335396696, devCost=0.2799203425250416,"
            + " trainAccuracy=0.933649289099526, devAccuracy=0.93, lr=0.3]",
        "EpochRecord[epoch=20000, trainCost=0.2681151781050505, devCost=0.2814323402615892,"
            + " trainAccuracy=0.933649289099526, devAccuracy=0.93, lr=0.3]",
        "EpochRecord[epoch=30000, trainCost=0.26786174287095843, devCost=0.2807434897917335,"
            + " trainAccuracy=0.9383886255924171, devAccuracy=0.93, lr=0.3]");
  }

  @Test
  void referenceDropout() {
    check(run(TrainConfig.builder().keepProb(0.86).dropoutMasks(DropoutMasks.REFERENCE)), 196,
        190,
        "EpochRecord[epoch=1, trainCost=0.6543912405149827, devCost=0.6306826622638103,"
            + " trainAccuracy=0.6540284360189573, devAccuracy=0.69, lr=0.3]",
        "EpochRecord[epoch=10000, trainCost=0.061040788034844015, devCost=0.7971891953035471,"
            + " trainAccuracy=0.9241706161137441, devAccuracy=0.95, lr=0.3]",
        "EpochRecord[epoch=20000, trainCost=0.060586856397333674, devCost=0.9639163117435939,"
            + " trainAccuracy=0.9241706161137441, devAccuracy=0.95, lr=0.3]",
        "EpochRecord[epoch=30000, trainCost=0.06048817515244597, devCost=1.0553740230777984,"
            + " trainAccuracy=0.9289099526066351, devAccuracy=0.95, lr=0.3]");
  }

  @Test
  void l2WithReferenceDropout() {
    check(run(TrainConfig.builder().l2(0.1).keepProb(0.7).dropoutMasks(DropoutMasks.REFERENCE)),
        193, 188,
        "EpochRecord[epoch=1, trainCost=0.6610354093224211, devCost=0.6317651378139337,"
            + " trainAccuracy=0.6729857819905213, devAccuracy=0.71, lr=0.3]",
        "EpochRecord[epoch=10000, trainCost=0.17397449772302417, devCost=0.6285235887383979,"
            + " trainAccuracy=0.919431279620853, devAccuracy=0.945, lr=0.3]",
        "EpochRecord[epoch=20000, trainCost=0.17230841469268748, devCost=0.6274498174667992,"
            + " trainAccuracy=0.919431279620853, devAccuracy=0.94, lr=0.3]",
        "EpochRecord[epoch=30000, trainCost=0.17186623548904092, devCost=0.626344287899607,"
            + " trainAccuracy=0.9146919431279621, devAccuracy=0.94, lr=0.3]");
  }
}
