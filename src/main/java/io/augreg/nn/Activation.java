package io.augreg.nn;

/**
 * Hidden-layer activations {@code A = g(Z)}, with their forward and backward kernels side by side.
 * The kernels work on the first {@code n} entries of flat row-major arrays and allocate nothing.
 */
public enum Activation {
  /** {@code max(z, 0)}; derivative {@code 1} where {@code a > 0}, else 0 (as the lesson). */
  RELU,
  /** {@code 1 / (1 + exp(−z))}; derivative {@code a·(1 − a)}. Saturates to 0 or 1, never NaN. */
  SIGMOID,
  /** {@code tanh(z)}; derivative {@code 1 − a²}. */
  TANH,
  /** {@code z}; derivative 1. */
  IDENTITY;

  /**
   * The activation of one value.
   *
   * @param z pre-activation
   * @return g(z)
   */
  public double apply(double z) {
    return switch (this) {
      case RELU -> (z + Math.abs(z)) * 0.5;
      case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
      case TANH -> Math.tanh(z);
      case IDENTITY -> z;
    };
  }

  /**
   * {@code a[i] = g(z[i])} for {@code i < n}; {@code a} may be {@code z} (in place).
   *
   * @param z pre-activations
   * @param a output
   * @param n number of entries
   */
  public void forward(double[] z, double[] a, int n) {
    switch (this) {
      case RELU -> {
        // a = max(z, 0) computed as (z + |z|)/2: exact (doubling and halving do not round),
        // branch-free and cheaper than Math.max once vectorized; only z > 2^1023 would overflow
        for (int i = 0; i < n; i++) {
          double v = z[i];
          a[i] = (v + Math.abs(v)) * 0.5;
        }
      }
      case SIGMOID -> {
        // a = 1 / (1 + exp(-z))
        for (int i = 0; i < n; i++) {
          a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          a[i] = Math.tanh(z[i]);
        }
      }
      case IDENTITY -> {
        if (a != z) {
          System.arraycopy(z, 0, a, 0, n);
        }
      }
    }
  }

  /**
   * {@code dZ[i] = dA[i] · g'(z[i])}, with {@code g'} computed from the activation {@code a =
   * g(z)} (before any dropout); {@code dz} may be {@code da} (in place).
   *
   * @param da gradient of the cost with respect to the activations
   * @param a activations g(z) of the forward pass
   * @param dz output
   * @param n number of entries
   */
  public void backward(double[] da, double[] a, double[] dz, int n) {
    switch (this) {
      case RELU -> {
        // dZ = dA * (A > 0), the step computed branch-free as min(1, A·2^1200) since A >= 0:
        // any positive double (even 2^-1074) times 2^1200 is >= 1, and 0 stays 0
        for (int i = 0; i < n; i++) {
          dz[i] = da[i] * Math.min(1.0, a[i] * 0x1p600 * 0x1p600);
        }
      }
      case SIGMOID -> {
        // dZ = dA * A * (1 - A)
        for (int i = 0; i < n; i++) {
          double s = a[i];
          dz[i] = da[i] * (s * (1.0 - s));
        }
      }
      case TANH -> {
        // dZ = dA * (1 - A^2)
        for (int i = 0; i < n; i++) {
          double t = a[i];
          dz[i] = da[i] * (1.0 - t * t);
        }
      }
      case IDENTITY -> {
        if (dz != da) {
          System.arraycopy(da, 0, dz, 0, n);
        }
      }
    }
  }
}
