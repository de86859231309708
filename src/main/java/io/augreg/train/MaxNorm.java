package io.augreg.train;

import io.augreg.nn.Layer;
import io.augreg.nn.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The max-norm constraint, applied after each optimizer step: every unit's incoming weight
 * vector w (a dense unit's weights, a convolution filter) is rescaled to {@code w·min(1, c/‖w‖₂)},
 * so its norm is at most c (Keras's {@code MaxNorm}, Srivastava et al. 2014). Biases and
 * batch-normalization parameters are not constrained.
 *
 * <p>A layer's {@link Param.Role#WEIGHT} tensor is {@code fan × units} row-major (dense {@code
 * in × units}, convolution {@code (k·k·C) × F}), so unit u's incoming weights are column u; the
 * units are the layer's output channels.
 */
public final class MaxNorm {
  private final double c;
  private final List<double[]> weights = new ArrayList<>();
  private final List<Integer> units = new ArrayList<>();
  private double[] sums = new double[0];

  /**
   * @param c the bound &gt; 0
   * @param layers the layers whose weights are constrained (their values are shared by every
   *     worker, so one stack's layers constrain them all)
   */
  public MaxNorm(double c, List<Layer> layers) {
    this.c = c;
    for (Layer l : layers) {
      for (Param p : l.params()) {
        if (p.role() == Param.Role.WEIGHT) {
          weights.add(p.value());
          units.add(l.out().channels());
        }
      }
    }
  }

  /** Rescales every unit's incoming weights whose norm exceeds c. */
  public void apply() {
    for (int p = 0; p < weights.size(); p++) {
      double[] w = weights.get(p);
      int u = units.get(p);
      if (sums.length < u) {
        sums = new double[u];
      }
      java.util.Arrays.fill(sums, 0, u, 0.0);
      int fan = w.length / u;
      // ‖w_u‖² = Σ_r W[r][u]², row by row so that the inner loop is contiguous
      for (int r = 0; r < fan; r++) {
        int o = r * u;
        for (int j = 0; j < u; j++) {
          sums[j] += w[o + j] * w[o + j];
        }
      }
      boolean any = false;
      for (int j = 0; j < u; j++) {
        double norm = Math.sqrt(sums[j]);
        // the factor min(1, c/‖w_u‖), 1 for the units within the bound
        sums[j] = norm > c ? c / norm : 1;
        any |= norm > c;
      }
      if (!any) {
        continue;
      }
      // W[r][u] *= min(1, c/‖w_u‖)
      for (int r = 0; r < fan; r++) {
        int o = r * u;
        for (int j = 0; j < u; j++) {
          w[o + j] *= sums[j];
        }
      }
    }
  }
}
