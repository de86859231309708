package io.augreg.train;

import java.util.function.Consumer;

/** Test helper: a {@link BatchStream} that hands out another's batches and shows each to a tap. */
final class TappedBatches implements BatchStream {
  private final BatchStream s;
  private final Consumer<Batch> tap;

  /**
   * @param s the batches (its own skipping is used for {@link #epoch(int, int)})
   * @param tap sees every training batch handed out, before the caller does
   */
  TappedBatches(BatchStream s, Consumer<Batch> tap) {
    this.s = s;
    this.tap = tap;
  }

  @Override
  public int size() {
    return s.size();
  }

  @Override
  public int features() {
    return s.features();
  }

  @Override
  public int batchSize() {
    return s.batchSize();
  }

  @Override
  public Epoch epoch(int epoch) {
    return epoch(epoch, 0);
  }

  @Override
  public Epoch epoch(int epoch, int first) {
    Epoch e = s.epoch(epoch, first);
    return new Epoch() {
      @Override
      public Batch next() {
        Batch b = e.next();
        if (b != null) {
          tap.accept(b);
        }
        return b;
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  @Override
  public Epoch clean() {
    return s.clean();
  }

  @Override
  public void close() {}
}
