package io.augreg.train;

import io.augreg.nn.Param;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The one regularization penalty of the engine, by {@link Param.Role}: λ2 and λ1 on the weights
 * ({@link Param#penalized()}: kernels and dense weights, never biases or normalization
 * parameters), PyTorch-style weight decay on every parameter. Every cost the trainer records adds
 * {@link #cost}; its gradient is what {@link ParamOptimizer} adds to the gradient sums.
 *
 * @param l2 λ2 &gt;= 0: cost λ2/(2m)·Σ‖W‖², gradient λ2/m·W
 * @param l1 λ1 &gt;= 0: cost λ1/m·Σ|w|, subgradient λ1/m·sign(w)
 * @param weightDecay wd &gt;= 0: cost (wd/2)·Σθ², gradient wd·θ, whatever the batch size
 */
public record Penalty(double l2, double l1, double weightDecay) {

  /** Checks that every strength is finite and &gt;= 0. */
  public Penalty {
    if (!(l2 >= 0 && l1 >= 0 && weightDecay >= 0)
        || Double.isInfinite(l2 + l1 + weightDecay)) {
      throw new IllegalArgumentException("penalties must be finite and >= 0, got l2 " + l2
          + ", l1 " + l1 + ", weight decay " + weightDecay);
    }
  }

  /**
   * The penalty of a training configuration.
   *
   * @param config λ2, λ1 and wd
   * @return the penalty
   */
  public static Penalty of(TrainConfig config) {
    return new Penalty(config.l2(), config.l1(), config.weightDecay());
  }

  /**
   * λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| + (wd/2)·Σθ², in the lesson's order: {@code (1/m)·(λ2/2)·Σ} with
   * the squares summed per tensor first (numpy's {@code np.sum(np.square(W1)) +
   * np.sum(np.square(W2)) + ...}); a term whose strength is 0 is not computed (it adds exactly
   * nothing).
   *
   * @param params the parameters (roles say which terms apply)
   * @param m training examples
   * @return the penalty
   */
  public double cost(List<Param> params, int m) {
    return cost(params, m, p -> Double.NaN);
  }

  /**
   * {@link #cost(List, int)} where {@code known} may give Σθ² of a parameter whose live values are
   * not current (an executor keeps it in another form, {@link GramExecutor}): those squares are
   * taken from it instead of from the values; the others (NaN from {@code known}) are summed as
   * {@link #cost(List, int)} sums them.
   *
   * @param params the parameters (roles say which terms apply)
   * @param m training examples
   * @param known Σθ² of a parameter, or NaN to sum its values
   * @return the penalty
   */
  public double cost(List<Param> params, int m, ToDoubleFunction<Param> known) {
    double cost = 0;
    if (l2 > 0) {
      double sq = 0;
      for (Param p : params) {
        if (p.penalized()) {
          double k = known.applyAsDouble(p);
          sq += Double.isNaN(k) ? squares(p.value()) : k;
        }
      }
      cost += (1.0 / m) * (l2 / 2) * sq;
    }
    if (l1 > 0) {
      double abs = 0;
      for (Param p : params) {
        if (p.penalized()) {
          for (double v : p.value()) {
            abs += Math.abs(v);
          }
        }
      }
      cost += (1.0 / m) * l1 * abs;
    }
    if (weightDecay > 0) {
      double sq = 0;
      for (Param p : params) {
        double k = known.applyAsDouble(p);
        if (!Double.isNaN(k)) {
          sq += k;
          continue;
        }
        for (double v : p.value()) {
          sq += v * v;
        }
      }
      cost += (weightDecay / 2) * sq;
    }
    return cost;
  }

  /** Σ v². */
  static double squares(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return s;
  }
}
