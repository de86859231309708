package io.augreg.nn;

import io.augreg.core.AugregException;

/**
 * The output layer's kernels: probabilities from logits, the cross-entropy computed from logits
 * (never log(0), never NaN from a saturated unit), and its gradient with respect to the logits.
 * Arrays are row-major (k × m), one column per example; labels are doubles (0/1 or 0..k−1).
 */
public final class Loss {
  private Loss() {}

  /**
   * Output activations {@code A_L} from logits {@code Z_L}.
   *
   * @param kind output kind
   * @param z logits (k × m)
   * @param a output (k × m); may be {@code z}
   * @param k output units
   * @param m examples
   */
  public static void probabilities(OutputKind kind, double[] z, double[] a, int k, int m) {
    if (kind == OutputKind.SIGMOID_BINARY) {
      // a = 1 / (1 + exp(-z)), as the lesson; saturates to exactly 0 or 1, never NaN
      for (int j = 0; j < m; j++) {
        a[j] = 1.0 / (1.0 + Math.exp(-z[j]));
      }
      return;
    }
    for (int j = 0; j < m; j++) {
      // a[:,j] = exp(z[:,j] - max) / sum(exp(z[:,j] - max))
      double mx = z[j];
      for (int i = 1; i < k; i++) {
        mx = Math.max(mx, z[i * m + j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(z[i * m + j] - mx);
        a[i * m + j] = e;
        sum += e;
      }
      double inv = 1.0 / sum;
      for (int i = 0; i < k; i++) {
        a[i * m + j] *= inv;
      }
    }
  }

  /**
   * Mean cross-entropy over the m examples, computed from the logits.
   *
   * <p>Binary: {@code max(z, 0) − z·y + log1p(exp(−|z|))}. Softmax: {@code logsumexp(z[:,j]) −
   * z[y_j, j]} with the max subtracted first.
   *
   * @param kind output kind
   * @param z logits (k × m)
   * @param y labels (m)
   * @param k output units
   * @param m examples
   * @return the mean loss (finite whenever the logits are finite)
   */
  public static double cost(OutputKind kind, double[] z, double[] y, int k, int m) {
    double total = 0;
    if (kind == OutputKind.SIGMOID_BINARY) {
      for (int j = 0; j < m; j++) {
        // max(z,0) - z*y + log1p(exp(-|z|))
        double v = z[j];
        total += Math.max(v, 0.0) - v * y[j] + Math.log1p(Math.exp(-Math.abs(v)));
      }
    } else {
      for (int j = 0; j < m; j++) {
        // logsumexp(z[:,j]) - z[y_j, j]
        total += logSumExp(z, j, k, m) - z[(int) y[j] * m + j];
      }
    }
    return total / m;
  }

  /** {@code logsumexp(z[:, j]) = max + log Σ_i exp(z_i − max)} of column j of z (k × m). */
  private static double logSumExp(double[] z, int j, int k, int m) {
    double mx = z[j];
    for (int i = 1; i < k; i++) {
      mx = Math.max(mx, z[i * m + j]);
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += Math.exp(z[i * m + j] - mx);
    }
    return mx + Math.log(sum);
  }

  /**
   * Gradient of the summed cross-entropy with respect to the logits: {@code dZ = A − Y} (Y one-hot
   * for softmax), exactly the lesson's {@code dZ3 = A3 − Y}.
   *
   * @param kind output kind
   * @param a output probabilities (k × m)
   * @param y labels (m)
   * @param dz output (k × m); may be {@code a}
   * @param k output units
   * @param m examples
   */
  public static void gradient(OutputKind kind, double[] a, double[] y, double[] dz, int k, int m) {
    if (kind == OutputKind.SIGMOID_BINARY) {
      // dZ = A - Y
      for (int j = 0; j < m; j++) {
        dz[j] = a[j] - y[j];
      }
      return;
    }
    // dZ = A - onehot(Y)
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < m; j++) {
        dz[i * m + j] = a[i * m + j] - (y[j] == i ? 1.0 : 0.0);
      }
    }
  }

  /**
   * Label smoothing ε of targets, in place: {@code t = (1 − ε)·t + ε/K}, where K is the number of
   * classes: 2 for a binary output, whose single target is P(y = 1) ({@code t = (1 − ε)·y + ε/2},
   * Keras's {@code label_smoothing}), k for softmax ({@code (1 − ε)·onehot(y) + ε/k}, PyTorch's
   * {@code CrossEntropyLoss(label_smoothing = ε)}). Element-wise, so any layout; mixed (soft)
   * targets are smoothed alike.
   *
   * @param kind output kind
   * @param t targets, one-hot or soft, k per example
   * @param len how many values of t
   * @param k output units
   * @param eps smoothing ε in [0, 1)
   */
  public static void smooth(OutputKind kind, double[] t, int len, int k, double eps) {
    double share = eps / (kind == OutputKind.SIGMOID_BINARY ? 2 : k);
    // t = (1 − ε)·t + ε/K
    for (int i = 0; i < len; i++) {
      t[i] = (1 - eps) * t[i] + share;
    }
  }

  /**
   * Mean cross-entropy against soft targets (each column a distribution over the classes; for a
   * binary output the probability of class 1), from the logits. It equals {@link #cost} for
   * one-hot targets, and is linear in the targets, so the loss of mixed targets is the mix of the
   * losses.
   *
   * <p>Binary: {@code max(z, 0) − z·t + log1p(exp(−|z|))}. Softmax: {@code Σ_i t_i·(logsumexp(z)
   * − z_i)}.
   *
   * @param kind output kind
   * @param z logits (k × m)
   * @param t targets (k × m)
   * @param k output units
   * @param m examples
   * @return the mean loss
   */
  public static double softCost(OutputKind kind, double[] z, double[] t, int k, int m) {
    if (kind == OutputKind.SIGMOID_BINARY) {
      return cost(kind, z, t, 1, m);
    }
    double total = 0;
    for (int j = 0; j < m; j++) {
      // Σ_i t_i·(logsumexp(z[:,j]) − z_i)
      double lse = logSumExp(z, j, k, m);
      for (int i = 0; i < k; i++) {
        total += t[i * m + j] * (lse - z[i * m + j]);
      }
    }
    return total / m;
  }

  /**
   * Gradient of the summed soft-target cross-entropy with respect to the logits: {@code dZ = A −
   * T} (the targets of each column sum to 1).
   *
   * @param a output probabilities (k × m)
   * @param t targets (k × m)
   * @param dz output (k × m); may be {@code a}
   * @param k output units
   * @param m examples
   */
  public static void softGradient(double[] a, double[] t, double[] dz, int k, int m) {
    // dZ = A − T
    for (int i = 0; i < k * m; i++) {
      dz[i] = a[i] - t[i];
    }
  }

  /**
   * Checks that labels suit the output: 0 or 1 for binary, an integer class in [0, k) for softmax.
   *
   * @param kind output kind
   * @param y labels
   * @param n how many labels to check
   * @param k output units
   * @throws AugregException naming the first bad label
   */
  public static void checkLabels(OutputKind kind, double[] y, int n, int k) {
    for (int j = 0; j < n; j++) {
      double v = y[j];
      boolean ok =
          kind == OutputKind.SIGMOID_BINARY
              ? v == 0.0 || v == 1.0
              : v >= 0 && v < k && v == Math.rint(v);
      if (!ok) {
        throw new AugregException(
            "label "
                + v
                + " of example "
                + j
                + " is not valid for "
                + (kind == OutputKind.SIGMOID_BINARY
                    ? "a binary output (expected 0 or 1)"
                    : "a " + k + "-class softmax output (expected 0.." + (k - 1) + ")"));
      }
    }
  }
}
