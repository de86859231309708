package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs one body on a few dedicated threads and waits for all of them: the first failure of any
 * worker is rethrown in the caller, and every worker frees its native augmentation temporaries
 * ({@link Scratch}) when it ends.
 */
final class Workers {
  private Workers() {}

  /** A worker body that may be interrupted while waiting (e.g. on a barrier). */
  @FunctionalInterface
  interface Body {
    /** Runs worker {@code id} (0-based). */
    void run(int id) throws Exception;
  }

  /**
   * Starts {@code threads} threads named {@code name-0, name-1, ...}, each running {@code
   * body.run(id)}, and joins them.
   *
   * @param threads number of workers, at least 1
   * @param name thread name prefix
   * @param body the work of one worker
   * @param onFailure called (in the failing worker) after the first failure, e.g. to release
   *     workers waiting on a barrier; may be {@code null}
   * @throws RuntimeException or Error, the first one a worker threw
   * @throws AugregException if a worker was interrupted or the caller was interrupted
   */
  static void run(int threads, String name, Body body, IntConsumer onFailure) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] pool = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      pool[t] =
          new Thread(
              () -> {
                try {
                  body.run(id);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                  if (onFailure != null) {
                    onFailure.accept(id);
                  }
                } finally {
                  Scratch.release();
                }
              },
              name + "-" + t);
      pool[t].start();
    }
    for (Thread t : pool) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AugregException(name + ": interrupted", e);
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
    if (f != null) {
      throw new AugregException(name + ": interrupted", f);
    }
  }
}
