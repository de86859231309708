package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import org.junit.jupiter.api.Test;

class LrSchedulerTest {
  private static double[] rates(LrScheduler s, int epochs) {
    double[] r = new double[epochs];
    for (int e = 1; e <= epochs; e++) {
      r[e - 1] = s.rate(e);
    }
    return r;
  }

  private static LrSchedule of(LrSchedule.Kind kind, int step, double gamma, int warmup,
      double factor, int patience) {
    return new LrSchedule(kind, step, gamma, warmup, factor, patience);
  }

  @Test
  void stepDecaysByGammaEveryStepSizeEpochs() {
    LrScheduler s = new LrScheduler(of(LrSchedule.Kind.STEP, 2, 0.5, 0, 0.1, 0), 0.1, 7);
    // PyTorch StepLR(step_size=2, gamma=0.5), stepped after each epoch
    assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125}, rates(s, 7),
        1e-17);
  }

  @Test
  void cosineAfterALinearWarmup() {
    LrScheduler s = new LrScheduler(of(LrSchedule.Kind.COSINE, 1, 1, 2, 0.1, 0), 0.4, 6);
    // warm-up 0.4·1/2, 0.4·2/2; then CosineAnnealingLR(T_max = 4) at t = 0..3
    double[] want = {0.2, 0.4, 0.4, 0.2 * (1 + Math.cos(Math.PI / 4)), 0.2,
        0.2 * (1 + Math.cos(3 * Math.PI / 4))};
    assertArrayEquals(want, rates(s, 6), 1e-15);
    assertArrayEquals(new double[] {1.0, 0.5},
        rates(new LrScheduler(of(LrSchedule.Kind.COSINE, 1, 1, 0, 0.1, 0), 1, 2), 2), 1e-15);
  }

  @Test
  void plateauReducesAfterPatienceAndRestoresItsState() {
    LrSchedule p = of(LrSchedule.Kind.PLATEAU, 1, 1, 0, 0.5, 1);
    LrScheduler s = new LrScheduler(p, 1.0, 10);
    double[] dev = {1.0, 0.9, 0.95, 0.95, 0.9, 0.95, 0.8};
    double[] want = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.25};
    double[] got = new double[dev.length];
    LrScheduler.State mid = null;
    for (int e = 1; e <= dev.length; e++) {
      got[e - 1] = s.rate(e);
      s.devCost(dev[e - 1]);
      if (e == 3) {
        mid = s.state();
      }
    }
    // best 0.9 at epoch 2; epochs 3 and 4 are bad (2 > patience 1): halved from epoch 5;
    // epoch 5's 0.9 is not below 0.9·(1 − 1e-4), epoch 6 neither: halved again from epoch 7
    assertArrayEquals(want, got, 0);
    assertEquals(new LrScheduler.State(3, 1.0, 0.9, 1), mid);
    LrScheduler again = LrScheduler.restore(p, 1.0, 10, mid);
    for (int e = 4; e <= dev.length; e++) {
      assertEquals(want[e - 1], again.rate(e));
      again.devCost(dev[e - 1]);
    }
    assertEquals(s.state(), again.state());
  }

  @Test
  void badKeysNameTheirOption() {
    AugregException e = assertThrows(AugregException.class,
        () -> of(LrSchedule.Kind.STEP, 0, 0.5, 0, 0.1, 0));
    assertEquals("--lr-step must be >= 1 epoch, got 0", e.getMessage());
    assertThrows(AugregException.class, () -> of(LrSchedule.Kind.STEP, 1, 1.5, 0, 0.1, 0));
    assertThrows(AugregException.class, () -> of(LrSchedule.Kind.PLATEAU, 1, 1, 0, 1, 0));
    assertThrows(AugregException.class, () -> of(LrSchedule.Kind.COSINE, 1, 1, -1, 0.1, 0));
  }
}
