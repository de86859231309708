package io.augreg.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Supplies the training examples of each mini-batch, for online data augmentation: the trainer
 * decides the order (shuffled per epoch from its seed) and asks the source to fill each batch,
 * e.g. with augmented copies of those examples. Evaluation (train accuracy, dev metrics, the
 * diagnosis) always uses the un-augmented data sets.
 *
 * <p>Pass one to {@link Trainer#train(io.augreg.nn.Network, io.augreg.data.Dataset,
 * io.augreg.data.Dataset, TrainingListener, BatchSource)}. Calls come from the training thread, in
 * order; a source may prefetch on its own threads once it knows the epoch's order.
 */
public interface BatchSource {

  /**
   * Called at the start of every epoch with the order in which the epoch visits the examples.
   *
   * @param epoch 1-based epoch
   * @param order example indices into the training set, one batch after the other (read only)
   */
  default void startEpoch(int epoch, int[] order) {}

  /**
   * Fills one batch: column c of {@code x} and {@code y[c]} are (an augmented version of) training
   * example {@code order[from + c]}, for c in [0, size).
   *
   * @param epoch 1-based epoch
   * @param order the epoch's order, as given to {@link #startEpoch}
   * @param from index into {@code order} of the batch's first example
   * @param size examples in this batch
   * @param x output, already shaped (features × size)
   * @param y output labels, first {@code size} entries
   */
  void fill(int epoch, int[] order, int from, int size, DMatrixRMaj x, double[] y);
}
