package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootballConfigTest {
  private static String error(double lambda, double keep, int iterations, double lr) {
    return assertThrows(
            AugregException.class,
            () ->
                new FootballConfig(
                    FootballMode.lessonRuns(), lambda, keep, iterations, lr, 3, false, false, 1000, 100, 0.0))
        .getMessage();
  }

  @Test
  void lessonDefaults() {
    FootballConfig c = FootballConfig.lesson();
    assertEquals(FootballMode.lessonRuns(), c.modes());
    assertEquals(0.7, c.lambda());
    assertEquals(0.86, c.keepProb());
    assertEquals(30_000, c.iterations());
    assertEquals(0.3, c.learningRate());
    assertFalse(c.reference());
    assertTrue(FootballConfig.lessonReference().reference());
    assertEquals(0.0, c.baseError());
  }

  @Test
  void baseErrorIsCarriedByTheCopiesAndValidated() {
    FootballConfig c = FootballConfig.lesson().withBaseError(0.05);
    assertEquals(0.05, c.baseError());
    assertEquals(
        0.05,
        c.withReference(true).withIterations(10).withModes(List.of(FootballMode.L2)).baseError());
    assertEquals(0.0, FootballConfig.lesson().withBaseError(0).baseError());
    assertEquals(0.999, FootballConfig.lesson().withBaseError(0.999).baseError());
    assertEquals(
        "--base-error must be in [0, 1), got -0.1",
        assertThrows(AugregException.class, () -> FootballConfig.lesson().withBaseError(-0.1))
            .getMessage());
    assertEquals(
        "--base-error must be in [0, 1), got 1.0",
        assertThrows(AugregException.class, () -> FootballConfig.lesson().withBaseError(1))
            .getMessage());
    assertEquals(
        "--base-error must be in [0, 1), got NaN",
        assertThrows(AugregException.class, () -> FootballConfig.lesson().withBaseError(Double.NaN))
            .getMessage());
  }

  @Test
  void badValuesNameTheOption() {
    assertEquals("--lambda must be >= 0, got -1.0", error(-1, 0.86, 10, 0.3));
    assertEquals("--keep-prob must be in (0, 1], got 1.5", error(0.7, 1.5, 10, 0.3));
    assertEquals("--keep-prob must be in (0, 1], got 0.0", error(0.7, 0, 10, 0.3));
    assertEquals("--iterations must be > 0, got 0", error(0.7, 0.86, 0, 0.3));
    assertEquals("--lr must be > 0, got 0.0", error(0.7, 0.86, 10, 0));
    assertEquals("--lr must be > 0, got NaN", error(0.7, 0.86, 10, Double.NaN));
    assertThrows(
        AugregException.class,
        () -> new FootballConfig(List.of(), 0.7, 0.86, 10, 0.3, 3, false, false, 1000, 100, 0.0));
  }
}
