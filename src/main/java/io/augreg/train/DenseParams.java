package io.augreg.train;

import io.augreg.core.AugregException;

/**
 * What the dense-network trainers ({@link Trainer}, {@link OnlineTrainer}) share about the
 * parameter arrays: the keep probability per layer, the regularization cost, and snapshots of the
 * weights for early stopping.
 */
final class DenseParams {
  private DenseParams() {}

  /**
   * Keep probability of every layer 0..L: the configured one for hidden layers 1..L-1, 1 for the
   * input and the output.
   *
   * @param config the training configuration
   * @param layers L, the number of weight layers
   * @return keep[0..L]
   * @throws AugregException if keepProb has neither one value nor one per hidden layer
   */
  static double[] keepPerLayer(TrainConfig config, int layers) {
    if (config.keepProb().length != 1 && config.keepProb().length != layers - 1) {
      throw new AugregException(
          "--keep-prob needs one value or one per hidden layer ("
              + (layers - 1)
              + "), got "
              + config.keepProb().length);
    }
    double[] keep = new double[layers + 1];
    for (int l = 0; l <= layers; l++) {
      keep[l] = l >= 1 && l < layers ? config.keepProb(l) : 1.0;
    }
    return keep;
  }

  /** keep[0..L] all 1: no dropout (evaluation). */
  static double[] noDropout(int layers) {
    double[] keep = new double[layers + 1];
    java.util.Arrays.fill(keep, 1.0);
    return keep;
  }

  /**
   * λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w|, in the lesson's order: (1/m)·(λ/2)·Σ, the squares summed per layer
   * first (as numpy's {@code np.sum(np.square(W1)) + np.sum(np.square(W2)) + ...}); plus
   * (wd/2)·Σθ² over weights and biases when a weight decay wd is set.
   *
   * @param config λ2, λ1 and wd
   * @param w weights per layer
   * @param b biases per layer
   * @param m number of training examples
   * @return the penalty
   */
  static double penalty(TrainConfig config, double[][] w, double[][] b, int m) {
    double cost = 0;
    if (config.l2() > 0) {
      double sq = 0;
      for (double[] wl : w) {
        double s = 0;
        for (double v : wl) {
          s += v * v;
        }
        sq += s;
      }
      cost += (1.0 / m) * (config.l2() / 2) * sq;
    }
    if (config.l1() > 0) {
      double abs = 0;
      for (double[] wl : w) {
        for (double v : wl) {
          abs += Math.abs(v);
        }
      }
      cost += (1.0 / m) * config.l1() * abs;
    }
    if (config.weightDecay() > 0) {
      double sq = 0;
      for (double[][] params : new double[][][] {w, b}) {
        for (double[] p : params) {
          for (double v : p) {
            sq += v * v;
          }
        }
      }
      cost += (config.weightDecay() / 2) * sq;
    }
    return cost;
  }

  /** A deep copy. */
  static double[][] copy(double[][] src) {
    double[][] out = new double[src.length][];
    for (int i = 0; i < src.length; i++) {
      out[i] = src[i].clone();
    }
    return out;
  }

  /** Copies {@code src} into {@code dst} (same shapes). */
  static void copyInto(double[][] src, double[][] dst) {
    for (int i = 0; i < src.length; i++) {
      System.arraycopy(src[i], 0, dst[i], 0, src[i].length);
    }
  }
}
