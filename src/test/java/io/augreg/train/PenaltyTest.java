package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class PenaltyTest {
  private static final List<Param> PARAMS = List.of(
      new Param("w", new double[] {1, -2}, new double[2], Param.Role.WEIGHT),
      new Param("b", new double[] {3}, new double[1], Param.Role.BIAS),
      new Param("gamma", new double[] {4}, new double[1], Param.Role.NORM));

  @Test
  void l2AndL1ReadOnlyWeightsWeightDecayReadsEveryParameter() {
    // λ2/(2m)·Σ‖W‖² = 0.5/(2·5)·5 = 0.25
    assertEquals(0.25, new Penalty(0.5, 0, 0).cost(PARAMS, 5), 1e-15);
    // λ1/m·Σ|w| = 1/5·3 = 0.6
    assertEquals(0.6, new Penalty(0, 1, 0).cost(PARAMS, 5), 1e-15);
    // (wd/2)·Σθ² = 0.1/2·(1 + 4 + 9 + 16) = 1.5, whatever m
    assertEquals(1.5, new Penalty(0, 0, 0.1).cost(PARAMS, 5), 1e-15);
    assertEquals(0.25 + 0.6 + 1.5, new Penalty(0.5, 1, 0.1).cost(PARAMS, 5), 1e-15);
    assertEquals(0.0, new Penalty(0, 0, 0).cost(PARAMS, 5), 0.0);
  }

  @Test
  void negativeOrInfiniteStrengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Penalty(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Penalty(0, Double.POSITIVE_INFINITY, 0));
    assertThrows(IllegalArgumentException.class, () -> new Penalty(0, 0, Double.NaN));
  }
}
