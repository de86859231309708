package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochLogTest {
  private static final double NAN = Double.NaN;

  private final List<EpochRecord> heard = new ArrayList<>();
  private final List<Integer> kept = new ArrayList<>();

  private static EpochRecord rec(int epoch, double trainCost, double devCost, double devAcc) {
    return new EpochRecord(epoch, trainCost, devCost, 0.5, devAcc);
  }

  /** Records {@code r}, noting in {@link #kept} the epochs whose parameters were snapshotted. */
  private boolean record(EpochLog log, EpochRecord r) {
    return log.record(r, () -> kept.add(r.epoch()));
  }

  @Test
  void withoutEarlyStoppingEveryFiniteEpochIsKeptAndTheLastParametersReturned() {
    EpochLog log = new EpochLog(3, null, false, heard::add);
    EpochRecord a = rec(1, 0.9, NAN, NAN);
    EpochRecord b = rec(2, 0.7, NAN, NAN);
    EpochRecord c = rec(3, 0.6, NAN, NAN);
    assertFalse(record(log, a));
    assertFalse(record(log, b));
    assertFalse(record(log, c));
    assertEquals(List.of(a, b, c), heard);
    assertEquals(List.of(1, 2, 3), kept);
    assertEquals(EpochLog.Returned.LAST, log.settle(4));
    assertEquals(3, log.stopEpoch());
    assertEquals(3, log.bestEpoch());
    assertEquals(StopReason.MAX_EPOCHS, log.reason());
    assertEquals(0.6, log.lastCost(), 0.0);
    assertEquals(List.of(a, b, c), log.history().epochs());
  }

  @Test
  void patienceStopsAndReturnsTheBestDevLossEpoch() {
    EarlyStopping early = new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 2, 0);
    EpochLog log = new EpochLog(10, early, true, heard::add);
    assertFalse(record(log, rec(1, 0.9, 0.50, 0.6)));
    assertFalse(record(log, rec(2, 0.8, 0.40, 0.7)));
    assertFalse(record(log, rec(3, 0.7, 0.45, 0.8)));
    assertTrue(record(log, rec(4, 0.6, 0.41, 0.8)));
    assertEquals(List.of(1, 2), kept);
    assertEquals(4, heard.size());
    assertEquals(StopReason.PATIENCE, log.reason());
    assertEquals(EpochLog.Returned.BEST, log.settle(4));
    assertEquals(2, log.bestEpoch());
    assertEquals(4, log.stopEpoch());
    assertEquals(0.6, log.lastCost(), 0.0);
  }

  @Test
  void earlyStoppingThatRunsAllEpochsStillReturnsTheBest() {
    EarlyStopping early = new EarlyStopping(EarlyStopping.Monitor.DEV_ACCURACY, 5, 0);
    EpochLog log = new EpochLog(3, early, true, null);
    record(log, rec(1, 0.9, 0.5, 0.6));
    record(log, rec(2, 0.8, 0.4, 0.9));
    record(log, rec(3, 0.7, 0.3, 0.8));
    assertEquals(List.of(1, 2), kept);
    assertEquals(EpochLog.Returned.BEST, log.settle(4));
    assertEquals(StopReason.MAX_EPOCHS, log.reason());
    assertEquals(2, log.bestEpoch());
    assertEquals(3, log.stopEpoch());
  }

  @Test
  void divergenceAfterAFiniteEpochReturnsThatEpochWithANanLastCost() {
    EpochLog log = new EpochLog(10, null, false, heard::add);
    record(log, rec(1, 0.9, NAN, NAN));
    log.diverged(2);
    assertEquals(StopReason.DIVERGED, log.reason());
    assertTrue(Double.isNaN(log.lastCost()));
    List<EpochRecord> h = log.history().epochs();
    assertEquals(2, h.size());
    assertEquals(new EpochRecord(2, NAN, NAN, NAN, NAN), h.get(1));
    assertEquals(1, heard.size()); // a diverged epoch is not reported to the listener
    assertEquals(EpochLog.Returned.BEST, log.settle(2));
    assertEquals(1, log.bestEpoch());
    assertEquals(2, log.stopEpoch());
  }

  @Test
  void divergenceBeforeAnyKeptEpochFallsBackToTheInitialParameters() {
    EpochLog log = new EpochLog(10, null, false, null);
    log.diverged(1);
    assertEquals(EpochLog.Returned.INITIAL, log.settle(1));
    assertEquals(0, log.bestEpoch());
    assertEquals(1, log.stopEpoch());
    assertEquals(StopReason.DIVERGED, log.reason());
  }

  @Test
  void aNonFiniteRecordedCostStopsWithoutKeeping() {
    EpochLog noDev = new EpochLog(10, null, false, heard::add);
    assertTrue(record(noDev, rec(1, Double.POSITIVE_INFINITY, NAN, NAN)));
    assertEquals(StopReason.DIVERGED, noDev.reason());
    assertEquals(1, heard.size()); // recorded and reported, but not kept
    assertTrue(kept.isEmpty());
    assertEquals(Double.POSITIVE_INFINITY, noDev.lastCost(), 0.0);

    EpochLog withDev = new EpochLog(10, null, true, null);
    assertFalse(record(withDev, rec(1, 0.9, 0.5, 0.5)));
    assertTrue(record(withDev, rec(2, 0.8, NAN, 0.5)));
    assertEquals(List.of(1), kept);
    assertEquals(EpochLog.Returned.BEST, withDev.settle(2));
    assertEquals(1, withDev.bestEpoch());
  }

  @Test
  void earlyStoppingNeedsADevSet() {
    EarlyStopping early = new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 2, 0);
    AugregException e =
        assertThrows(AugregException.class, () -> new EpochLog(5, early, false, null));
    assertEquals("early stopping needs a dev set", e.getMessage());
  }
}
