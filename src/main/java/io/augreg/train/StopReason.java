package io.augreg.train;

/** Why training ended. */
public enum StopReason {
  /** The configured maximum number of epochs was reached. */
  MAX_EPOCHS("max_epochs"),
  /** Early stopping: the monitored dev metric did not improve for {@code patience} evaluations. */
  PATIENCE("patience"),
  /** A NaN or infinite loss (or gradient) appeared. */
  DIVERGED("diverged"),
  /**
   * Stopped on request ({@link Checkpointing#requestStop()}, Ctrl-C in {@code augreg train}) at
   * the end of a mini-batch; a checkpoint holds the state to resume from.
   */
  INTERRUPTED("interrupted");

  private final String label;

  StopReason(String label) {
    this.label = label;
  }

  /** The lower-case label used in reports and JSON, e.g. {@code "max_epochs"}. */
  public String label() {
    return label;
  }
}
