package io.augreg.nn;

import io.augreg.core.AugregException;
import java.util.HashMap;
import java.util.Map;

/**
 * Synchronizes the {@link BatchNorm} layers of the per-thread stacks that split one mini-batch
 * into slices (synchronized batch normalization, PyTorch's {@code SyncBatchNorm}): each slice
 * publishes its partial statistics, waits until every slice of the batch has done so, and then
 * every slice combines all of them in slice order, so the statistics are those of the whole
 * mini-batch and identical in every slice. A training step calls {@link #begin(int)} with the
 * number of slices before the slices run; a failing slice calls {@link #abort()} so that the
 * others stop waiting.
 *
 * <p>{@link #await()} is also a plain barrier of all slices of the step.
 *
 * <p>One exchange per BN layer and direction (forward: count, mean and squared deviations;
 * backward: {@code Σdy} and {@code Σdy·x̂}); each is one barrier. A slice writes the slot of its
 * own exchange before the barrier and reads all slots after it; the next write to the same slot
 * comes after a later barrier that every slice must reach, so the slots are never read while
 * being rewritten.
 */
public final class BatchSync {
  private final int capacity;
  private final Map<Integer, Exchange> exchanges = new HashMap<>();
  private int parties = 1;
  private int arrived;
  private long generation;
  private boolean broken;

  /**
   * @param slices the largest number of slices a batch is split into (the worker threads)
   */
  public BatchSync(int slices) {
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be >= 1, got " + slices);
    }
    this.capacity = slices;
  }

  /**
   * Starts a training step split into {@code parts} slices (slices 0 … parts − 1 take part).
   *
   * @param parts slices of this step, 1 … {@code slices}
   */
  public synchronized void begin(int parts) {
    if (parts < 1 || parts > capacity) {
      throw new IllegalArgumentException("parts must be in [1, " + capacity + "], got " + parts);
    }
    parties = parts;
    arrived = 0;
    broken = false;
  }

  /** Releases the waiting slices of the current step with an exception (a slice failed). */
  public synchronized void abort() {
    broken = true;
    notifyAll();
  }

  /**
   * The slices of the current step.
   *
   * @return the count given to {@link #begin(int)} (1 before the first step)
   */
  synchronized int parts() {
    return parties;
  }

  /**
   * The exchange slots of one BN layer, shared by the instances of that layer in every stack.
   *
   * @param layer the BN layer's index among the BN layers of the network
   * @return its exchange
   */
  synchronized Exchange exchange(int layer) {
    return exchanges.computeIfAbsent(layer, k -> new Exchange(capacity));
  }

  /**
   * A barrier of the current step: waits until every slice of the step has arrived (also used by
   * the trainer after the backward pass, before the slices share the optimizer step).
   *
   * @throws IllegalStateException if another slice of the step failed ({@link #abort()})
   */
  public synchronized void await() {
    if (broken) {
      throw new IllegalStateException("another slice of the batch failed");
    }
    long gen = generation;
    if (++arrived == parties) {
      arrived = 0;
      generation++;
      notifyAll();
      return;
    }
    while (gen == generation && !broken) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AugregException("training interrupted", e);
      }
    }
    if (gen == generation) {
      throw new IllegalStateException("another slice of the batch failed");
    }
  }

  /** The per-slice slots of one BN layer: partial statistics of the forward and backward pass. */
  static final class Exchange {
    /** Forward: {@code [count, mean_0 … mean_{C−1}, m2_0 … m2_{C−1}]} of each slice. */
    final double[][] forward;
    /** Backward: {@code [Σdy_0 … Σdy_{C−1}, Σ(dy·x̂)_0 …]} of each slice. */
    final double[][] backward;

    Exchange(int slices) {
      forward = new double[slices][];
      backward = new double[slices][];
    }
  }
}
