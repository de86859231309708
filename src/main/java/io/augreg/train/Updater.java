package io.augreg.train;

/**
 * Applies one optimizer step to the live parameters from the gradient sums of a {@link
 * Propagation}: {@code g_W = (1/m)·(dW + λ2·W + λ1·sign(W)) + wd·W}, {@code g_b = (1/m)·db +
 * wd·b} (wd: PyTorch-style weight decay, 0 by default, which leaves the lesson's arithmetic
 * untouched), then GD/SGD
 * {@code θ −= α·g}, momentum or Adam (see {@link Optimizer}). State arrays are allocated once.
 */
final class Updater {
  private final Optimizer optimizer;
  private final double lr;
  private final double l2;
  private final double l1;
  private final double wd;
  private final double beta;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double[][] w;
  private final double[][] b;
  private final double[][] vw;
  private final double[][] vb;
  private final double[][] sw;
  private final double[][] sb;
  private long t;

  Updater(TrainConfig c, double[][] w, double[][] b) {
    this.optimizer = c.optimizer();
    this.lr = c.learningRate();
    this.l2 = c.l2();
    this.l1 = c.l1();
    this.wd = c.weightDecay();
    this.beta = c.momentum();
    this.beta1 = c.beta1();
    this.beta2 = c.beta2();
    this.eps = c.epsilon();
    this.w = w;
    this.b = b;
    boolean velocity = optimizer == Optimizer.MOMENTUM || optimizer == Optimizer.ADAM;
    vw = velocity ? zerosLike(w) : null;
    vb = velocity ? zerosLike(b) : null;
    sw = optimizer == Optimizer.ADAM ? zerosLike(w) : null;
    sb = optimizer == Optimizer.ADAM ? zerosLike(b) : null;
  }

  private static double[][] zerosLike(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length];
    }
    return out;
  }

  /** One step with the gradient sums in {@code prop} over {@code m} examples. */
  void step(Propagation prop, int m) {
    double invM = 1.0 / m;
    t++;
    double c1 = optimizer == Optimizer.ADAM ? 1 - Math.pow(beta1, t) : 1;
    double c2 = optimizer == Optimizer.ADAM ? 1 - Math.pow(beta2, t) : 1;
    for (int l = 1; l <= prop.layers; l++) {
      double[] wl = w[l - 1];
      double[] dw = prop.dw[l];
      double[] bl = b[l - 1];
      double[] db = prop.db[l];
      switch (optimizer) {
        case GD, SGD -> {
          if (l1 == 0 && wd == 0) {
            // W -= α · (1/m)·(dW + λ2·W)   (the lesson's order of operations)
            for (int i = 0; i < wl.length; i++) {
              wl[i] -= lr * (invM * (dw[i] + l2 * wl[i]));
            }
            // b -= α · (1/m)·db
            for (int i = 0; i < bl.length; i++) {
              bl[i] -= lr * (invM * db[i]);
            }
          } else {
            // W -= α · ((1/m)·(dW + λ2·W + λ1·sign(W)) + wd·W)
            for (int i = 0; i < wl.length; i++) {
              wl[i] -= lr * (invM * (dw[i] + l2 * wl[i] + l1 * Math.signum(wl[i])) + wd * wl[i]);
            }
            // b -= α · ((1/m)·db + wd·b)
            for (int i = 0; i < bl.length; i++) {
              bl[i] -= lr * (invM * db[i] + wd * bl[i]);
            }
          }
        }
        case MOMENTUM -> {
          double[] v = vw[l - 1];
          // v = β·v + (1-β)·g; W -= α·v
          for (int i = 0; i < wl.length; i++) {
            double g = invM * (dw[i] + l2 * wl[i] + l1 * Math.signum(wl[i])) + wd * wl[i];
            v[i] = beta * v[i] + (1 - beta) * g;
            wl[i] -= lr * v[i];
          }
          double[] u = vb[l - 1];
          for (int i = 0; i < bl.length; i++) {
            u[i] = beta * u[i] + (1 - beta) * (invM * db[i] + wd * bl[i]);
            bl[i] -= lr * u[i];
          }
        }
        case ADAM -> {
          double[] v = vw[l - 1];
          double[] s = sw[l - 1];
          // v = β1·v + (1-β1)·g; s = β2·s + (1-β2)·g²; W -= α·(v/c1)/(sqrt(s/c2)+ε)
          for (int i = 0; i < wl.length; i++) {
            double g = invM * (dw[i] + l2 * wl[i] + l1 * Math.signum(wl[i])) + wd * wl[i];
            v[i] = beta1 * v[i] + (1 - beta1) * g;
            s[i] = beta2 * s[i] + (1 - beta2) * g * g;
            wl[i] -= lr * (v[i] / c1) / (Math.sqrt(s[i] / c2) + eps);
          }
          double[] vbl = vb[l - 1];
          double[] sbl = sb[l - 1];
          for (int i = 0; i < bl.length; i++) {
            double g = invM * db[i] + wd * bl[i];
            vbl[i] = beta1 * vbl[i] + (1 - beta1) * g;
            sbl[i] = beta2 * sbl[i] + (1 - beta2) * g * g;
            bl[i] -= lr * (vbl[i] / c1) / (Math.sqrt(sbl[i] / c2) + eps);
          }
        }
      }
    }
  }
}
