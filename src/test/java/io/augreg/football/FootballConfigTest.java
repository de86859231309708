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
                    FootballMode.lessonRuns(), lambda, keep, iterations, lr, 3, false, false, 1000, 100))
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
        () -> new FootballConfig(List.of(), 0.7, 0.86, 10, 0.3, 3, false, false, 1000, 100));
  }
}
