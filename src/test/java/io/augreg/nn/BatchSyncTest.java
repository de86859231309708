package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchSyncTest {

  @Test
  void oneSliceNeverWaitsAndExchangesAreSharedPerLayer() {
    BatchSync sync = new BatchSync(3);
    assertEquals(1, sync.parts());
    sync.await();
    sync.await();
    sync.begin(3);
    assertEquals(3, sync.parts());
    assertSame(sync.exchange(2), sync.exchange(2));
    assertTrue(sync.exchange(1) != sync.exchange(2));
    assertEquals(3, sync.exchange(0).forward.length);
    assertThrows(IllegalArgumentException.class, () -> sync.begin(4));
    assertThrows(IllegalArgumentException.class, () -> sync.begin(0));
    assertThrows(IllegalArgumentException.class, () -> new BatchSync(0));
  }

  @Test
  void twoSlicesMeetRepeatedly() throws Exception {
    BatchSync sync = new BatchSync(2);
    sync.begin(2);
    int[] seen = new int[1];
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 50; i++) {
        sync.await();
      }
    });
    for (int i = 0; i < 50; i++) {
      sync.await();
      seen[0]++;
    }
    other.get(10, TimeUnit.SECONDS);
    assertEquals(50, seen[0]);
  }

  @Test
  void abortReleasesAWaitingSlice() throws Exception {
    BatchSync sync = new BatchSync(2);
    sync.begin(2);
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(sync::await);
    Thread.sleep(50);
    sync.abort();
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("another slice"), e.getCause().getMessage());
    // the next step starts clean
    sync.begin(1);
    sync.await();
  }
}
