package io.augreg.nn.conv;

import java.util.Arrays;

/**
 * Max pooling over {@code k × k} windows with a stride (default k), per channel, no padding:
 * {@code y[s][oy][ox][c] = max over the window of x}. Backward routes each output gradient to the
 * input position that held the maximum (the first one on ties), remembered in the forward pass.
 */
public final class MaxPool2d extends Layer {
  private final int k;
  private final int stride;
  private double[] y;
  private int[] argmax;
  private double[] dx;

  /**
   * @param in input shape
   * @param k window size
   * @param stride step between windows
   */
  public MaxPool2d(Shape in, int k, int stride) {
    super(in, outShape(in, k, stride));
    this.k = k;
    this.stride = stride;
  }

  /**
   * The output shape: {@code Ho = (H − k) / stride + 1}, likewise Wo; channels unchanged.
   *
   * @param in input shape
   * @param k window
   * @param stride stride
   * @return the output shape
   * @throws IllegalArgumentException if the window is larger than the input
   */
  public static Shape outShape(Shape in, int k, int stride) {
    if (in.height() < k || in.width() < k) {
      throw new IllegalArgumentException("pool: window " + k + " is larger than the input " + in);
    }
    return new Shape((in.height() - k) / stride + 1, (in.width() - k) / stride + 1, in.channels());
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = out.height();
    int wo = out.width();
    y = ensure(y, (long) n * out.size());
    if (argmax == null || argmax.length < n * out.size()) {
      argmax = new int[n * out.size()];
    }
    int o = 0;
    for (int s = 0; s < n; s++) {
      int base = s * h * w * c;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++, o += c) {
          int corner = base + (oy * stride * w + ox * stride) * c;
          // y[ch] = max_{ky,kx} x[oy·stride+ky][ox·stride+kx][ch]: the channels are the inner
          // loop (contiguous in NHWC), the window positions the outer ones, in the same order as
          // before (row by row), and only a strictly larger value moves the arg max (first wins)
          System.arraycopy(x, corner, y, o, c);
          for (int ch = 0; ch < c; ch++) {
            argmax[o + ch] = corner + ch;
          }
          for (int ky = 0; ky < k; ky++) {
            for (int kx = ky == 0 ? 1 : 0; kx < k; kx++) {
              int idx = corner + (ky * w + kx) * c;
              for (int ch = 0; ch < c; ch++) {
                double v = x[idx + ch];
                if (v > y[o + ch]) {
                  y[o + ch] = v;
                  argmax[o + ch] = idx + ch;
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    dx = ensure(dx, (long) n * in.size());
    Arrays.fill(dx, 0, n * in.size(), 0.0);
    int total = n * out.size();
    // dx[argmax[o]] += dy[o]
    for (int o = 0; o < total; o++) {
      dx[argmax[o]] += dy[o];
    }
    return dx;
  }
}
