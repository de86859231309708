package io.augreg.nn;

/**
 * One parameter tensor of a layer instance: the values (shared by every instance bound to the
 * same model, e.g. one per worker thread) and this instance's gradient sums. Its {@link Role}
 * says which regularizers apply: penalties and constraints read the role, never the name.
 *
 * @param name e.g. {@code "conv1.kernel"}
 * @param value the live values, shared
 * @param grad this instance's summed gradient, same length as {@code value}
 * @param role what the tensor is (weight, bias, normalization parameter)
 */
public record Param(String name, double[] value, double[] grad, Role role) {

  /** What a parameter tensor is, for the regularizers. */
  public enum Role {
    /** Convolution kernels and dense weights: L2/L1 penalties (and later constraints) apply. */
    WEIGHT,
    /** Biases: never penalized. */
    BIAS,
    /** Batch-normalization scale and shift: never penalized. */
    NORM
  }

  /** Checks that value and gradient have the same length and that the role is given. */
  public Param {
    if (value.length != grad.length) {
      throw new IllegalArgumentException(name + ": value and gradient lengths differ");
    }
    if (role == null) {
      throw new IllegalArgumentException(name + ": role is required");
    }
  }

  /**
   * Whether the L2/L1 penalties apply (the lesson's rule: weights yes, biases never).
   *
   * @return true for {@link Role#WEIGHT}
   */
  public boolean penalized() {
    return role == Role.WEIGHT;
  }
}
