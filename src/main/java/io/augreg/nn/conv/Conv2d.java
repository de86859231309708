package io.augreg.nn.conv;

import io.augreg.nn.Layer;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Relu;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.NativeBlock;
import io.augreg.nn.linalg.NativeGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * 2-D convolution (cross-correlation, as every deep-learning library) through im2col and one
 * matrix product per batch, in NHWC.
 *
 * <p>im2col writes, for every output position {@code r = (s, oy, ox)}, the row {@code
 * cols[r][(ky·k + kx)·C + c] = x[s][oy·stride − pad + ky][ox·stride − pad + kx][c]} (0 outside the
 * image): in NHWC each {@code (ky, kx)} contributes one contiguous run of C values. Then {@code Y =
 * cols · K + b}, with the kernel K stored as {@code (k·k·C) × F}, is already NHWC. Backward:
 * {@code dK += colsᵀ · dY}, {@code db += Σ_r dY[r]}, {@code dcols = dY · Kᵀ}, and col2im adds
 * every {@code dcols} entry back to the input position it was copied from.
 *
 * <p>When the product kernel has a native path for the batch's products ({@link
 * Gemm#nativeFor}, i.e. OpenBLAS), the products run on native blocks in pieces of about {@link
 * #CHUNK_VALUES} im2col values: im2col writes a piece of rows into a small heap buffer that stays
 * in cache, which is copied into a native block and multiplied right away; the product is read back piece
 * by piece with the bias (and the ReLU) added on the way. A training pass whose im2col matrix has
 * at most {@link #KEEP_VALUES} values writes the pieces into a native block of this layer and
 * keeps it, so backward takes {@code dK} in one product without rebuilding anything; otherwise
 * (inference, or larger matrices) backward rebuilds the pieces from the input, which must then be
 * unchanged (as the buffers of the {@link Layer} contract are until the next call). {@code dY} is
 * copied into one native block, and {@code dcols = dY · Kᵀ} is computed piece by piece and folded back by col2im
 * while in cache. No heap matrix is ever copied as a whole except dY. Other kernels take the heap
 * path above. Float products take the same steps on float activations and gradients ({@link
 * ConvFloat}); consecutive convolutions hand them on in float ({@link ConvChain}).
 *
 * <p>With {@code relu} the layer is a convolution followed by a ReLU, {@code y = max(cols · K + b,
 * 0)}: the same values as a separate {@link Relu} layer without its two passes over the
 * activations in each direction.
 *
 * <p>With a pooling window ({@link #fusePools}: a {@link MaxPool2d} right after the convolution
 * whose windows tile its output) the layer also max-pools, {@code y[q][f] = max over the window q
 * of max(cols · K + b, 0)}, piece by piece while the product is in cache: the full-size
 * activation is never written, only the pooled one and, per pooled value, the window position of
 * its first maximum (a byte). Backward scatters {@code dy[q]} to that position (gated by {@code
 * y[q] > 0} with the ReLU), again piece by piece, straight into the {@code dY} rows of the
 * products. The same values as the convolution, the {@link Relu} and the {@link MaxPool2d}
 * one after the other, without their passes over the full-size activations.
 */
public final class Conv2d extends Layer {
  private final int filters;
  private final int k;
  private final int stride;
  private final int pad;
  private final boolean inputGrad;
  private final Gemm gemm;
  private final Param kernel;
  private final Param bias;
  /**
   * im2col values per piece on the native path: 2¹⁵ (256 KB in double, 128 KB in float, so the
   * piece and its native copy stay in the L2 cache). Chosen by that size, not tuned: the pieces
   * are at least 113 rows for the small CNN, large enough that the per-call cost of OpenBLAS is
   * negligible.
   */
  static final int CHUNK_VALUES = 1 << 15;
  /** Native block slots: im2col piece, kernel, product output, dY piece, kernel gradient. */
  static final int COLS = 0;
  static final int KERNEL = 1;
  static final int OUT = 2;
  static final int DY = 3;
  static final int DKERNEL = 4;

  /**
   * im2col values up to which a training forward pass keeps the whole matrix in a native block of
   * its own for the backward pass instead of rebuilding it there: 2²³ (32 MB in float, 64 MB in
   * double; the small CNN's largest, the second layer at batch 32, has 4.7 M).
   */
  static final int KEEP_VALUES = 1 << 23;
  private final int keepValues;
  private final boolean relu;
  /** The convolution's own output shape (before the fused pooling, if any). */
  private final Shape co;
  /** Window of the fused max pooling (stride = window), 0 for none. */
  private final int poolK;
  /** With pooling: per pooled value, the window position {@code ky·k + kx} of its first maximum. */
  private byte[] arg;
  /** With pooling: one piece of full-size rows (double precision: activations, then dY). */
  private double[] zp;
  /** With pooling: per row of a piece, its pooled value's offset and window position. */
  private int[] rowQ;
  private byte[] rowP;
  /** Rows mapped from row 0 by {@link #mapAll}, or −1 after the map of one piece. */
  private int mappedRows = -1;
  /** With pooling on the heap path: the full-size activations of the batch. */
  private double[] yfull;
  /** Backward with the ReLU: {@code dy · [y > 0]}. */
  private double[] dz;
  /** True if the last forward pass left its whole im2col matrix in this layer's own block. */
  private boolean kept;
  /** The float path ({@link ConvFloat}), made on first use. */
  private ConvFloat floats;
  private double[] cols;
  private double[] y;
  private double[] x;
  private double[] dcols;
  private double[] dx;

  /**
   * @param in input shape
   * @param filters output channels F
   * @param k kernel size (k × k)
   * @param stride step between positions (&gt;= 1)
   * @param pad zero padding on each side
   * @param kernelValues shared kernel values, {@code k·k·C·F}, row-major {@code (k·k·C) × F}
   * @param biasValues shared biases, F
   * @param inputGrad false for the first layer: backward then skips the input gradient
   * @param gemm the product kernel
   */
  public Conv2d(Shape in, int filters, int k, int stride, int pad, double[] kernelValues,
      double[] biasValues, boolean inputGrad, Gemm gemm) {
    this(in, filters, k, stride, pad, kernelValues, biasValues, inputGrad, gemm, false);
  }

  /**
   * A convolution followed by a ReLU in the same layer: {@code y = max(cols · K + b, 0)}, and
   * backward starts from {@code dy · [y > 0]}; the same values as a separate {@link Relu}, without
   * its passes over the activations.
   *
   * @param in input shape
   * @param filters output channels F
   * @param k kernel size (k × k)
   * @param stride step between positions (&gt;= 1)
   * @param pad zero padding on each side
   * @param kernelValues shared kernel values, {@code k·k·C·F}, row-major {@code (k·k·C) × F}
   * @param biasValues shared biases, F
   * @param inputGrad false for the first layer: backward then skips the input gradient
   * @param gemm the product kernel
   * @param relu true to apply the ReLU
   */
  public Conv2d(Shape in, int filters, int k, int stride, int pad, double[] kernelValues,
      double[] biasValues, boolean inputGrad, Gemm gemm, boolean relu) {
    this(in, filters, k, stride, pad, kernelValues, biasValues, inputGrad, gemm, relu,
        KEEP_VALUES);
  }

  /** As the public constructors, keeping im2col matrices of at most {@code keepValues} values. */
  Conv2d(Shape in, int filters, int k, int stride, int pad, double[] kernelValues,
      double[] biasValues, boolean inputGrad, Gemm gemm, boolean relu, int keepValues) {
    this(in, filters, k, stride, pad, kernelValues, biasValues, inputGrad, gemm, relu, keepValues,
        0);
  }

  /** As above, followed by a max pooling over {@code poolK × poolK} windows (0: none). */
  Conv2d(Shape in, int filters, int k, int stride, int pad, double[] kernelValues,
      double[] biasValues, boolean inputGrad, Gemm gemm, boolean relu, int keepValues, int poolK) {
    super(in, pooled(outShape(in, filters, k, stride, pad), poolK));
    this.co = outShape(in, filters, k, stride, pad);
    this.poolK = poolK;
    this.keepValues = keepValues;
    this.relu = relu;
    this.filters = filters;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    this.inputGrad = inputGrad;
    this.gemm = gemm;
    long rows = (long) k * k * in.channels();
    if (kernelValues.length != rows * filters || biasValues.length != filters) {
      throw new IllegalArgumentException("conv: kernel needs " + rows * filters + " values and bias "
          + filters + ", got " + kernelValues.length + " and " + biasValues.length);
    }
    this.kernel = new Param("kernel", kernelValues, new double[kernelValues.length], Param.Role.WEIGHT);
    this.bias = new Param("bias", biasValues, new double[filters], Param.Role.BIAS);
  }

  /** The shape after a pooling window that tiles {@code s} (0: none). */
  private static Shape pooled(Shape s, int poolK) {
    if (poolK == 0) {
      return s;
    }
    if (!tiles(s, poolK)) {
      throw new IllegalArgumentException("conv: pool window " + poolK + " does not tile " + s);
    }
    return new Shape(s.height() / poolK, s.width() / poolK, s.channels());
  }

  /** True if windows of {@code k} (stride k) tile {@code s} and a byte holds a window position. */
  private static boolean tiles(Shape s, int k) {
    return k >= 1 && k * k <= Byte.MAX_VALUE && s.height() % k == 0 && s.width() % k == 0;
  }

  /**
   * The layers with every {@link Conv2d} that a {@link MaxPool2d} follows, whose windows tile the
   * convolution's output with a stride equal to the window, replaced by one convolution that also
   * pools (bound to the same parameter values): the same outputs and gradients, fewer passes over
   * the full-size activations. Other layers are kept as they are.
   *
   * @param layers a stack of layers, in order
   * @return the stack with the pairs fused
   */
  public static List<Layer> fusePools(List<Layer> layers) {
    List<Layer> fused = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (l instanceof Conv2d c && c.poolK == 0 && i + 1 < layers.size()
          && layers.get(i + 1) instanceof MaxPool2d p && p.stride() == p.window()
          && tiles(c.co, p.window())) {
        fused.add(new Conv2d(c.in, c.filters, c.k, c.stride, c.pad, c.kernel.value(),
            c.bias.value(), c.inputGrad, c.gemm, c.relu, c.keepValues, p.window()));
        i++;
      } else {
        fused.add(l);
      }
    }
    return fused;
  }

  /**
   * The output shape: {@code Ho = (H + 2·pad − k) / stride + 1}, likewise Wo, F channels.
   *
   * @param in input shape
   * @param filters output channels
   * @param k kernel size
   * @param stride stride
   * @param pad padding per side
   * @return the output shape
   * @throws IllegalArgumentException if the kernel is larger than the padded input
   */
  public static Shape outShape(Shape in, int filters, int k, int stride, int pad) {
    // in long: a large pad must not wrap around
    long ph = in.height() + 2L * pad;
    long pw = in.width() + 2L * pad;
    if (ph < k || pw < k) {
      throw new IllegalArgumentException(
          "conv: kernel " + k + " is larger than the padded input " + in);
    }
    long ho = (ph - k) / stride + 1;
    long wo = (pw - k) / stride + 1;
    if (ho > Integer.MAX_VALUE || wo > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("conv: pad " + pad + " makes the output larger than "
          + Integer.MAX_VALUE + " rows or columns");
    }
    return new Shape((int) ho, (int) wo, filters);
  }

  @Override
  public List<Param> params() {
    return List.of(kernel, bias);
  }

  /**
   * The float kernel of this layer's products for {@code n} examples, or null when they take
   * another path (double, or the heap {@link Gemm}).
   */
  NativeGemm floatNative(int n) {
    NativeGemm blas = gemm.nativeFor(rows(n), filters, k * k * in.channels());
    return blas != null && blas.precision() == Precision.FLOAT ? blas : null;
  }

  /**
   * The forward pass on float activations ({@link ConvFloat}), when {@link #floatNative} is not
   * null for {@code n}.
   *
   * @param input n examples, unchanged until {@link #backward(float[], int)}
   * @param n examples
   * @param pass training or inference
   * @return the output (a float buffer of this layer)
   */
  float[] forward(float[] input, int n, Pass pass) {
    return floatPath().forward(input, n, pass.training(), floatNative(n));
  }

  /**
   * The backward pass on float gradients after {@link #forward(float[], int, Pass)}.
   *
   * @param dy gradient of the output
   * @param n examples
   * @return the input gradient (a float buffer of this layer), or null for the first layer
   */
  float[] backward(float[] dy, int n) {
    return floatPath().backward(dy, n, floatNative(n));
  }

  private ConvFloat floatPath() {
    if (floats == null) {
      floats = new ConvFloat(this);
    }
    return floats;
  }

  /** im2col rows (output positions) of {@code n} examples. */
  int rows(int n) {
    return n * co.height() * co.width();
  }

  int k() {
    return k;
  }

  int filters() {
    return filters;
  }

  int keepValues() {
    return keepValues;
  }

  int poolK() {
    return poolK;
  }

  boolean relu() {
    return relu;
  }

  boolean inputGrad() {
    return inputGrad;
  }

  Param kernel() {
    return kernel;
  }

  Param bias() {
    return bias;
  }

  /**
   * Per row of the piece last mapped ({@link #mapRows}, or of the batch with {@link #mapAll}): its
   * pooled value's offset.
   */
  int[] rowQ() {
    return rowQ;
  }

  /** Per row of the piece last mapped: its window position. */
  byte[] rowP() {
    return rowP;
  }

  @Override
  public double[] forward(double[] input, int n, Pass pass) {
    x = input;
    int rows = n * co.height() * co.width();
    int width = k * k * in.channels();
    NativeGemm blas = gemm.nativeFor(rows, filters, width);
    if (blas != null && blas.precision() == Precision.FLOAT) {
      return floatPath().forward(input, n, pass.training(), blas);
    }
    y = ensure(y, (long) n * out.size());
    if (poolK > 0 && (arg == null || arg.length < n * out.size())) {
      arg = new byte[n * out.size()];
    }
    if (blas != null) {
      forwardNative(blas, input, rows, width, pass.training());
      return y;
    }
    kept = false;
    cols = ensure(cols, (long) rows * width);
    im2col(input, 0, rows, cols);
    double[] z = poolK > 0 ? (yfull = ensure(yfull, (long) rows * filters)) : y;
    // Y = cols · K
    gemm.gemm(false, false, 1, DMatrixRMaj.wrap(rows, width, cols),
        DMatrixRMaj.wrap(width, filters, kernel.value()), 0, DMatrixRMaj.wrap(rows, filters, z));
    addBias(z, 0, rows);
    activate(z, 0, rows);
    if (poolK > 0) {
      mapRows(0, rows);
      pool(z, rows);
    }
    return y;
  }

  /** z[o0 + r·F + f] += b[f] for {@code r < rows}. */
  private void addBias(double[] z, int o0, int rows) {
    double[] b = bias.value();
    // Y[r][f] += b[f]
    for (int r = 0, o = o0; r < rows; r++, o += filters) {
      for (int f = 0; f < filters; f++) {
        z[o + f] += b[f];
      }
    }
  }

  /** With the ReLU: z = max(z, 0) for {@code rows} rows from {@code z[o0]}. */
  private void activate(double[] z, int o0, int rows) {
    if (!relu) {
      return;
    }
    // Y = max(Y, 0)
    for (int i = o0; i < o0 + rows * filters; i++) {
      z[i] = Math.max(z[i], 0.0);
    }
  }

  /**
   * As {@link #mapRows}{@code (0, rows)}: {@code rowQ[r]} and {@code rowP[r]} for every full-size
   * row {@code r < rows}. A row's entries depend on its index only, so the map is made again only
   * when a batch has more rows than the map.
   *
   * @param rows full-size rows of the batch
   */
  void mapAll(int rows) {
    if (mappedRows < rows) {
      mapRows(0, rows);
      mappedRows = rows;
    }
  }

  /**
   * For the full-size rows {@code [r0, r0 + r)}: {@code rowQ[i]} = the offset {@code q·F} of the
   * pooled value that row {@code r0 + i} falls in, {@code rowP[i]} = its window position {@code
   * ky·k + kx}. Rows come in increasing order, so every window meets its positions in order; a
   * window cut by the end of a piece is finished by the next piece.
   */
  void mapRows(int r0, int r) {
    mappedRows = -1;
    if (rowQ == null || rowQ.length < r) {
      rowQ = new int[r];
      rowP = new byte[r];
    }
    int pk = poolK;
    int ho = co.height();
    int wo = co.width();
    int ph = ho / pk;
    int pw = wo / pk;
    int plane = ho * wo;
    // row r = (s·Ho + oy)·Wo + ox, its indices counted up rather than divided out on every row
    int s = r0 / plane;
    int oy = (r0 - s * plane) / wo;
    int ox = r0 - s * plane - oy * wo;
    for (int i = 0; i < r; i++) {
      rowQ[i] = ((s * ph + oy / pk) * pw + ox / pk) * filters;
      rowP[i] = (byte) ((oy % pk) * pk + ox % pk);
      if (++ox == wo) {
        ox = 0;
        if (++oy == ho) {
          oy = 0;
          s++;
        }
      }
    }
  }

  /**
   * Max pooling of the {@code r} full-size rows mapped by {@link #mapRows}, held in {@code z} from
   * index 0, into the pooled rows of {@link #y}: {@code y[q][f] = max_p z[row(q, p)][f]} over the
   * window positions p, and {@code arg[q][f]} = the first p holding that maximum (as {@link
   * MaxPool2d}'s backward finds).
   */
  private void pool(double[] z, int r) {
    double[] y = this.y;
    byte[] arg = this.arg;
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[i];
      byte p = rowP[i];
      if (p == 0) {
        System.arraycopy(z, o, y, q, filters);
        Arrays.fill(arg, q, q + filters, (byte) 0);
        continue;
      }
      // y[q][f] = max(y[q][f], z[row][f]) (NaN spreads, as in MaxPool2d); arg moves on a
      // strictly larger value only, so it keeps the first maximum
      for (int f = 0; f < filters; f++) {
        double m = y[q + f];
        double v = z[o + f];
        arg[q + f] = v > m ? p : arg[q + f];
        y[q + f] = Math.max(m, v);
      }
    }
  }

  /**
   * The pooling's backward for one value: {@code dy[q][f]} if the row's window position {@code p}
   * is {@code arg[q][f]} (and, with the ReLU, {@code y[q][f] > 0}), else +0.0 — what {@link
   * MaxPool2d#backward} and then the ReLU's gate give. {@code (arg ^ p) − 1} is negative exactly
   * when they are equal, so its sign fills the mask (no branch on the data).
   */
  private double unpooled(double[] dy, int qf, int p) {
    long eq = ((long) (arg[qf] ^ p) - 1) >> 63;
    double g = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[qf]) & eq);
    return relu ? Relu.gate(g, y[qf]) : g;
  }

  /**
   * dY of the {@code r} full-size rows mapped by {@link #mapRows} into {@code dst} from index 0
   * ({@link #unpooled}), and {@code db[f] += Σ_r dY[r][f]} in row order.
   */
  private void unpool(double[] dy, int r, double[] dst) {
    double[] db = bias.grad();
    for (int i = 0, o = 0; i < r; i++, o += filters) {
      int q = rowQ[i];
      int p = rowP[i];
      for (int f = 0; f < filters; f++) {
        double g = unpooled(dy, q + f, p);
        db[f] += g;
        dst[o + f] = g;
      }
    }
  }

  /** With the ReLU: {@code dz = dy · [y > 0]} over {@code len} values ({@link Relu#gate}). */
  private double[] masked(double[] dy, int len) {
    dz = ensure(dz, len);
    Relu.gate(dy, y, dz, len);
    return dz;
  }

  /** db[f] += Σ_r dY[r][f] over {@code rows} rows from {@code dy[o0]}. */
  private void addBiasGrad(double[] dy, int o0, int rows) {
    double[] db = bias.grad();
    // db[f] += Σ_r dY[r][f]
    for (int r = 0, o = o0; r < rows; r++, o += filters) {
      for (int f = 0; f < filters; f++) {
        db[f] += dy[o + f];
      }
    }
  }

  /** Rows of im2col per native piece (at least 1). */
  static int chunkRows(int width) {
    return Math.max(1, CHUNK_VALUES / width);
  }

  /**
   * {@code Y = cols · K} piece by piece on native blocks; in a training pass whose im2col matrix
   * has at most {@code keepValues} values, the pieces go to this layer's own native block and stay
   * there for {@link #backward}.
   */
  private void forwardNative(NativeGemm blas, double[] input, int rows, int width,
      boolean training) {
    int step = chunkRows(width);
    if (poolK > 0) {
      zp = ensure(zp, (long) step * filters);
    }
    kept = training && (long) rows * width <= keepValues;
    NativeBlock kb = blas.block(KERNEL, (long) width * filters);
    kb.put(kernel.value(), 0, width * filters);
    NativeBlock cb = kept ? blas.block(this, (long) rows * width)
        : blas.block(COLS, (long) step * width);
    NativeBlock yb = blas.block(OUT, (long) step * filters);
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      long at = kept ? (long) r0 * width : 0;
      putCols(cb, at, input, r0, r0 + r, width);
      // Y[r0 .. r0 + r) = cols[r0 .. r0 + r) · K
      blas.gemm(false, false, r, filters, width, 1, cb, at, kb, 0, 0, yb, 0);
      // with pooling the full-size rows go to the piece zp, else straight to y
      double[] z = poolK > 0 ? zp : y;
      int zo = poolK > 0 ? 0 : r0 * filters;
      yb.get(0, z, zo, r * filters);
      addBias(z, zo, r);
      activate(z, zo, r);
      if (poolK > 0) {
        mapRows(r0, r);
        pool(zp, r);
      }
    }
  }

  /** im2col rows {@code [r0, r1)} of {@code src} into {@code cb} from value {@code at}. */
  private void putCols(NativeBlock cb, long at, double[] src, int r0, int r1, int width) {
    int len = (r1 - r0) * width;
    cols = ensure(cols, len);
    im2col(src, r0, r1, cols);
    cb.put(at, cols, 0, len);
  }

  /**
   * Backward on native blocks: {@code dY} goes to native memory piece by piece (with {@code db +=
   * Σ dY}); {@code dK += colsᵀ · dY} is one product on the kept im2col matrix, or piece by piece
   * on rebuilt pieces; {@code dcols = dY · Kᵀ} is computed piece by piece and folded back by
   * col2im into {@code dx} (when needed) while the piece is in cache.
   */
  private void backwardNative(NativeGemm blas, double[] dy, int n, int rows, int width) {
    int step = chunkRows(width);
    NativeBlock dyb = blas.block(DY, (long) rows * filters);
    if (poolK > 0) {
      zp = ensure(zp, (long) step * filters);
    }
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      if (poolK > 0) {
        // dY's rows scattered from the pooled gradient (and gated) into the piece, db summed
        mapRows(r0, r);
        unpool(dy, r, zp);
        dyb.put((long) r0 * filters, zp, 0, r * filters);
      } else {
        dyb.put((long) r0 * filters, dy, r0 * filters, r * filters);
        addBiasGrad(dy, r0 * filters, r);
      }
    }
    NativeBlock dkb = blas.block(DKERNEL, (long) width * filters);
    if (kept) {
      // dK = colsᵀ · dY over all rows at once
      blas.gemm(true, false, width, filters, rows, 1, blas.block(this, (long) rows * width), 0,
          dyb, 0, 0, dkb, 0);
    } else {
      NativeBlock cb = blas.block(COLS, (long) step * width);
      for (int r0 = 0; r0 < rows; r0 += step) {
        int r = Math.min(step, rows - r0);
        putCols(cb, 0, x, r0, r0 + r, width);
        // dK (+)= cols[r0 .. r0 + r)ᵀ · dY[r0 .. r0 + r)
        blas.gemm(true, false, width, filters, r, 1, cb, 0, dyb, (long) r0 * filters,
            r0 == 0 ? 0 : 1, dkb, 0);
      }
    }
    dkb.addTo(kernel.grad(), 0, width * filters);
    if (!inputGrad) {
      return;
    }
    NativeBlock kb = blas.block(KERNEL, (long) width * filters);
    kb.put(kernel.value(), 0, width * filters);
    NativeBlock dcb = blas.block(OUT, (long) step * width);
    dx = ensure(dx, (long) n * in.size());
    Arrays.fill(dx, 0, n * in.size(), 0.0);
    for (int r0 = 0; r0 < rows; r0 += step) {
      int r = Math.min(step, rows - r0);
      // dcols[r0 .. r0 + r) = dY[r0 .. r0 + r) · Kᵀ
      blas.gemm(false, true, r, width, filters, 1, dyb, (long) r0 * filters, kb, 0, 0, dcb, 0);
      cols = ensure(cols, (long) r * width);
      dcb.get(0, cols, 0, r * width);
      col2im(cols, r0, r0 + r, dx);
    }
  }

  @Override
  public double[] backward(double[] dy, int n) {
    int rows = n * co.height() * co.width();
    int width = k * k * in.channels();
    NativeGemm blas = gemm.nativeFor(rows, filters, width);
    if (blas != null && blas.precision() == Precision.FLOAT) {
      return floatPath().backward(dy, n, blas);
    }
    if (blas != null) {
      // with pooling the ReLU's mask is applied while dY is scattered, else here
      backwardNative(blas, relu && poolK == 0 ? masked(dy, rows * filters) : dy, n, rows, width);
      return inputGrad ? dx : null;
    }
    if (poolK > 0) {
      dz = ensure(dz, (long) rows * filters);
      mapRows(0, rows);
      unpool(dy, rows, dz);
      dy = dz;
    } else {
      dy = relu ? masked(dy, rows * filters) : dy;
      addBiasGrad(dy, 0, rows);
    }
    DMatrixRMaj dyM = DMatrixRMaj.wrap(rows, filters, dy);
    // dK += colsᵀ · dY
    gemm.gemm(true, false, 1, DMatrixRMaj.wrap(rows, width, cols), dyM, 1,
        DMatrixRMaj.wrap(width, filters, kernel.grad()));
    if (!inputGrad) {
      return null;
    }
    dcols = ensure(dcols, (long) rows * width);
    // dcols = dY · Kᵀ
    gemm.gemm(false, true, 1, dyM, DMatrixRMaj.wrap(width, filters, kernel.value()), 0,
        DMatrixRMaj.wrap(rows, width, dcols));
    dx = ensure(dx, (long) n * in.size());
    Arrays.fill(dx, 0, n * in.size(), 0.0);
    col2im(dcols, 0, rows, dx);
    return dx;
  }

  /**
   * Rows {@code [r0, r1)} of im2col into {@code dst} from index 0, where row {@code r = (s·Ho +
   * oy)·Wo + ox}: {@code cols[r][(ky·k+kx)·C + c] = x[s][oy·stride−pad+ky][ox·stride−pad+kx][c]},
   * 0 outside the image.
   */
  private void im2col(double[] src, int r0, int r1, double[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = co.height();
    int wo = co.width();
    int plane = ho * wo;
    int o = 0;
    // row r = (s·Ho + oy)·Wo + ox, its indices counted up rather than divided out on every row
    int s = r0 / plane;
    int oy = (r0 - s * plane) / wo;
    int ox = r0 - s * plane - oy * wo;
    for (int r = r0; r < r1; r++) {
      int base = s * h * w * c;
      for (int ky = 0; ky < k; ky++) {
        int iy = oy * stride - pad + ky;
        if (iy < 0 || iy >= h) {
          Arrays.fill(dst, o, o + k * c, 0.0);
          o += k * c;
          continue;
        }
        int rowBase = base + iy * w * c;
        int ix0 = ox * stride - pad;
        if (ix0 >= 0 && ix0 + k <= w) {
          // the whole kernel row lies inside: one contiguous run of k·C values
          System.arraycopy(src, rowBase + ix0 * c, dst, o, k * c);
          o += k * c;
          continue;
        }
        for (int kx = 0; kx < k; kx++) {
          int ix = ix0 + kx;
          if (ix < 0 || ix >= w) {
            Arrays.fill(dst, o, o + c, 0.0);
          } else {
            System.arraycopy(src, rowBase + ix * c, dst, o, c);
          }
          o += c;
        }
      }
      if (++ox == wo) {
        ox = 0;
        if (++oy == ho) {
          oy = 0;
          s++;
        }
      }
    }
  }

  /**
   * As {@link #im2col(double[], int, int, double[])} from a float input: the same walk, only the
   * element type differs (one method over {@code Object} arrays made the conv forward passes
   * 15–30 % slower in one profile run). With the Vector API ({@link ConvVectors#copy}) a run may
   * also write up to one vector of values past its end, which the next runs overwrite: values of
   * {@code dst} past the last row may change.
   */
  void im2col(float[] src, int r0, int r1, float[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = co.height();
    int wo = co.width();
    int plane = ho * wo;
    int o = 0;
    // row r = (s·Ho + oy)·Wo + ox, its indices counted up rather than divided out on every row
    int s = r0 / plane;
    int oy = (r0 - s * plane) / wo;
    int ox = r0 - s * plane - oy * wo;
    for (int r = r0; r < r1; r++) {
      int base = s * h * w * c;
      for (int ky = 0; ky < k; ky++) {
        int iy = oy * stride - pad + ky;
        if (iy < 0 || iy >= h) {
          Arrays.fill(dst, o, o + k * c, 0f);
          o += k * c;
          continue;
        }
        int rowBase = base + iy * w * c;
        int ix0 = ox * stride - pad;
        if (ix0 >= 0 && ix0 + k <= w) {
          // the whole kernel row lies inside: one contiguous run of k·C values
          copyRun(src, rowBase + ix0 * c, dst, o, k * c);
          o += k * c;
          continue;
        }
        for (int kx = 0; kx < k; kx++) {
          int ix = ix0 + kx;
          if (ix < 0 || ix >= w) {
            Arrays.fill(dst, o, o + c, 0f);
          } else {
            copyRun(src, rowBase + ix * c, dst, o, c);
          }
          o += c;
        }
      }
      if (++ox == wo) {
        ox = 0;
        if (++oy == ho) {
          oy = 0;
          s++;
        }
      }
    }
  }

  /**
   * The adjoint of {@link #im2col} for rows {@code [r0, r1)} (read from {@code src} index 0):
   * {@code dx[s][iy][ix][c] +=} every entry im2col copied from that position.
   */
  private void col2im(double[] src, int r0, int r1, double[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = co.height();
    int wo = co.width();
    int plane = ho * wo;
    int o = 0;
    // row r = (s·Ho + oy)·Wo + ox, its indices counted up rather than divided out on every row
    int s = r0 / plane;
    int oy = (r0 - s * plane) / wo;
    int ox = r0 - s * plane - oy * wo;
    for (int r = r0; r < r1; r++) {
      int base = s * h * w * c;
      for (int ky = 0; ky < k; ky++) {
        int iy = oy * stride - pad + ky;
        if (iy < 0 || iy >= h) {
          o += k * c;
          continue;
        }
        int rowBase = base + iy * w * c;
        for (int kx = 0; kx < k; kx++) {
          int ix = ox * stride - pad + kx;
          if (ix >= 0 && ix < w) {
            int d = rowBase + ix * c;
            // dx[s][iy][ix][ch] += dcols[r][(ky·k+kx)·C + ch]
            for (int ch = 0; ch < c; ch++) {
              dst[d + ch] += src[o + ch];
            }
          }
          o += c;
        }
      }
      if (++ox == wo) {
        ox = 0;
        if (++oy == ho) {
          oy = 0;
          s++;
        }
      }
    }
  }

  /**
   * {@code dst[d .. d + len) = src[s .. s + len)}: on the Vector API where the JVM has it ({@link
   * ConvVectors#copy}, which may write past the run), else {@code System.arraycopy}.
   */
  private static void copyRun(float[] src, int s, float[] dst, int d, int len) {
    if (ConvFloat.VECTORS) {
      ConvVectors.copy(src, s, dst, d, len);
      return;
    }
    System.arraycopy(src, s, dst, d, len);
  }

  /**
   * {@code dst[d + j] += src[o + j]} for {@code j < len}: on the Vector API where the JVM has it
   * ({@link ConvVectors#add}), else one value at a time; the same sums either way.
   */
  private static void addRun(float[] src, int o, float[] dst, int d, int len) {
    if (ConvFloat.VECTORS) {
      ConvVectors.add(src, o, dst, d, len);
      return;
    }
    for (int j = 0; j < len; j++) {
      dst[d + j] += src[o + j];
    }
  }

  /**
   * As {@link #col2im(double[], int, int, double[])} in float (the float path, {@link
   * ConvFloat}): the same walk, only the element type differs.
   */
  void col2im(float[] src, int r0, int r1, float[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = co.height();
    int wo = co.width();
    int plane = ho * wo;
    int o = 0;
    // row r = (s·Ho + oy)·Wo + ox, its indices counted up rather than divided out on every row
    int s = r0 / plane;
    int oy = (r0 - s * plane) / wo;
    int ox = r0 - s * plane - oy * wo;
    for (int r = r0; r < r1; r++) {
      int base = s * h * w * c;
      for (int ky = 0; ky < k; ky++) {
        int iy = oy * stride - pad + ky;
        if (iy < 0 || iy >= h) {
          o += k * c;
          continue;
        }
        int rowBase = base + iy * w * c;
        int ix0 = ox * stride - pad;
        if (ix0 >= 0 && ix0 + k <= w) {
          // the whole kernel row lies inside: one contiguous run of k·C values (each position
          // still gets its terms in the same order)
          addRun(src, o, dst, rowBase + ix0 * c, k * c);
          o += k * c;
          continue;
        }
        for (int kx = 0; kx < k; kx++) {
          int ix = ix0 + kx;
          if (ix >= 0 && ix < w) {
            // dx[s][iy][ix][ch] += dcols[r][(ky·k+kx)·C + ch]
            addRun(src, o, dst, rowBase + ix * c, c);
          }
          o += c;
        }
      }
      if (++ox == wo) {
        ox = 0;
        if (++oy == ho) {
          oy = 0;
          s++;
        }
      }
    }
  }
}
