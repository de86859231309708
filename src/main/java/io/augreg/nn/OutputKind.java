package io.augreg.nn;

/** The output layer and its loss, both computed from the logits {@code Z_L}. */
public enum OutputKind {
  /**
   * One sigmoid unit, P(y = 1); binary cross-entropy from logits: {@code max(z, 0) − z·y +
   * log1p(exp(−|z|))}. Labels are 0 or 1.
   */
  SIGMOID_BINARY,
  /** k softmax units; cross-entropy {@code logsumexp(z) − z_y}. Labels are class indices 0..k−1. */
  SOFTMAX
}
