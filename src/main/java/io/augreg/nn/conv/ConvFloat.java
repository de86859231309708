package io.augreg.nn.conv;

import io.augreg.nn.Layer;
import io.augreg.nn.Relu;
import io.augreg.nn.linalg.NativeBlock;
import io.augreg.nn.linalg.NativeGemm;
import java.util.Arrays;

/**
 * The float path of one {@link Conv2d} whose products run in float on native blocks: its input,
 * output (with the ReLU and the pooling fused in), output gradient and input gradient are {@code
 * float[]} end to end, so im2col, the output pass, the pooling and col2im run on float arrays only
 * (loops that C2 vectorizes) and a run of convolutions ({@link ConvChain}) hands float activations
 * and gradients from one to the next without converting them.
 *
 * <p>The same steps as the double native path of {@link Conv2d}, in float: {@code Y = max(cols · K
 * + b, 0)} with the bias rounded to float and added in float; {@code dcols = dY · Kᵀ} summed back
 * by col2im in float. The bias gradient is summed in double, as on the double path.
 */
final class ConvFloat {
  private final Conv2d c;
  private final int width;
  private final int filters;
  /** The float input of the last forward pass (the caller's array or {@link #xf}). */
  private float[] x;
  /** A double input rounded to float. */
  private float[] xf;
  /** The output: max(cols · K + b, 0), pooled with pooling. */
  private float[] y;
  /** With pooling: per pooled value, the window position of its first maximum. */
  private byte[] arg;
  /** As {@link #arg}, for the vector kernels ({@link ConvVectors}): the positions as floats. */
  private float[] argf;
  /** True if the pooling runs on the vector kernels. */
  private final boolean vectors;
  /** A double output gradient rounded to float. */
  private float[] dyf;
  private float[] dx;
  /** One im2col piece or one product piece. */
  private float[] piece;
  /** The bias rounded to float, per pass. */
  private final float[] b;
  /** True if the last forward pass left its whole im2col matrix in this path's own block. */
  private boolean kept;
  /**
   * An arg max that no window position has ({@code k² <= 126}, {@link Conv2d}): a pooled value
   * whose ReLU gate is closed routes no gradient.
   */
  static final byte CLOSED = Byte.MAX_VALUE;
  /**
   * True if the JVM resolved the Vector API module ({@code --add-modules jdk.incubator.vector}),
   * so that {@link ConvVectors} can be loaded; read without loading any of its classes.
   */
  static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  /** The double output and input gradient of the {@link Layer} contract. */
  private double[] yd;
  private double[] dxd;

  ConvFloat(Conv2d c) {
    this(c, VECTORS);
  }

  /**
   * @param c the convolution
   * @param vectors true to pool on the vector kernels where they fit ({@link ConvVectors#fits};
   *     only if {@link #VECTORS}), false for the scalar loops
   */
  ConvFloat(Conv2d c, boolean vectors) {
    this.c = c;
    this.width = c.k() * c.k() * c.in().channels();
    this.filters = c.filters();
    this.b = new float[filters];
    this.vectors = vectors && VECTORS && c.poolK() > 0 && ConvVectors.fits(filters);
  }

  /** As {@link #forward(float[], int, boolean, NativeGemm)} from and to double values. */
  double[] forward(double[] input, int n, boolean training, NativeGemm blas) {
    xf = toFloat(input, n * c.in().size(), xf);
    float[] out = forward(xf, n, training, blas);
    yd = toDouble(out, n * c.out().size(), yd);
    return yd;
  }

  /** As {@link #backward(float[], int, NativeGemm)} from and to double values. */
  double[] backward(double[] dy, int n, NativeGemm blas) {
    dyf = toFloat(dy, n * c.out().size(), dyf);
    float[] g = backward(dyf, n, blas);
    if (g == null) {
      return null;
    }
    dxd = toDouble(g, n * c.in().size(), dxd);
    return dxd;
  }

  /**
   * {@code Y = cols · K} piece by piece on native blocks (kept in this path's own block for
   * backward in a training pass whose im2col matrix has at most the layer's keep limit), the bias,
   * the ReLU and the pooling added while each product piece is in cache.
   *
   * @param input n examples, float, unchanged until backward
   * @param n examples
   * @param training true for a training pass
   * @param blas the float kernel
   * @return the output (this path's buffer)
   */
  float[] forward(float[] input, int n, boolean training, NativeGemm blas) {
    x = input;
    int rows = c.rows(n);
    int step = Conv2d.chunkRows(width);
    kept = training && (long) rows * width <= c.keepValues();
    int len = n * c.out().size();
    if (y == null || y.length < len) {
      y = new float[len];
    }
    if (c.poolK() > 0) {
      // the arg max of the kernels in use: floats for the vector ones, bytes for the loops
      if (vectors && (argf == null || argf.length < len)) {
        argf = new float[len];
      } else if (!vectors && (arg == null || arg.length < len)) {
        arg = new byte[len];
      }
      c.mapAll(rows);
    }
    double[] bd = c.bias().value();
    for (int f = 0; f < filters; f++) {
      b[f] = (float) bd[f];
    }
    NativeBlock kb = blas.block(Conv2d.KERNEL, (long) width * filters);
    kb.put(c.kernel().value(), 0, width * filters);
    NativeBlock cb = kept ? blas.block(this, (long) rows * width)
        : blas.block(Conv2d.COLS, (long) step * width);
    NativeBlock yb = blas.block(Conv2d.OUT, (long) step * filters);
    // without the ReLU the floor −∞ lets every value through (and a NaN stays NaN)
    float floor = c.relu() ? 0f : Float.NEGATIVE_INFINITY;
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      long at = kept ? (long) r0 * width : 0;
      float[] p = piece(r * Math.max(width, filters));
      c.im2col(input, r0, r0 + r, p);
      cb.put(at, p, 0, r * width);
      // Y[r0 .. r0 + r) = cols[r0 .. r0 + r) · K
      blas.gemm(false, false, r, filters, width, 1, cb, at, kb, 0, 0, yb, 0);
      yb.get(0, p, 0, r * filters);
      if (c.poolK() > 0) {
        pool(p, r0, r);
        continue;
      }
      // Y[r][f] = max(product[r][f] + b[f], floor)
      for (int i = 0, o = r0 * filters; i < r * filters; i += filters, o += filters) {
        for (int f = 0; f < filters; f++) {
          y[o + f] = Math.max(p[i + f] + b[f], floor);
        }
      }
    }
    return y;
  }

  /**
   * Max pooling of the {@code r} product rows from row {@code r0} (mapped by {@link
   * Conv2d#mapAll}), held in {@code p} from index 0, into {@link #y}: over a window's positions,
   * {@code t = product + b}, {@code y[q][f] = max_p t} and {@code arg[q][f]} = the first position
   * holding it; at the window's last position the ReLU (if any) is applied once, {@code y =
   * max(max_p t, 0)}, which is {@code max_p max(t, 0)} ({@code Math.max} both, NaN included): the
   * values of pooling the activations, with one {@code Math.max} per product value instead of
   * two. Where the ReLU does not lift the maximum, the first position of {@code t}'s maximum is
   * the first of the activations' (the ReLU changes neither value); where it does (every {@code t
   * <= 0}), {@code y} is +0, the ReLU's gate {@code [y > 0]} ({@link Relu#gate}) is closed and
   * {@code arg} becomes {@link #CLOSED}, a position no row has, so the window takes no gradient
   * and backward reads only {@code arg}. (A NaN in a window makes {@code y} NaN either way; which
   * position then takes the gradient may differ.)
   */
  private void pool(float[] p, int r0, int r) {
    int[] rowQ = c.rowQ();
    byte[] rowP = c.rowP();
    float[] y = this.y;
    byte[] arg = this.arg;
    int last = c.relu() ? c.poolK() * c.poolK() - 1 : -1;
    if (vectors) {
      ConvVectors.pool(p, r0, r, rowQ, rowP, b, y, argf, filters, last);
      return;
    }
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[r0 + i];
      byte w = rowP[r0 + i];
      if (w == 0) {
        // the window's first position starts it: y = t, arg = 0
        for (int f = 0; f < filters; f++) {
          y[q + f] = p[o + f] + b[f];
          arg[q + f] = 0;
        }
      }
      if (w == last) {
        // as below (a window of one position: y = max(t, t)), then y = max(y, 0) and arg =
        // CLOSED where y's bits are 0 (−bits >> 31 is 0 there, −1 elsewhere)
        for (int f = 0; f < filters; f++) {
          float t = p[o + f] + b[f];
          float m = y[q + f];
          int a = t > m ? w : arg[q + f];
          float v = Math.max(Math.max(m, t), 0f);
          y[q + f] = v;
          int open = -Float.floatToRawIntBits(v) >> 31;
          arg[q + f] = (byte) (a | (~open & CLOSED));
        }
      } else if (w != 0) {
        // y = max(y, t) (NaN spreads); arg moves on a strictly larger value only (first maximum)
        for (int f = 0; f < filters; f++) {
          float t = p[o + f] + b[f];
          float m = y[q + f];
          arg[q + f] = t > m ? w : arg[q + f];
          y[q + f] = Math.max(m, t);
        }
      }
    }
  }

  /**
   * Backward: dY into one native block piece by piece (scattered by the pooling, gated by the
   * ReLU; {@code db += Σ dY} in double), {@code dK += colsᵀ · dY} (one product on the kept
   * im2col matrix, else piece by piece on rebuilt pieces), and {@code dx = col2im(dY · Kᵀ)} piece
   * by piece, in float.
   *
   * @param dy gradient of the output of the last forward pass
   * @param n examples
   * @param blas the float kernel
   * @return the input gradient (this path's buffer), or null for the first layer
   */
  float[] backward(float[] dy, int n, NativeGemm blas) {
    int rows = c.rows(n);
    int step = Conv2d.chunkRows(width);
    NativeBlock dyb = blas.block(Conv2d.DY, (long) rows * filters);
    double[] db = c.bias().grad();
    if (c.poolK() > 0) {
      c.mapAll(rows);
    }
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      float[] p = piece(r * Math.max(width, filters));
      if (c.poolK() > 0) {
        unpool(dy, r0, r, p, db);
      } else {
        gate(dy, r0 * filters, r, p, db);
      }
      dyb.put((long) r0 * filters, p, 0, r * filters);
    }
    NativeBlock dkb = blas.block(Conv2d.DKERNEL, (long) width * filters);
    if (kept) {
      // dK = colsᵀ · dY over all rows at once
      blas.gemm(true, false, width, filters, rows, 1, blas.block(this, (long) rows * width), 0,
          dyb, 0, 0, dkb, 0);
    } else {
      NativeBlock cb = blas.block(Conv2d.COLS, (long) step * width);
      for (int r0 = 0; r0 < rows; r0 += step) {
        int r = Math.min(step, rows - r0);
        float[] p = piece(r * width);
        c.im2col(x, r0, r0 + r, p);
        cb.put(0, p, 0, r * width);
        // dK (+)= cols[r0 .. r0 + r)ᵀ · dY[r0 .. r0 + r)
        blas.gemm(true, false, width, filters, r, 1, cb, 0, dyb, (long) r0 * filters,
            r0 == 0 ? 0 : 1, dkb, 0);
      }
    }
    dkb.addTo(c.kernel().grad(), 0, width * filters);
    if (!c.inputGrad()) {
      return null;
    }
    NativeBlock kb = blas.block(Conv2d.KERNEL, (long) width * filters);
    kb.put(c.kernel().value(), 0, width * filters);
    NativeBlock dcb = blas.block(Conv2d.OUT, (long) step * width);
    int len = n * c.in().size();
    if (dx == null || dx.length < len) {
      dx = new float[len];
    }
    Arrays.fill(dx, 0, len, 0f);
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      // dcols[r0 .. r0 + r) = dY[r0 .. r0 + r) · Kᵀ
      blas.gemm(false, true, r, width, filters, 1, dyb, (long) r0 * filters, kb, 0, 0, dcb, 0);
      float[] p = piece(r * width);
      dcb.get(0, p, 0, r * width);
      c.col2im(p, r0, r0 + r, dx);
    }
    return dx;
  }

  /**
   * Without pooling: {@code dst[i] = dY[o0 + i]}, gated by the ReLU ({@code · [y > 0]}), for
   * {@code r} rows, and {@code db[f] += Σ_r dst[r][f]} in row order.
   */
  private void gate(float[] dy, int o0, int r, float[] dst, double[] db) {
    boolean relu = c.relu();
    for (int i = 0, o = o0; i < r * filters; i += filters, o += filters) {
      for (int f = 0; f < filters; f++) {
        float g = relu ? Relu.gate(dy[o + f], y[o + f]) : dy[o + f];
        db[f] += g;
        dst[i + f] = g;
      }
    }
  }

  /**
   * dY of the {@code r} full-size rows from row {@code r0} (mapped by {@link Conv2d#mapAll}) into
   * {@code dst} from index 0: {@code dy[q][f]} where the row's window position is {@code
   * arg[q][f]}, else +0.0 — what {@link MaxPool2d#backward} and the ReLU's gate give (the gate is
   * folded into {@code arg} by {@link #pool}); {@code (arg ^ p) − 1} is negative exactly when they
   * are equal, so its sign fills the mask. {@code db[f] += Σ_r dY[r][f]} in row order.
   */
  private void unpool(float[] dy, int r0, int r, float[] dst, double[] db) {
    int[] rowQ = c.rowQ();
    byte[] rowP = c.rowP();
    if (vectors) {
      ConvVectors.unpool(dy, r0, r, rowQ, rowP, argf, dst, db, filters);
      return;
    }
    byte[] arg = this.arg;
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[r0 + i];
      int w = rowP[r0 + i];
      // dst[f] = arg[q][f] == w ? dy[q][f] : +0
      for (int f = 0; f < filters; f++) {
        int eq = ((arg[q + f] ^ w) - 1) >> 31;
        float g = Float.intBitsToFloat(Float.floatToRawIntBits(dy[q + f]) & eq);
        db[f] += g;
        dst[o + f] = g;
      }
    }
  }

  /** The piece buffer with room for {@code len} values. */
  private float[] piece(int len) {
    if (piece == null || piece.length < len) {
      piece = new float[len];
    }
    return piece;
  }

  /**
   * {@code (float) src[i]} for {@code i < len} into {@code buf} (or a new array if it is too
   * short).
   *
   * @param src double values
   * @param len values
   * @param buf the current buffer, may be null
   * @return the buffer written
   */
  static float[] toFloat(double[] src, int len, float[] buf) {
    float[] dst = buf != null && buf.length >= len ? buf : new float[len];
    for (int i = 0; i < len; i++) {
      dst[i] = (float) src[i];
    }
    return dst;
  }

  /**
   * {@code src[i]} widened to double for {@code i < len} into {@code buf} (or a new array if it
   * is too short).
   *
   * @param src float values
   * @param len values
   * @param buf the current buffer, may be null
   * @return the buffer written
   */
  static double[] toDouble(float[] src, int len, double[] buf) {
    double[] dst = Layer.ensure(buf, len);
    for (int i = 0; i < len; i++) {
      dst[i] = src[i];
    }
    return dst;
  }
}
