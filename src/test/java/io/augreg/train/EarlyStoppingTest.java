package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  @Test
  void lossMustFallByMoreThanMinDelta() {
    EarlyStopping e = new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 3, 0.01);
    assertTrue(e.improves(0.5, Double.NaN));
    assertTrue(e.improves(0.48, 0.5));
    assertFalse(e.improves(0.495, 0.5));
    assertFalse(e.improves(0.6, 0.5));
    assertFalse(e.improves(Double.NaN, 0.5));
  }

  @Test
  void accuracyMustRiseByMoreThanMinDelta() {
    EarlyStopping e = new EarlyStopping(EarlyStopping.Monitor.DEV_ACCURACY, 3, 0);
    assertTrue(e.improves(0.91, 0.9));
    assertFalse(e.improves(0.9, 0.9));
    assertFalse(e.improves(0.8, 0.9));
  }

  @Test
  void validation() {
    assertThrows(AugregException.class, () -> new EarlyStopping(null, 3, 0));
    assertThrows(AugregException.class,
        () -> new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 0, 0));
    assertThrows(AugregException.class,
        () -> new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 3, -1));
  }
}
