package io.augreg.nn.conv;

/**
 * One parameter tensor of a layer instance: the values (shared by every instance bound to the
 * same model, e.g. one per worker thread) and this instance's gradient sums.
 *
 * @param name e.g. {@code "conv1.kernel"}
 * @param value the live values, shared
 * @param grad this instance's summed gradient, same length as {@code value}
 * @param penalized true for kernels and dense weights (L2/L1 apply), false for biases
 */
public record Param(String name, double[] value, double[] grad, boolean penalized) {

  /** Checks that value and gradient have the same length. */
  public Param {
    if (value.length != grad.length) {
      throw new IllegalArgumentException(name + ": value and gradient lengths differ");
    }
  }
}
