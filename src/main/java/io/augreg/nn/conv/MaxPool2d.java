package io.augreg.nn.conv;

import io.augreg.nn.Layer;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import java.util.Arrays;

/**
 * Max pooling over {@code k × k} windows with a stride (default k), per channel, no padding:
 * {@code y[s][oy][ox][c] = max over the window of x}. Backward routes each output gradient to the
 * input position that held the maximum (the first one on ties, row by row), found again from the
 * input of the forward pass, which must be unchanged (as the buffers of the {@link Layer} contract
 * are until the next call); the forward pass thus stores no arg max and its max has no branch
 * ({@code Math.max}: a NaN in a window makes the output NaN).
 */
public final class MaxPool2d extends Layer {
  private final int k;
  private final int stride;
  /** Offset of window position p = ky·k + kx from the window's corner: (ky·W + kx)·C. */
  private final int[] offsets;
  /** Per channel: the bits of the gradient not yet routed (backward scratch). */
  private long[] scratch;
  private double[] x;
  private double[] y;
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
    offsets = new int[k * k];
    for (int p = 0; p < k * k; p++) {
      offsets[p] = ((p / k) * in.width() + p % k) * in.channels();
    }
  }

  /** The window size k (k × k). */
  int window() {
    return k;
  }

  /** The step between windows. */
  int stride() {
    return stride;
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
    this.x = x;
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = out.height();
    int wo = out.width();
    y = ensure(y, (long) n * out.size());
    double[] y = this.y;
    int o = 0;
    for (int s = 0; s < n; s++) {
      int base = s * h * w * c;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++, o += c) {
          int corner = base + (oy * stride * w + ox * stride) * c;
          // y[ch] = max_{ky,kx} x[oy·stride+ky][ox·stride+kx][ch]: the channels are the inner
          // loop (contiguous in NHWC) and the max has no branch, so the loop vectorizes
          System.arraycopy(x, corner, y, o, c);
          for (int ky = 0; ky < k; ky++) {
            for (int kx = ky == 0 ? 1 : 0; kx < k; kx++) {
              int idx = corner + (ky * w + kx) * c;
              for (int ch = 0; ch < c; ch++) {
                y[o + ch] = Math.max(y[o + ch], x[idx + ch]);
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
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = out.height();
    int wo = out.width();
    dx = ensure(dx, (long) n * in.size());
    // windows that tile the input exactly write every input position once; otherwise positions
    // outside every window stay 0 and overlapping windows add up
    boolean tiles = stride == k && h % k == 0 && w % k == 0;
    if (!tiles) {
      Arrays.fill(dx, 0, n * in.size(), 0.0);
    }
    int kk = k * k;
    int[] off = offsets;
    if (scratch == null || scratch.length < c) {
      scratch = new long[c];
    }
    long[] rest = scratch;
    double[] x = this.x;
    double[] y = this.y;
    double[] dx = this.dx;
    int o = 0;
    for (int s = 0; s < n; s++) {
      int base = s * h * w * c;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++, o += c) {
          int corner = base + (oy * stride * w + ox * stride) * c;
          if (tiles) {
            // in window order, the first position whose value equals the max (the forward pass's
            // first-wins arg max) takes dy, the others 0: rest holds dy's bits until a position
            // takes them; eq is all ones where x − max is ±0, i.e. x = max for finite values
            // (an infinite max has diverged the loss anyway), from the bits alone: no branch,
            // whatever the data (a compare would be compiled as a branch on skewed profiles)
            for (int ch = 0; ch < c; ch++) {
              rest[ch] = Double.doubleToRawLongBits(dy[o + ch]);
            }
            for (int p = 0; p < kk; p++) {
              int idx = corner + off[p];
              for (int ch = 0; ch < c; ch++) {
                long d = Double.doubleToRawLongBits(x[idx + ch] - y[o + ch]) << 1;
                long eq = ~((d | -d) >> 63);
                long r = rest[ch];
                dx[idx + ch] = Double.longBitsToDouble(r & eq);
                rest[ch] = r & ~eq;
              }
            }
          } else {
            // dx[first position holding the max] += dy
            for (int ch = 0; ch < c; ch++) {
              double m = y[o + ch];
              for (int p = 0; p < kk; p++) {
                if (x[corner + off[p] + ch] == m) {
                  dx[corner + off[p] + ch] += dy[o + ch];
                  break;
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }
}
