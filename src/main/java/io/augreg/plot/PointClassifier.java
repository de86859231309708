package io.augreg.plot;

import java.util.function.ToIntFunction;

/**
 * Classifies a batch of 2-D points, so a chart can draw a model's decision regions without
 * knowing what the model is. A network adapter packs the points as the columns of a 2 × n
 * matrix and calls its batch prediction once.
 */
@FunctionalInterface
public interface PointClassifier {

  /**
   * The class of every point {@code (xs[i], ys[i])}.
   *
   * @param xs first coordinates
   * @param ys second coordinates (same length as {@code xs})
   * @return one class label per point, {@code xs.length} of them
   */
  int[] classify(double[] xs, double[] ys);

  /**
   * Adapts a one-point classifier that takes {@code {x, y}}.
   *
   * @param single the per-point classifier
   * @return a batch classifier calling {@code single} once per point
   */
  static PointClassifier of(ToIntFunction<double[]> single) {
    return (xs, ys) -> {
      int[] out = new int[xs.length];
      double[] p = new double[2];
      for (int i = 0; i < xs.length; i++) {
        p[0] = xs[i];
        p[1] = ys[i];
        out[i] = single.applyAsInt(p);
      }
      return out;
    };
  }
}
