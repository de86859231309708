package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The slice executor's threads: every slice once per step, the barrier, failures, close. */
class SliceCrewTest {

  @Test
  void everySliceRunsOncePerStepAndSeesTheOthersWritesAfterTheBarrier() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int threads = 1; threads <= 3; threads++) {
        try (SliceCrew crew = new SliceCrew(threads)) {
          AtomicIntegerArray runs = new AtomicIntegerArray(threads);
          long[] slots = new long[threads];
          long[] seen = new long[threads];
          int steps = 3000;
          for (int s = 0; s < steps; s++) {
            // the number of slices changes from step to step: 1 … threads
            int parts = 1 + s % threads;
            long stamp = s;
            crew.run(parts, w -> {
              runs.incrementAndGet(w);
              slots[w] = stamp * 10 + w;
              crew.await();
              // Σ of every slice's write of this step, read after the barrier
              long sum = 0;
              for (int v = 0; v < parts; v++) {
                sum += slots[v];
              }
              seen[w] = sum;
              crew.await();
            });
            for (int w = 0; w < parts; w++) {
              assertEquals(stamp * 10 * parts + (long) parts * (parts - 1) / 2, seen[w]);
            }
          }
          int[] expected = new int[threads];
          for (int s = 0; s < steps; s++) {
            for (int w = 0; w <= s % threads; w++) {
              expected[w]++;
            }
          }
          int[] got = new int[threads];
          for (int w = 0; w < threads; w++) {
            got[w] = runs.get(w);
          }
          assertArrayEquals(expected, got);
        }
      }
    });
  }

  @Test
  void aFailingSliceIsRethrownAndReleasesTheOthersFromTheBarrier() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (SliceCrew crew = new SliceCrew(3)) {
        for (int bad = 0; bad < 3; bad++) {
          int b = bad;
          IllegalArgumentException boom = new IllegalArgumentException("slice " + b);
          RuntimeException thrown = assertThrows(RuntimeException.class, () -> crew.run(3, w -> {
            if (w == b) {
              throw boom;
            }
            crew.await();
          }));
          assertSame(boom, thrown);
          // the crew still works after a failed step
          AtomicIntegerArray runs = new AtomicIntegerArray(3);
          crew.run(3, w -> {
            crew.await();
            runs.incrementAndGet(w);
          });
          assertEquals("[1, 1, 1]", runs.toString());
        }
      }
    });
  }

  @Test
  void closeEndsTheResidentThreads() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    SliceCrew crew = new SliceCrew(3);
    crew.run(3, w -> { });
    Set<Thread> mine = new HashSet<>(Thread.getAllStackTraces().keySet());
    mine.removeAll(before);
    mine.removeIf(t -> !t.getName().startsWith("augreg-cnn-"));
    assertEquals(2, mine.size());
    crew.close();
    for (Thread t : mine) {
      t.join(10_000);
      assertFalse(t.isAlive());
    }
  }

  @Test
  void partsOutsideTheThreadsAreRefused() {
    try (SliceCrew crew = new SliceCrew(2)) {
      assertThrows(IllegalArgumentException.class, () -> crew.run(3, w -> { }));
      assertThrows(IllegalArgumentException.class, () -> crew.run(0, w -> { }));
    }
    assertThrows(IllegalArgumentException.class, () -> new SliceCrew(0));
  }
}
