package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  @Test
  void countsAndScoresOfAThreeLabelExample() {
    // truth:     0 0 0 1 1 2 2 2 2
    // predicted: 0 0 1 1 2 2 2 2 0
    ConfusionMatrix cm =
        ConfusionMatrix.of(
            3, new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 0, 1, 1, 2, 2, 2, 2, 0});
    assertArrayEquals(new long[] {2, 1, 0}, cm.counts()[0]);
    assertArrayEquals(new long[] {0, 1, 1}, cm.counts()[1]);
    assertArrayEquals(new long[] {1, 0, 3}, cm.counts()[2]);
    assertEquals(9, cm.total());
    assertEquals(6, cm.correct());
    assertEquals(6.0 / 9, cm.accuracy(), 1e-15);
    List<ConfusionMatrix.ClassScores> s = cm.perClass();
    // label 0: tp 2, fp 1, fn 1 -> p = r = 2/3
    assertEquals(2.0 / 3, s.get(0).precision(), 1e-15);
    assertEquals(2.0 / 3, s.get(0).recall(), 1e-15);
    assertEquals(2.0 / 3, s.get(0).f1(), 1e-15);
    assertEquals(3, s.get(0).support());
    // label 2: tp 3, fp 1, fn 1 -> p = r = 3/4
    assertEquals(0.75, s.get(2).f1(), 1e-15);
    // label 1: tp 1, fp 1, fn 1 -> 1/2
    assertEquals(0.5, s.get(1).precision(), 1e-15);
    assertEquals(2, s.get(1).support());
  }

  @Test
  void aLabelNeverPredictedScoresZeroNotNaN() {
    ConfusionMatrix cm = ConfusionMatrix.of(2, new int[] {0, 1}, new int[] {0, 0});
    assertEquals(0, cm.perClass().get(1).precision());
    assertEquals(0, cm.perClass().get(1).f1());
    assertEquals(0.5, cm.perClass().get(0).precision(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(2, new int[1], new int[2]));
  }
}
