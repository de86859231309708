package io.augreg.nn;

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
    gate(dy, y, dx, total);
    return dx;
  }

  /**
   * {@code dx[i] = dy[i] · [y[i] > 0]} for {@code i < len} ({@link #gate(double, double)}).
   *
   * @param dy gradient of the output
   * @param y the ReLU's output
   * @param dx receives the gradient of the input (may be {@code dy})
   * @param len number of values
   */
  public static void gate(double[] dy, double[] y, double[] dx, int len) {
    for (int i = 0; i < len; i++) {
      dx[i] = gate(dy[i], y[i]);
    }
  }

  /**
   * The ReLU's backward for one value, {@code dy · [y > 0]}, without a branch (half the signs are
   * unpredictable): y = max(x, 0) is +0.0 or positive, so its bits are 0 or a positive long,
   * and −bits &gt;&gt; 63 is the all-ones mask exactly when y &gt; 0 (a NaN y, which also has
   * positive bits, passes dy through).
   *
   * @param dy gradient of the output
   * @param y the ReLU's output
   * @return dy where y &gt; 0, else +0.0
   */
  public static double gate(double dy, double y) {
    long mask = -Double.doubleToRawLongBits(y) >> 63;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(dy) & mask);
  }

  /**
   * As {@link #gate(double, double)} in float.
   *
   * @param dy gradient of the output
   * @param y the ReLU's output
   * @return dy where y &gt; 0, else +0.0
   */
  public static float gate(float dy, float y) {
    int mask = -Float.floatToRawIntBits(y) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(dy) & mask);
  }
}
