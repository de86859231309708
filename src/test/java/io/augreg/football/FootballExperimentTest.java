package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.train.Diagnosis;
import io.augreg.train.DropoutMasks;
import io.augreg.train.EarlyStopping;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootballExperimentTest {
  private static final FootballData DATA = FootballData.load(TestData.path("football/data.mat"));

  private static FootballConfig shortRuns(boolean reference) {
    return FootballConfig.lesson()
        .withModes(List.of(FootballMode.values()))
        .withIterations(300)
        .withReference(reference);
  }

  @Test
  void trainConfigFollowsTheMode() {
    FootballExperiment e = new FootballExperiment(FootballConfig.lesson());
    TrainConfig none = e.trainConfig(FootballMode.NONE);
    assertEquals(Optimizer.GD, none.optimizer());
    assertEquals(0.3, none.learningRate());
    assertEquals(30_000, none.epochs());
    assertEquals(0.0, none.l2());
    assertFalse(none.dropout());
    assertNull(none.earlyStopping());
    assertEquals(0.7, e.trainConfig(FootballMode.L2).l2());
    TrainConfig both = e.trainConfig(FootballMode.L2_DROPOUT);
    assertEquals(0.7, both.l2());
    assertEquals(0.86, both.keepProb(1));
    assertEquals(0.86, both.keepProb(2));
    assertEquals(DropoutMasks.FRESH, both.dropoutMasks());
    assertEquals(
        DropoutMasks.REFERENCE,
        new FootballExperiment(FootballConfig.lessonReference())
            .trainConfig(FootballMode.DROPOUT)
            .dropoutMasks());
  }

  @Test
  void trainConfigCarriesTheBaseErrorAndTheDefaultThresholds() {
    TrainConfig plain = new FootballExperiment(FootballConfig.lesson()).trainConfig(FootballMode.NONE);
    assertEquals(0.0, plain.baseError());
    TrainConfig tc =
        new FootballExperiment(FootballConfig.lesson().withBaseError(0.05))
            .trainConfig(FootballMode.DROPOUT);
    assertEquals(0.05, tc.baseError());
    assertEquals(Diagnosis.DEFAULT_BIAS_THRESHOLD, tc.biasThreshold());
    assertEquals(Diagnosis.DEFAULT_VARIANCE_THRESHOLD, tc.varianceThreshold());
  }

  /**
   * Reference dropout after 1 000 iterations: train 196/211 (error 7.1%), test 186/200 (7.0%).
   * Against base error 0 that is 7.1 points of avoidable bias (high bias); against 0.05 only 2.1
   * (fine). The base error changes the verdict, never the training.
   */
  @Test
  void baseErrorMovesTheVerdictButNotTheRun() {
    FootballConfig c =
        FootballConfig.lessonReference().withModes(List.of(FootballMode.DROPOUT)).withIterations(1000);
    FootballRun zero = new FootballExperiment(c).runAll(DATA, 1, null, null).get(0);
    FootballRun five = new FootballExperiment(c.withBaseError(0.05)).runAll(DATA, 1, null, null).get(0);
    assertEquals(196, zero.trainCorrect());
    assertEquals(186, zero.testCorrect());
    assertEquals(zero.trainCorrect(), five.trainCorrect());
    assertEquals(zero.testCorrect(), five.testCorrect());
    assertEquals(zero.finalCost(), five.finalCost(), 0.0);

    assertEquals(Diagnosis.Verdict.HIGH_BIAS, zero.diagnosis().verdict());
    assertEquals(0.0, zero.diagnosis().baseError());
    assertEquals(15 / 211.0, zero.diagnosis().avoidableBias(), 1e-12);

    assertEquals(Diagnosis.Verdict.FINE, five.diagnosis().verdict());
    assertEquals(0.05, five.diagnosis().baseError());
    assertEquals(15 / 211.0 - 0.05, five.diagnosis().avoidableBias(), 1e-12);
    assertEquals(List.of(), five.diagnosis().remedies());
  }

  @Test
  void patienceInIterationsBecomesWholeEvaluations() {
    FootballConfig c =
        new FootballConfig(FootballMode.lessonRuns(), 0.7, 0.86, 1000, 0.3, 3, false, true, 250, 100, 0.0);
    EarlyStopping es = new FootballExperiment(c).trainConfig(FootballMode.NONE).earlyStopping();
    assertEquals(EarlyStopping.Monitor.DEV_LOSS, es.monitor());
    assertEquals(3, es.patience());
  }

  @Test
  void referenceInitialNetworkIsNumpySeedThree() {
    var ref = new FootballExperiment(FootballConfig.lessonReference())
        .initialNetwork(FootballMode.NONE);
    // numpy: np.random.seed(3); w = np.random.randn(20, 2) / np.sqrt(2) → w[0,0], w[19,1]; the
    // dense layer stores W transposed (2 × 20)
    double[] w1 = ref.parameters().get(0);
    assertEquals(1.2647513225859208, w1[0], 0.0);
    assertEquals(-0.09327744854853791, w1[20 + 19], 0.0);
    assertEquals("dense units=20 act=relu | dense units=3 act=relu",
        ref.architecture().toSpec());
    assertEquals(2, ref.input().size());
    assertEquals(1, ref.outputs());
    assertEquals(127, ref.parameterCount());
  }

  @Test
  void parallelRunsEqualSequentialRunsInModeOrder() {
    FootballExperiment e = new FootballExperiment(shortRuns(false));
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    List<FootballRun> parallel = e.runAll(DATA, 2, null, r -> finished.add(r.mode().label()));
    List<FootballRun> sequential = e.runAll(DATA, 1, null, null);
    assertEquals(4, finished.size());
    for (int i = 0; i < 4; i++) {
      FootballRun p = parallel.get(i);
      FootballRun s = sequential.get(i);
      assertEquals(FootballMode.values()[i], p.mode());
      assertEquals(s.finalCost(), p.finalCost(), 0.0, p.mode().label());
      assertArrayEquals(
          s.result().model().parameters().get(0), p.result().model().parameters().get(0), 0.0);
      assertEquals(p.trainCorrect() / (double) p.trainSize(), p.trainAccuracy(), 0.0);
      assertEquals(211, p.trainSize());
      assertEquals(200, p.testSize());
    }
  }

  @Test
  void freshMasksDifferFromTheReferenceMasks() {
    FootballConfig c = shortRuns(false).withModes(List.of(FootballMode.DROPOUT));
    FootballRun fresh = new FootballExperiment(c).runAll(DATA, 1, null, null).get(0);
    FootballRun ref =
        new FootballExperiment(c.withReference(true)).runAll(DATA, 1, null, null).get(0);
    assertTrue(fresh.finalCost() != ref.finalCost());
  }
}
