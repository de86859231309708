package io.augreg.nn;

import java.util.SplittableRandom;

/**
 * Two-sided finite-difference check of one layer: with J = Σ g ⊙ layer(x) for fixed random
 * weights g, compares the backward pass's dJ/dx and dJ/dθ with (J(·+ε) − J(·−ε)) / 2ε. Returns the
 * relative error ‖a − n‖ / (‖a‖ + ‖n‖) over all inputs and parameters.
 */
public final class LayerCheck {
  private LayerCheck() {}

  public static double[] random(int size, long seed, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[size];
    for (int i = 0; i < size; i++) {
      a[i] = (2 * r.nextDouble() - 1) * scale;
    }
    return a;
  }

  public static double relativeError(Layer layer, double[] x, int n, Pass pass, boolean checkInput) {
    double eps = 1e-6;
    int outSize = n * layer.out().size();
    double[] g = random(outSize, 99, 1);
    for (Param p : layer.params()) {
      java.util.Arrays.fill(p.grad(), 0);
    }
    layer.forward(x, n, pass);
    double[] dx = layer.backward(g.clone(), n);
    dx = dx == null ? null : dx.clone();
    double diff = 0;
    double na = 0;
    double nn = 0;
    if (checkInput) {
      for (int i = 0; i < n * layer.in().size(); i++) {
        double saved = x[i];
        x[i] = saved + eps;
        double plus = j(layer, x, n, pass, g);
        x[i] = saved - eps;
        double minus = j(layer, x, n, pass, g);
        x[i] = saved;
        double num = (plus - minus) / (2 * eps);
        diff += (dx[i] - num) * (dx[i] - num);
        na += dx[i] * dx[i];
        nn += num * num;
      }
    }
    for (Param p : layer.params()) {
      double[] v = p.value();
      double[] an = p.grad().clone();
      for (int i = 0; i < v.length; i++) {
        double saved = v[i];
        v[i] = saved + eps;
        double plus = j(layer, x, n, pass, g);
        v[i] = saved - eps;
        double minus = j(layer, x, n, pass, g);
        v[i] = saved;
        double num = (plus - minus) / (2 * eps);
        diff += (an[i] - num) * (an[i] - num);
        na += an[i] * an[i];
        nn += num * num;
      }
    }
    return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn));
  }

  private static double j(Layer layer, double[] x, int n, Pass pass, double[] g) {
    double[] y = layer.forward(x, n, pass);
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += g[i] * y[i];
    }
    return s;
  }

  /**
   * Relative error ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) of a whole stack's parameter
   * gradients, numeric by central differences of {@code loss} (which returns the loss of the last
   * forward pass; the stack's gradients are those of {@code loss} as well).
   *
   * @param st the stack (its live parameters are nudged and restored)
   * @param x the input rows
   * @param n examples
   * @param pass the pass (the same masks for every forward)
   * @param loss the loss after a forward pass, e.g. {@code s -> s.loss(y, 0, n)}
   * @return the relative error
   */
  public static double stackError(LayerStack st, double[] x, int n, Pass pass,
      java.util.function.ToDoubleFunction<LayerStack> loss) {
    st.zeroGrads();
    st.forward(x, n, pass);
    loss.applyAsDouble(st);
    st.backward(n);
    double eps = 1e-6;
    double diff = 0;
    double na = 0;
    double nn = 0;
    for (Param p : st.params()) {
      double[] v = p.value();
      for (int i = 0; i < v.length; i++) {
        double saved = v[i];
        v[i] = saved + eps;
        st.forward(x, n, pass);
        double plus = loss.applyAsDouble(st);
        v[i] = saved - eps;
        st.forward(x, n, pass);
        double minus = loss.applyAsDouble(st);
        v[i] = saved;
        double num = (plus - minus) / (2 * eps);
        diff += (p.grad()[i] - num) * (p.grad()[i] - num);
        na += p.grad()[i] * p.grad()[i];
        nn += num * num;
      }
    }
    return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn));
  }
}
