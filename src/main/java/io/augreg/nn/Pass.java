package io.augreg.nn;

/**
 * What a forward pass is for: training (dropout active) or inference, and where its random masks
 * come from. A fresh mask of example {@code j} of the batch is drawn from a generator derived from
 * {@code (seed, layer, offset + j)}, so it does not depend on how the batch is split across
 * threads; the lesson's reference masks ({@link ReferenceMasks}) depend on the whole batch's size.
 *
 * @param training true to apply dropout
 * @param seed the batch's seed (e.g. mixed from run seed, epoch and batch index)
 * @param offset the index within the whole mini-batch of this slice's first example
 * @param batch the whole mini-batch's examples, or 0 when the pass is not split (the slice is the
 *     batch)
 */
public record Pass(boolean training, long seed, int offset, int batch) {

  /** Inference: no dropout. */
  public static final Pass INFERENCE = new Pass(false, 0, 0, 0);

  /**
   * A training pass over a whole batch (offset 0) of unstated size.
   *
   * @param seed the batch's mask seed
   * @return the pass
   */
  public static Pass training(long seed) {
    return new Pass(true, seed, 0, 0);
  }

  /**
   * A training pass over a whole batch of {@code batch} examples (offset 0).
   *
   * @param seed the batch's mask seed
   * @param batch the batch's examples
   * @return the pass
   */
  public static Pass training(long seed, int batch) {
    return new Pass(true, seed, 0, batch);
  }

  /**
   * The same pass for a slice of the batch.
   *
   * @param offset index of the slice's first example in the batch
   * @return the pass
   */
  public Pass slice(int offset) {
    return new Pass(training, seed, offset, batch);
  }

  /**
   * The whole batch's examples.
   *
   * @param n examples of this slice
   * @return {@link #batch()}, or {@code offset + n} when it was not given
   */
  public int batchOf(int n) {
    return batch > 0 ? batch : offset + n;
  }
}
