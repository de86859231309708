package io.augreg.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  private static SearchSpace parse(String... texts) {
    return SearchSpace.parse(List.of(texts), "--grid");
  }

  @Test
  void parsesTheIssuesGridAndEnumeratesEveryCombinationFirstAxisSlowest() {
    SearchSpace s = parse("l2=0,0.01,0.1,1 keep-prob=1,0.9,0.8 augment=@light.txt,@strong.txt");
    assertEquals(List.of("l2", "keep-prob", "augment"), s.axes().stream().map(SearchSpace.Axis::key).toList());
    assertEquals(24, s.gridSize());
    List<Setting> g = s.grid();
    assertEquals(24, g.size());
    assertEquals("l2=0 keep-prob=1 augment=light.txt", g.get(0).label());
    assertEquals("@strong.txt", g.get(1).get("augment"));
    assertEquals("1", g.get(23).get("l2"));
    assertEquals(24, new HashSet<>(g.stream().map(Setting::id).toList()).size());
  }

  @Test
  void rangesGiveEvenlyOrGeometricallySpacedPoints() {
    assertEquals(List.of("0", "0.25", "0.5", "0.75", "1", "1.25", "1.5"), parse("l2=0..1.5").axes().get(0).values());
    assertEquals(List.of("0", "0.5", "1", "1.5"), parse("l2=0..1.5:4").axes().get(0).values());
    assertEquals(List.of("0.0001", "0.001", "0.01"), parse("lr=1e-4..1e-2:3:log").axes().get(0).values());
    assertEquals(List.of("3"), parse("epochs=3..3:1").axes().get(0).values());
  }

  @Test
  void bracesProtectCommasAndSpacesAndSeveralOptionsAddUp() {
    SearchSpace s = parse("layers={20,7,5},{40,14,10}", "arch={conv filters=8 | pool k=2},{conv filters=16}");
    assertEquals(List.of("20,7,5", "40,14,10"), s.axes().get(0).values());
    assertEquals(List.of("conv filters=8 | pool k=2", "conv filters=16"), s.axes().get(1).values());
    // a spec with ".." is a value, not a range
    assertEquals(List.of("rotate deg=-15..15"), parse("augment={rotate deg=-15..15}").axes().get(0).values());
  }

  @Test
  void emptyRangesAndMalformedAxesAreUsageErrorsNamingTheToken() {
    for (String bad : List.of("l2=1..0", "l2=..1", "lr=0..1:log", "l2=0..1:0", "l2=1..1:3", "l2=a..")) {
      AugregException e = assertThrows(AugregException.class, () -> parse(bad), bad);
      assertEquals(2, e.exitCode());
      assertTrue(e.getMessage().contains("empty range"), e.getMessage());
    }
    assertTrue(assertThrows(AugregException.class, () -> parse("l2")).getMessage().contains("KEY=VALUES"));
    assertTrue(assertThrows(AugregException.class, () -> parse("--l2=1")).getMessage().contains("without dashes"));
    assertTrue(assertThrows(AugregException.class, () -> parse("l2=1 l2=2")).getMessage().contains("twice"));
    assertTrue(assertThrows(AugregException.class, () -> parse("l2=1,,2")).getMessage().contains("empty value"));
  }

  @Test
  void randomDrawsAreSeededInRangeAndLogUniformWhereAsked() {
    SearchSpace s = parse("lr=1e-4..1e-2:log keep-prob=0.8,0.9,1");
    List<Setting> a = s.random(40, 7);
    assertEquals(a, s.random(40, 7));
    assertTrue(!a.equals(s.random(40, 8)));
    int below = 0;
    Set<String> kp = new HashSet<>();
    for (Setting x : a) {
      double lr = Double.parseDouble(x.get("lr"));
      assertTrue(lr >= 1e-4 && lr <= 1e-2, x.label());
      below += lr < 1e-3 ? 1 : 0; // log-uniform: half the draws below the geometric middle
      kp.add(x.get("keep-prob"));
    }
    assertTrue(below >= 10 && below <= 30, "draws below 1e-3: " + below);
    assertEquals(Set.of("0.8", "0.9", "1"), kp);
  }

  @Test
  void gridSizeSaturatesInsteadOfOverflowing() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      b.append("k").append(i).append("=1,2,3,4,5,6,7,8 ");
    }
    assertEquals(Long.MAX_VALUE, parse(b.toString()).gridSize());
  }
}
