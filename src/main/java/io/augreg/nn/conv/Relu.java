package io.augreg.nn.conv;

/** Rectified linear unit: {@code y = max(x, 0)}; backward {@code dx = dy · [y > 0]}. */
public final class Relu extends Layer {
  private double[] y;
  private double[] dx;

  /** @param in the input shape (also the output shape) */
  public Relu(Shape in) {
    super(in, in);
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    int total = n * in.size();
    y = ensure(y, total);
    // y = max(x, 0)
    for (int i = 0; i < total; i++) {
      y[i] = Math.max(x[i], 0.0);
    }
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    int total = n * in.size();
    dx = ensure(dx, total);
    // dx = dy · [y > 0], without a branch (half the signs are unpredictable): y = max(x, 0) is
    // +0.0 or positive, so its bits are 0 or a positive long, and −bits >> 63 is the all-ones
    // mask exactly when y > 0 (NaN y, which also has positive bits, passes dy through)
    for (int i = 0; i < total; i++) {
      long mask = -Double.doubleToRawLongBits(y[i]) >> 63;
      dx[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[i]) & mask);
    }
    return dx;
  }
}
