package io.augreg.nn;

/** How {@link Network#initialize} draws the initial weights (biases always start at zero). */
public enum InitScheme {
  /** The lesson's: {@code W ~ N(0, 1) / sqrt(fan_in)}. */
  LESSON,
  /** He et al. (for ReLU): {@code W ~ N(0, 1) · sqrt(2 / fan_in)}. */
  HE,
  /**
   * Glorot/Xavier, normal variant averaged over both fans: {@code W ~ N(0, 1) · sqrt(2 / (fan_in
   * + fan_out))}.
   */
  XAVIER;

  /**
   * The standard deviation of a weight of a layer with these fans.
   *
   * @param fanIn units feeding the layer, n_{l−1}
   * @param fanOut units of the layer, n_l
   * @return the factor multiplying a standard normal draw
   */
  public double scale(int fanIn, int fanOut) {
    return switch (this) {
      case LESSON -> 1.0 / Math.sqrt(fanIn);
      case HE -> Math.sqrt(2.0 / fanIn);
      case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
    };
  }
}
