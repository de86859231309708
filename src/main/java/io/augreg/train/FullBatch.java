package io.augreg.train;

import io.augreg.data.Dataset;

/**
 * A data set as one batch, every epoch the same examples in their own order (full-batch gradient
 * descent): the batch is the data set's own matrix, nothing is copied or allocated per epoch.
 */
public final class FullBatch implements BatchStream {
  private final Dataset data;
  private final Batch batch;
  private final Pass pass = new Pass();

  /**
   * The whole data set as the batch of every epoch.
   *
   * @param data the examples
   */
  public FullBatch(Dataset data) {
    this.data = data;
    this.batch = new Batch(data.x(), data.y().data, data.size());
  }

  /** The one pass, reused: {@link #next()} gives the batch once after each {@link #reset()}. */
  private final class Pass implements Epoch {
    private boolean done;

    Pass reset() {
      done = false;
      return this;
    }

    @Override
    public Batch next() {
      if (done) {
        return null;
      }
      done = true;
      return batch;
    }

    @Override
    public void close() {
      done = true;
    }
  }

  /** The one batch (the data set's own matrix; its values never change). */
  Batch batch() {
    return batch;
  }

  @Override
  public int size() {
    return data.size();
  }

  @Override
  public int features() {
    return data.features();
  }

  @Override
  public int batchSize() {
    return data.size();
  }

  @Override
  public Epoch epoch(int epoch) {
    return pass.reset();
  }

  @Override
  public Epoch clean() {
    return pass.reset();
  }

  @Override
  public void close() {}
}
