package io.augreg.train;

/** How the trainer turns gradients into parameter updates. */
public enum Optimizer {
  /** Full-batch gradient descent, the lesson's: one epoch is one iteration over all examples. */
  GD,
  /** Mini-batch stochastic gradient descent: {@code θ −= α·g}. */
  SGD,
  /** Momentum: {@code v = β·v + (1 − β)·g; θ −= α·v}. */
  MOMENTUM,
  /**
   * Adam: {@code v = β1·v + (1 − β1)·g; s = β2·s + (1 − β2)·g²; θ −= α·v̂ / (sqrt(ŝ) + ε)}, with
   * bias-corrected {@code v̂ = v / (1 − β1^t)}, {@code ŝ = s / (1 − β2^t)}.
   */
  ADAM,
  /**
   * AdamW (PyTorch's): decoupled weight decay {@code θ −= α·wd·θ}, then the Adam step on the
   * gradient without the decay term.
   */
  ADAMW
}
