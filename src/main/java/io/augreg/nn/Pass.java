package io.augreg.nn;

/**
 * What a forward pass is for: training (dropout active) or inference, and where its random masks
 * come from. A mask of example {@code j} of the batch is drawn from a generator derived from
 * {@code (seed, layer, offset + j)}, so it does not depend on how the batch is split across threads.
 *
 * @param training true to apply dropout
 * @param seed the batch's seed (e.g. mixed from run seed, epoch and batch index)
 * @param offset the index within the whole mini-batch of this slice's first example
 */
public record Pass(boolean training, long seed, int offset) {

  /** Inference: no dropout. */
  public static final Pass INFERENCE = new Pass(false, 0, 0);

  /**
   * A training pass over a whole batch (offset 0).
   *
   * @param seed the batch's mask seed
   * @return the pass
   */
  public static Pass training(long seed) {
    return new Pass(true, seed, 0);
  }

  /**
   * The same pass for a slice of the batch.
   *
   * @param offset index of the slice's first example in the batch
   * @return the pass
   */
  public Pass slice(int offset) {
    return new Pass(training, seed, offset);
  }
}
