package io.augreg.train;

import java.util.List;

/**
 * The recorded epochs of one training run, in order.
 *
 * @param epochs the records (unmodifiable)
 */
public record History(List<EpochRecord> epochs) {

  /** Stores an unmodifiable copy. */
  public History {
    epochs = List.copyOf(epochs);
  }

  /** The last record, or null if none. */
  public EpochRecord last() {
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
  }
}
