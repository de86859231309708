package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  @Test
  void defaultsAreTheLessons() {
    TrainConfig c = TrainConfig.builder().build();
    assertEquals(Optimizer.GD, c.optimizer());
    assertEquals(0.3, c.learningRate());
    assertEquals(30_000, c.epochs());
    assertEquals(0, c.batchSize());
    assertEquals(0.0, c.l2());
    assertEquals(0.0, c.l1());
    assertArrayEquals(new double[] {1.0}, c.keepProb());
    assertEquals(DropoutMasks.FRESH, c.dropoutMasks());
    assertNull(c.earlyStopping());
    assertEquals(1, c.evalEvery());
    assertEquals(false, c.dropout());
    assertEquals(c, c.toBuilder().build());
    assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
  }

  @Test
  void keepProbabilitiesPerLayerAndCopies() {
    double[] keep = {0.8, 0.9};
    TrainConfig c = TrainConfig.builder().keepProb(keep).build();
    keep[0] = 0.1;
    assertEquals(0.8, c.keepProb(1));
    assertEquals(0.9, c.keepProb(2));
    c.keepProb()[0] = 0.2;
    assertEquals(0.8, c.keepProb(1));
    assertTrue(c.dropout());
    assertEquals(0.5, TrainConfig.builder().keepProb(0.5).build().keepProb(3));
  }

  private static void rejects(String option, Supplier<TrainConfig.Builder> b) {
    AugregException e = assertThrows(AugregException.class, () -> b.get().build());
    assertTrue(e.getMessage().startsWith(option), e.getMessage());
  }

  @Test
  void badValuesNameTheOption() {
    rejects("--lr", () -> TrainConfig.builder().learningRate(0));
    rejects("--lr", () -> TrainConfig.builder().learningRate(Double.NaN));
    rejects("--epochs", () -> TrainConfig.builder().epochs(0));
    rejects("--batch must", () -> TrainConfig.builder().batchSize(-1));
    rejects("--lambda", () -> TrainConfig.builder().l2(-1));
    rejects("--l1", () -> TrainConfig.builder().l1(-0.5));
    rejects("--weight-decay", () -> TrainConfig.builder().weightDecay(-1e-4));
    rejects("--weight-decay", () -> TrainConfig.builder().weightDecay(Double.POSITIVE_INFINITY));
    rejects("--keep-prob", () -> TrainConfig.builder().keepProb(1.5));
    rejects("--keep-prob", () -> TrainConfig.builder().keepProb(0));
    rejects("--keep-prob", () -> TrainConfig.builder().keepProb());
    rejects("--eval-every", () -> TrainConfig.builder().evalEvery(0));
    rejects("--momentum", () -> TrainConfig.builder().momentum(1));
    rejects("--beta2", () -> TrainConfig.builder().beta2(-0.1));
    rejects("--epsilon", () -> TrainConfig.builder().epsilon(0));
    rejects("--base-error", () -> TrainConfig.builder().baseError(2));
    rejects("--optimizer", () -> TrainConfig.builder().optimizer(null));
    AugregException e = assertThrows(AugregException.class,
        () -> TrainConfig.builder().keepProb(1.5).build());
    assertEquals("--keep-prob must be in (0, 1], got 1.5", e.getMessage());
    e = assertThrows(AugregException.class, () -> TrainConfig.builder().l2(-1).build());
    assertEquals("--lambda must be >= 0, got -1.0", e.getMessage());
  }

  /** Base error: [0, 1), the message of Diagnosis.checkBaseError (the same as football's). */
  @Test
  void baseErrorIsAFractionBelowOne() {
    assertEquals(0.0, TrainConfig.builder().build().baseError());
    assertEquals(0.999, TrainConfig.builder().baseError(0.999).build().baseError());
    for (double bad : new double[] {-0.1, 1, 2, Double.NaN}) {
      AugregException e = assertThrows(AugregException.class,
          () -> TrainConfig.builder().baseError(bad).build());
      assertEquals("--base-error must be in [0, 1), got " + bad, e.getMessage());
    }
    AugregException e = assertThrows(AugregException.class,
        () -> TrainConfig.builder().baseError(1).build());
    assertEquals("--base-error must be in [0, 1), got 1.0", e.getMessage());
  }
}
