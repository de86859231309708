package io.augreg.train;

import io.augreg.core.AugregException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of the {@link SliceExecutor}: the calling thread runs slice 0 of a step, {@code
 * threads − 1} resident daemon threads ({@code augreg-cnn-N}) run slices 1 … n − 1, and {@link
 * #await()} is a barrier of the step's slices. Every wait (for the next step, at the barrier, for
 * the end of the step) first spins for up to {@link #SPIN_NANOS} and then parks: the hand-off
 * from one step to the next is a few tens of microseconds when both slices end together, less
 * than waking a parked thread costs on a virtual machine; longer waits (uneven slices, a thread
 * preempted by another process, between epochs) park, so that the core goes to someone else
 * (spinning longer measured no better on the shared machine: docs/benchmarks.md, cnn2c).
 *
 * <p>Memory effects: everything a slice wrote before {@link #run} returns, or before its {@link
 * #await()}, is visible to every slice after it (volatile generation counters and atomic counts
 * order them).
 */
final class SliceCrew implements AutoCloseable {
  /** How long a waiting thread spins before it parks. */
  static final long SPIN_NANOS = 50_000;

  /** One slice of a step. */
  interface Slice {
    /**
     * Runs slice {@code worker} of the step.
     *
     * @param worker 0 … parts − 1
     */
    void run(int worker);
  }

  /** A resident thread and its signal: the number of the step whose slice it runs next. */
  private static final class Resident {
    Thread thread;
    volatile long go;
  }

  private final Resident[] residents;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile Slice task;
  private volatile int parts = 1;
  private volatile Thread caller;
  private long steps;
  /** Counts the completed barriers. */
  private volatile long barrier;
  private volatile boolean broken;
  private volatile boolean closed;

  /**
   * Starts {@code threads − 1} resident threads.
   *
   * @param threads slices per step at most, &gt;= 1
   */
  SliceCrew(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    residents = new Resident[threads - 1];
    for (int w = 1; w < threads; w++) {
      Resident r = new Resident();
      int id = w;
      r.thread = new Thread(() -> serve(id, r), "augreg-cnn-" + w);
      r.thread.setDaemon(true);
      residents[w - 1] = r;
    }
    for (Resident r : residents) {
      r.thread.start();
    }
  }

  /**
   * The largest number of slices a step may have.
   *
   * @return the threads given to the constructor
   */
  int threads() {
    return residents.length + 1;
  }

  /**
   * Runs slices 0 … parts − 1 of one step, slice 0 on the calling thread, and returns when all
   * have ended; rethrows the first failure of a slice (the others are released from {@link
   * #await()} with an exception, which is not rethrown).
   *
   * @param parts slices, 1 … {@link #threads()}
   * @param body the slice
   */
  void run(int parts, Slice body) {
    if (parts < 1 || parts > threads()) {
      throw new IllegalArgumentException("parts must be in [1, " + threads() + "], got " + parts);
    }
    // the residents of the last step have all ended: nobody reads these fields now
    done.set(0);
    failure.set(null);
    arrived.set(0);
    broken = false;
    task = body;
    this.parts = parts;
    caller = Thread.currentThread();
    steps++;
    for (int w = 1; w < parts; w++) {
      Resident r = residents[w - 1];
      r.go = steps;
      LockSupport.unpark(r.thread);
    }
    try {
      body.run(0);
    } catch (RuntimeException | Error e) {
      fail(e);
    }
    int others = parts - 1;
    long t0 = System.nanoTime();
    while (done.get() < others) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new AugregException("training interrupted", new InterruptedException());
      }
      pause(t0);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /**
   * A barrier of the current step's slices: returns when every slice has called it.
   *
   * @throws IllegalStateException if another slice of the step failed
   */
  void await() {
    if (broken) {
      throw new IllegalStateException("another slice of the batch failed");
    }
    long gen = barrier;
    int p = parts;
    if (arrived.incrementAndGet() == p) {
      arrived.set(0);
      barrier = gen + 1;
      wakeAll(p);
      return;
    }
    long t0 = System.nanoTime();
    while (barrier == gen && !broken) {
      pause(t0);
    }
    if (barrier == gen) {
      throw new IllegalStateException("another slice of the batch failed");
    }
  }

  /** Releases the slices waiting at the barrier with an exception (a slice failed). */
  void abort() {
    broken = true;
    wakeAll(parts);
  }

  @Override
  public void close() {
    closed = true;
    for (Resident r : residents) {
      LockSupport.unpark(r.thread);
    }
  }

  /** Resident thread w: runs slice w of every step that has one, until closed. */
  private void serve(int w, Resident me) {
    long seen = 0;
    while (true) {
      long t0 = System.nanoTime();
      while (me.go == seen && !closed) {
        pause(t0);
      }
      if (closed) {
        return;
      }
      seen = me.go;
      int p = parts;
      try {
        task.run(w);
      } catch (RuntimeException | Error e) {
        fail(e);
      }
      if (done.incrementAndGet() == p - 1) {
        LockSupport.unpark(caller);
      }
    }
  }

  /**
   * Records a slice's failure, unless another came first (those released from the barrier by it
   * come after it), and releases the barrier.
   */
  private void fail(Throwable e) {
    failure.compareAndSet(null, e);
    abort();
  }

  /** Unparks the calling thread and the resident threads of a step of p slices. */
  private void wakeAll(int p) {
    Thread me = Thread.currentThread();
    Thread c = caller;
    if (c != null && c != me) {
      LockSupport.unpark(c);
    }
    for (int w = 1; w < p; w++) {
      if (residents[w - 1].thread != me) {
        LockSupport.unpark(residents[w - 1].thread);
      }
    }
  }

  /** One turn of a wait that began at t0: spin for the first {@link #SPIN_NANOS}, then park. */
  private static void pause(long t0) {
    if (System.nanoTime() - t0 < SPIN_NANOS) {
      Thread.onSpinWait();
    } else {
      LockSupport.park();
    }
  }
}
