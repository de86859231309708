package io.augreg.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void sameKeysGiveSameSeed() {
    assertEquals(Seeds.mix(42, 1, 2, 3), Seeds.mix(42, 1, 2, 3));
    assertEquals(
        Seeds.generator(7, 0, 5).nextLong(), Seeds.generator(7, 0, 5).nextLong());
  }

  @Test
  void distinctTuplesGiveDistinctSeeds() {
    Set<Long> seen = new HashSet<>();
    for (int seed = 0; seed < 4; seed++) {
      for (int epoch = 0; epoch < 8; epoch++) {
        for (int index = 0; index < 64; index++) {
          seen.add(Seeds.mix(seed, epoch, index));
        }
      }
    }
    assertEquals(4 * 8 * 64, seen.size());
    // key order matters: (1, 2) is not (2, 1)
    assertNotEquals(Seeds.mix(0, 1, 2), Seeds.mix(0, 2, 1));
    // a shorter tuple is not a prefix collision of a longer one with key 0
    assertNotEquals(Seeds.mix(0, 1), Seeds.mix(0, 1, 0));
  }

  @Test
  void mixedBitsAreBalanced() {
    // Each output bit should be set about half of the time over consecutive indices.
    int n = 4096;
    int[] ones = new int[64];
    for (int i = 0; i < n; i++) {
      long v = Seeds.mix(123, i);
      for (int b = 0; b < 64; b++) {
        ones[b] += (int) ((v >>> b) & 1);
      }
    }
    for (int b = 0; b < 64; b++) {
      double frac = ones[b] / (double) n;
      assertEquals(0.5, frac, 0.05, "bit " + b);
    }
  }

  @Test
  void permutationsAreUniformAndReproducible() {
    // all 6 orders of 3 items, 6000 draws: each 1000 ± 4 standard deviations (√(6000·1/6·5/6) ≈ 29)
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    java.util.SplittableRandom rng = Seeds.generator(7, 1);
    for (int k = 0; k < 6000; k++) {
      counts.merge(java.util.Arrays.toString(Seeds.permutation(3, rng)), 1, Integer::sum);
    }
    assertEquals(6, counts.size());
    for (int c : counts.values()) {
      assertTrue(Math.abs(c - 1000) < 116, "count " + c);
    }
    int[] a = Seeds.permutation(50, Seeds.generator(3, 9));
    assertArrayEquals(a, Seeds.permutation(50, Seeds.generator(3, 9)));
    int[] sorted = a.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void extendAndNthLongAreMixAndTheGeneratorsDraws() {
    for (long seed : new long[] {0, 1, -3, Long.MAX_VALUE}) {
      assertEquals(Seeds.mix(seed, 5, -1, 1 << 20),
          Seeds.extend(Seeds.extend(Seeds.mix(seed, 5), -1), 1 << 20));
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      for (int k = 1; k <= 1000; k++) {
        assertEquals(r.nextLong(), Seeds.nthLong(seed, k), "seed " + seed + " draw " + k);
      }
    }
  }
}
