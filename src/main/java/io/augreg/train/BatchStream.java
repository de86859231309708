package io.augreg.train;

import org.ejml.data.DMatrixRMaj;

/**
 * A stream of training mini-batches built on demand (for example images decoded and augmented
 * by worker threads), for {@link Trainer}. An implementation owns its threads and buffers
 * and releases them in {@link #close()}.
 */
public interface BatchStream extends AutoCloseable {

  /**
   * One mini-batch: inputs in the first {@code size} columns of {@code x} (features × capacity),
   * or, from a stream asked for {@link #asRows() rows}, as NHWC rows in {@code rows} (example j's
   * features at {@code rows[r·features]} with {@code r = rowIndex[j]}, or {@code r = j} when
   * {@code rowIndex} is null; x null), and labels in {@code y[0..size)}. Valid until the next
   * call of {@link Epoch#next()}. With a row index the batch names its examples' rows in the
   * whole set instead of copying them: each thread of the slice executor copies its own slice
   * ({@link #copyRows}).
   *
   * @param x inputs as columns, null when {@code rows} holds them
   * @param y hard labels (0/1 or class indices): what accuracy counts
   * @param size number of examples
   * @param targets soft targets the loss trains on instead of one-hot {@code y} (MixUp, CutMix:
   *     {@link Mixing}), k per example, example j's at {@code targets[j·k]}; null when the labels
   *     are the targets
   * @param rows inputs as rows (NHWC), null when {@code x} holds them
   * @param rowIndex the row in {@code rows} of each example, or null when example j is row j
   */
  record Batch(DMatrixRMaj x, double[] y, int size, double[] targets, double[] rows,
      int[] rowIndex) {
    /**
     * A batch whose hard labels are its targets.
     *
     * @param x inputs
     * @param y labels
     * @param size number of examples
     */
    public Batch(DMatrixRMaj x, double[] y, int size) {
      this(x, y, size, null, null, null);
    }

    /**
     * A batch of columns with soft targets.
     *
     * @param x inputs
     * @param y labels
     * @param size number of examples
     * @param targets soft targets, or null
     */
    public Batch(DMatrixRMaj x, double[] y, int size, double[] targets) {
      this(x, y, size, targets, null, null);
    }

    /**
     * Copies the rows of examples [from, from + n) into {@code dst} (n × features).
     *
     * @param from the first example
     * @param n examples
     * @param features values per row
     * @param dst at least n × features values
     */
    public void copyRows(int from, int n, int features, double[] dst) {
      // dst[j, :] = rows[r(from + j), :]
      for (int j = 0; j < n; j++) {
        int r = rowIndex == null ? from + j : rowIndex[from + j];
        System.arraycopy(rows, r * features, dst, j * features, features);
      }
    }

    /**
     * The same inputs and labels with other targets.
     *
     * @param soft the targets
     * @return the batch
     */
    public Batch withTargets(double[] soft) {
      return new Batch(x, y, size, soft, rows, rowIndex);
    }
  }

  /** The batches of one pass over the data, in order; {@link #next()} returns null at the end. */
  interface Epoch extends AutoCloseable {
    /**
     * The next batch, or null when the pass is complete.
     *
     * @return a batch valid until the next call
     */
    Batch next();

    /** Stops the pass early (e.g. on divergence) and releases its workers. */
    @Override
    void close();
  }

  /** The number of training examples m. */
  int size();

  /** The number of input features. */
  int features();

  /** The largest batch {@link #epoch} or {@link #clean} return. */
  int batchSize();

  /**
   * The training batches of epoch {@code epoch} (1-based): a new order and new augmentations
   * for every epoch, the same for the same epoch and seed.
   *
   * @param epoch the epoch
   * @return its batches
   */
  Epoch epoch(int epoch);

  /**
   * The batches of epoch {@code epoch} from batch {@code first} on (0-based), the same batches
   * {@link #epoch(int)} gives after its first {@code first}: how a resumed run continues in the
   * middle of an epoch. This default builds and drops the skipped batches.
   *
   * @param epoch the epoch
   * @param first the batches to skip
   * @return the remaining batches
   */
  default Epoch epoch(int epoch, int first) {
    Epoch e = epoch(epoch);
    for (int b = 0; b < first && e.next() != null; b++) {
      // skipped
    }
    return e;
  }

  /**
   * The same batches as NHWC rows ({@link Batch#rows()}), which the slice executor runs without
   * transposing them, when this stream can give them cheaply; the values are the same. The
   * default gives columns: this stream itself.
   *
   * @return a stream of row batches, or this one
   */
  default BatchStream asRows() {
    return this;
  }

  /**
   * The training examples without augmentation, in a fixed order (for measuring train cost and
   * accuracy).
   *
   * @return all examples in batches
   */
  Epoch clean();

  /** Releases threads and memory. */
  @Override
  void close();
}
