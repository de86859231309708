package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreshMasksTest {
  @Test
  void perBatchSeedsAreSeedsMix() {
    long base = io.augreg.core.Seeds.mix(9, 77);
    assertEquals(io.augreg.core.Seeds.mix(9, 77, 5, 3), FreshMasks.extend(base, 5, 3));
    assertEquals(io.augreg.core.Seeds.mix(9, 77, 0, 0), FreshMasks.extend(base, 0, 0));
  }

  @Test
  void keepRateReproducibilityAndEdgeCases() {
    FreshMasks g = new FreshMasks();
    double[] row = new double[100_001];
    g.reseed(42);
    g.fill(row, row.length, FreshMasks.threshold(0.86), 1.0);
    double kept = Arrays.stream(row).sum();
    assertEquals(0.86, kept / row.length, 0.005);
    for (double v : row) {
      assertFalse(v != 0.0 && v != 1.0);
    }
    double[] again = new double[row.length];
    g.reseed(42);
    g.fill(again, again.length, FreshMasks.threshold(0.86), 1.0);
    assertArrayEquals(row, again, 0.0);
    g.reseed(43);
    g.fill(again, again.length, FreshMasks.threshold(0.86), 1.0);
    assertFalse(Arrays.equals(row, again));
    g.fill(again, again.length, FreshMasks.threshold(1.0), 1.0);
    assertEquals(again.length, Arrays.stream(again).sum());
  }
}
