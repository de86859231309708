package io.augreg.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefineTest {
  private static final Set<String> TRAIN_KEYS = Set.of("l2", "keep-prob", "layers", "arch", "augment");

  private static CellSummary cell(Setting s, double train, double dev) {
    return CellSummary.of(s, 1, List.of(new RunResult(train, dev, Double.NaN, 10, 10)), 0);
  }

  @Test
  void highVarianceStrengthensTheSearchedRegularizers() {
    Setting s = Setting.of(Map.of()).with("l2", "0.1").with("keep-prob", "0.9").with("augment", "@a.txt");
    Refine r = Refine.from(cell(s, 0.02, 0.20), Set.of("l2", "keep-prob", "augment"), Map.of(), TRAIN_KEYS);
    assertTrue(r.advice().startsWith("high variance"), r.advice());
    assertTrue(r.advice().contains("more augmentation"), r.advice());
    Map<String, List<String>> next = axes(r.next());
    assertEquals(List.of("0.1", "0.3", "1"), next.get("l2"));
    assertEquals(List.of("0.9", "0.8", "0.7"), next.get("keep-prob"));
    assertEquals(2, next.size()); // augment: not a known direction, stays at the best value
  }

  @Test
  void highVarianceWithoutARegularizerStartsAnL2Search() {
    Refine r = Refine.from(cell(Setting.of(Map.of("epochs", "5")), 0.0, 0.3), Set.of("epochs"), Map.of(), TRAIN_KEYS);
    assertEquals(List.of("0", "0.01", "0.1"), axes(r.next()).get("l2"));
  }

  @Test
  void highBiasWeakensRegularizationAndDoublesTheNetwork() {
    Setting s = Setting.of(Map.of("l2", "1"));
    String arch = "conv filters=16 k=3 | pool k=2 | dense units=64 | dropout keep=0.5";
    Refine r = Refine.from(cell(s, 0.30, 0.32), Set.of("l2"), Map.of("arch", arch), TRAIN_KEYS);
    assertTrue(r.advice().startsWith("high bias"), r.advice());
    Map<String, List<String>> next = axes(r.next());
    assertEquals(List.of("1", "0.333", "0"), next.get("l2"));
    assertEquals(List.of(arch, "conv filters=32 k=3 | pool k=2 | dense units=128 | dropout keep=0.5"), next.get("arch"));
    Refine mlp = Refine.from(cell(s, 0.30, 0.32), Set.of("l2"), Map.of(), TRAIN_KEYS);
    assertEquals(List.of("20,7,5", "40,14,10"), axes(mlp.next()).get("layers"));
    // a runner without network options (football) gets no network axis
    Refine fb = Refine.from(cell(s, 0.30, 0.32), Set.of("l2"), Map.of(), Set.of("l2"));
    assertEquals(Set.of("l2"), axes(fb.next()).keySet());
  }

  @Test
  void lowBiasAndVarianceStops() {
    Refine r = Refine.from(cell(Setting.of(Map.of("l2", "0.1")), 0.01, 0.02), Set.of("l2"), Map.of(), TRAIN_KEYS);
    assertNull(r.next());
    assertTrue(r.advice().startsWith("low bias and low variance"), r.advice());
  }

  private static Map<String, List<String>> axes(SearchSpace s) {
    Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    for (SearchSpace.Axis a : s.axes()) {
      m.put(a.key(), a.values());
    }
    return m;
  }
}
