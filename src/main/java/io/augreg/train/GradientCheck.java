package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;

/**
 * Gradient checking: compares the back-propagated gradient of the training cost with two-sided
 * finite differences {@code (J(θ + ε) − J(θ − ε)) / 2ε}, one parameter at a time.
 *
 * <p>J is exactly what the {@link Trainer} minimizes for one full batch: the mean cross-entropy
 * plus {@code λ2/(2m)·Σ‖W‖²} plus {@code λ1/m·Σ|w|}, with dropout (if the config enables it)
 * using one fixed set of masks for every evaluation. The result is the lesson's relative error
 * {@code ‖g − g̃‖ / (‖g‖ + ‖g̃‖)}; below about 1e-7 the backward pass is right. Keep ReLU
 * pre-activations and L1 weights away from 0 by more than ε, where the cost has a kink.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /**
   * The outcome of a check.
   *
   * @param relativeError {@code ‖g − g̃‖₂ / (‖g‖₂ + ‖g̃‖₂)}
   * @param maxAbsoluteDifference the largest {@code |g_i − g̃_i|}
   * @param parameters how many parameters were checked
   * @param analytic the back-propagated gradient, parameters in order W_1, b_1, W_2, ...
   * @param numeric the finite-difference gradient, same order
   */
  public record Report(
      double relativeError,
      double maxAbsoluteDifference,
      int parameters,
      double[] analytic,
      double[] numeric) {}

  /**
   * Checks the gradient of the training cost at {@code net}'s parameters.
   *
   * @param net the network (not modified)
   * @param data the examples (one full batch)
   * @param config supplies l2, l1 and keepProb (other options are ignored)
   * @param maskSeed seed of the fixed dropout masks
   * @param epsilon the finite-difference step, e.g. 1e-6
   * @return the comparison
   */
  public static Report check(
      Network net, Dataset data, TrainConfig config, long maskSeed, double epsilon) {
    if (!(epsilon > 0)) {
      throw new AugregException("gradient-check epsilon must be > 0, got " + epsilon);
    }
    int layers = net.layers();
    int m = data.size();
    double[] keep = DenseParams.keepPerLayer(config, layers);
    double[][] w = net.weightArrays();
    double[][] b = net.biasArrays();
    Propagation prop = new Propagation(net, w, b, keep, m, new JavaGemm());
    prop.input(data.x());
    prop.scaledMasks = true;
    Trainer.freshMasks(prop, new FreshMasks(), maskSeed, m);
    double[] y = data.y().data;

    // analytic: (1/m)·(dW + λ2·W + λ1·sign(W)) + wd·W, (1/m)·db + wd·b
    prop.forward(true);
    prop.backward(y);
    int count = net.parameterCount();
    double[] analytic = new double[count];
    int q = 0;
    double invM = 1.0 / m;
    for (int l = 1; l <= layers; l++) {
      double[] wl = w[l - 1];
      double[] dw = prop.dw[l];
      for (int i = 0; i < wl.length; i++) {
        analytic[q++] = invM * (dw[i] + config.l2() * wl[i] + config.l1() * Math.signum(wl[i]))
            + config.weightDecay() * wl[i];
      }
      for (int i = 0; i < b[l - 1].length; i++) {
        analytic[q++] = invM * prop.db[l][i] + config.weightDecay() * b[l - 1][i];
      }
    }

    // numeric: (J(θ+ε) − J(θ−ε)) / 2ε
    double[] numeric = new double[count];
    q = 0;
    for (int l = 1; l <= layers; l++) {
      for (double[] params : new double[][] {w[l - 1], b[l - 1]}) {
        for (int i = 0; i < params.length; i++) {
          double saved = params[i];
          params[i] = saved + epsilon;
          double plus = cost(prop, config, w, b, y, m);
          params[i] = saved - epsilon;
          double minus = cost(prop, config, w, b, y, m);
          params[i] = saved;
          numeric[q++] = (plus - minus) / (2 * epsilon);
        }
      }
    }

    double diff = 0;
    double na = 0;
    double nn = 0;
    double maxAbs = 0;
    for (int i = 0; i < count; i++) {
      double d = analytic[i] - numeric[i];
      diff += d * d;
      na += analytic[i] * analytic[i];
      nn += numeric[i] * numeric[i];
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    double denom = Math.sqrt(na) + Math.sqrt(nn);
    double rel = denom == 0 ? 0 : Math.sqrt(diff) / denom;
    return new Report(rel, maxAbs, count, analytic, numeric);
  }

  private static double cost(
      Propagation prop, TrainConfig config, double[][] w, double[][] b, double[] y, int m) {
    prop.forward(true);
    return prop.dataCost(y) + DenseParams.penalty(config, w, b, m);
  }
}
