package io.augreg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SplitTest {

  /** 1000 examples: 700 of class 0, 200 of class 1, 100 of class 2, interleaved. */
  private static int[] labels() {
    int[] y = new int[1000];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 10 < 7 ? 0 : (i % 10 < 9 ? 1 : 2);
    }
    return y;
  }

  private static int count(int[] idx, int[] labels, int cls) {
    return (int) Arrays.stream(idx).filter(i -> labels[i] == cls).count();
  }

  @Test
  void presetsHaveTheLessonsProportions() {
    assertEquals(new SplitRatios(0.7, 0, 0.3), SplitPreset.TRAIN_TEST_70_30.ratios());
    assertEquals(new SplitRatios(0.6, 0.2, 0.2), SplitPreset.SMALL_60_20_20.ratios());
    assertEquals(new SplitRatios(0.98, 0.01, 0.01), SplitPreset.LARGE_98_1_1.ratios());
    assertEquals(new SplitRatios(0.995, 0.0025, 0.0025), SplitPreset.HUGE_99_5.ratios());
    assertEquals(SplitPreset.SMALL_60_20_20, SplitPreset.recommendedFor(10_000));
    assertEquals(SplitPreset.LARGE_98_1_1, SplitPreset.recommendedFor(1_000_000));
    assertEquals(SplitPreset.HUGE_99_5, SplitPreset.recommendedFor(50_000_000));
  }

  @Test
  void sizesAreExactAndClassesAreStratified() {
    int[] y = labels();
    Split s = Split.stratified(y, SplitPreset.SMALL_60_20_20, 42);
    assertEquals(600, s.trainSize());
    assertEquals(200, s.devSize());
    assertEquals(200, s.testSize());
    // 700/200/100 per class → 420/120/60 train, 140/40/20 dev and test (±1).
    int[][] expected = {{420, 140, 140}, {120, 40, 40}, {60, 20, 20}};
    for (int c = 0; c < 3; c++) {
      assertEquals(expected[c][0], count(s.train(), y, c), 1.0, "train class " + c);
      assertEquals(expected[c][1], count(s.dev(), y, c), 1.0, "dev class " + c);
      assertEquals(expected[c][2], count(s.test(), y, c), 1.0, "test class " + c);
    }
  }

  @Test
  void partsArePartitionOfAllIndicesAndSorted() {
    int[] y = labels();
    Split s = Split.stratified(y, SplitPreset.TRAIN_TEST_70_30, 1);
    assertEquals(0, s.devSize());
    BitSet seen = new BitSet();
    for (int[] part : new int[][] {s.train(), s.dev(), s.test()}) {
      int[] sorted = part.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, part);
      for (int i : part) {
        assertFalse(seen.get(i), "index twice: " + i);
        seen.set(i);
      }
    }
    assertEquals(1000, seen.cardinality());
  }

  @Test
  void sameSeedSameSplitOtherSeedOther() {
    int[] y = labels();
    Split a = Split.stratified(y, SplitPreset.SMALL_60_20_20, 7);
    Split b = Split.stratified(y, SplitPreset.SMALL_60_20_20, 7);
    Split c = Split.stratified(y, SplitPreset.SMALL_60_20_20, 8);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.dev(), b.dev());
    assertFalse(Arrays.equals(a.train(), c.train()));
  }

  @Test
  void tinyPartsGetAtLeastOneExample() {
    Split s = Split.random(50, SplitPreset.HUGE_99_5.ratios(), 3);
    assertEquals(48, s.trainSize());
    assertEquals(1, s.devSize());
    assertEquals(1, s.testSize());
    Split big = Split.random(1_000_000, SplitPreset.HUGE_99_5.ratios(), 3);
    assertEquals(995_000, big.trainSize());
    assertEquals(2_500, big.devSize());
  }

  @Test
  void tooFewExamplesIsAUserError() {
    AugregException e =
        assertThrows(
            AugregException.class, () -> Split.random(2, SplitPreset.SMALL_60_20_20.ratios(), 0));
    assertTrue(e.getMessage().contains("cannot split 2"), e.getMessage());
  }

  @Test
  void customRatiosParse() {
    assertEquals(SplitPreset.LARGE_98_1_1.ratios(), SplitRatios.parse("98/1/1"));
    SplitRatios r = SplitRatios.parse("8/1/1");
    assertEquals(0.8, r.train(), 1e-12);
    assertEquals(0.1, r.dev(), 1e-12);
    assertEquals(0.1, r.test(), 1e-12);
    SplitRatios two = SplitRatios.parse("0.75/0.25");
    assertEquals(0.75, two.train(), 1e-12);
    assertEquals(0.0, two.dev());
    assertEquals("75/0/25", two.toString());
    assertThrows(AugregException.class, () -> SplitRatios.parse("abc/1"));
    assertThrows(AugregException.class, () -> SplitRatios.parse("0/50/50"));
    assertThrows(AugregException.class, () -> SplitRatios.parse("70"));
    assertThrows(AugregException.class, () -> SplitRatios.parse("70/-10/40"));
    assertThrows(AugregException.class, () -> new SplitRatios(0.5, 0.2, 0.2));
  }
}
