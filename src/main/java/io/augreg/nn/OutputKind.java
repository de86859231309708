package io.augreg.nn;

/** The output layer and its loss, both computed from the logits {@code Z_L}. */
public enum OutputKind {
  /**
   * One sigmoid unit, P(y = 1); binary cross-entropy from logits: {@code max(z, 0) − z·y +
   * log1p(exp(−|z|))}. Labels are 0 or 1.
   */
  SIGMOID_BINARY,
  /** k softmax units; cross-entropy {@code logsumexp(z) − z_y}. Labels are class indices 0..k−1. */
  SOFTMAX;

  /**
   * Whether an output layer of this kind can have {@code units} units: exactly 1 for a sigmoid,
   * at least 2 for a softmax.
   *
   * @param units output units
   * @return true when they fit
   */
  public boolean fits(int units) {
    return this == SIGMOID_BINARY ? units == 1 : units >= 2;
  }

  /**
   * The units this kind needs, as {@link #fits} decides, for messages.
   *
   * @return {@code "1 unit"} or {@code "at least 2 units"}
   */
  public String unitsNeeded() {
    return this == SIGMOID_BINARY ? "1 unit" : "at least 2 units";
  }
}
