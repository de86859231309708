package io.augreg.nn.conv;

import io.augreg.nn.linalg.Gemm;
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
  private double[] cols;
  private double[] y;
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
    super(in, outShape(in, filters, k, stride, pad));
    this.filters = filters;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    this.inputGrad = inputGrad;
    this.gemm = gemm;
    int rows = k * k * in.channels();
    if (kernelValues.length != rows * filters || biasValues.length != filters) {
      throw new IllegalArgumentException("conv: kernel needs " + rows * filters + " values and bias "
          + filters + ", got " + kernelValues.length + " and " + biasValues.length);
    }
    this.kernel = new Param("kernel", kernelValues, new double[kernelValues.length], true);
    this.bias = new Param("bias", biasValues, new double[filters], false);
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
    int ho = (in.height() + 2 * pad - k) / stride + 1;
    int wo = (in.width() + 2 * pad - k) / stride + 1;
    if (in.height() + 2 * pad < k || in.width() + 2 * pad < k) {
      throw new IllegalArgumentException(
          "conv: kernel " + k + " is larger than the padded input " + in);
    }
    return new Shape(ho, wo, filters);
  }

  @Override
  public List<Param> params() {
    return List.of(kernel, bias);
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    int rows = n * out.height() * out.width();
    int width = k * k * in.channels();
    cols = ensure(cols, (long) rows * width);
    y = ensure(y, (long) rows * filters);
    im2col(x, n, cols);
    // Y = cols · K
    gemm.gemm(false, false, 1, DMatrixRMaj.wrap(rows, width, cols),
        DMatrixRMaj.wrap(width, filters, kernel.value()), 0, DMatrixRMaj.wrap(rows, filters, y));
    double[] b = bias.value();
    // Y[r][f] += b[f]
    for (int r = 0, o = 0; r < rows; r++, o += filters) {
      for (int f = 0; f < filters; f++) {
        y[o + f] += b[f];
      }
    }
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    int rows = n * out.height() * out.width();
    int width = k * k * in.channels();
    DMatrixRMaj dyM = DMatrixRMaj.wrap(rows, filters, dy);
    // dK += colsᵀ · dY
    gemm.gemm(true, false, 1, DMatrixRMaj.wrap(rows, width, cols), dyM, 1,
        DMatrixRMaj.wrap(width, filters, kernel.grad()));
    double[] db = bias.grad();
    // db[f] += Σ_r dY[r][f]
    for (int r = 0, o = 0; r < rows; r++, o += filters) {
      for (int f = 0; f < filters; f++) {
        db[f] += dy[o + f];
      }
    }
    if (!inputGrad) {
      return null;
    }
    dcols = ensure(dcols, (long) rows * width);
    // dcols = dY · Kᵀ
    gemm.gemm(false, true, 1, dyM, DMatrixRMaj.wrap(width, filters, kernel.value()), 0,
        DMatrixRMaj.wrap(rows, width, dcols));
    dx = ensure(dx, (long) n * in.size());
    col2im(dcols, n, dx);
    return dx;
  }

  /** cols[(s,oy,ox)][(ky·k+kx)·C + c] = x[s][oy·stride−pad+ky][ox·stride−pad+kx][c], 0 outside. */
  private void im2col(double[] x, int n, double[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = out.height();
    int wo = out.width();
    int run = c;
    int o = 0;
    for (int s = 0; s < n; s++) {
      int base = s * h * w * c;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
          for (int ky = 0; ky < k; ky++) {
            int iy = oy * stride - pad + ky;
            if (iy < 0 || iy >= h) {
              Arrays.fill(dst, o, o + k * run, 0.0);
              o += k * run;
              continue;
            }
            int rowBase = base + iy * w * c;
            for (int kx = 0; kx < k; kx++) {
              int ix = ox * stride - pad + kx;
              if (ix < 0 || ix >= w) {
                Arrays.fill(dst, o, o + run, 0.0);
              } else {
                System.arraycopy(x, rowBase + ix * c, dst, o, run);
              }
              o += run;
            }
          }
        }
      }
    }
  }

  /** dx[s][iy][ix][c] = Σ of the dcols entries im2col copied from that position. */
  private void col2im(double[] src, int n, double[] dst) {
    int h = in.height();
    int w = in.width();
    int c = in.channels();
    int ho = out.height();
    int wo = out.width();
    Arrays.fill(dst, 0, n * h * w * c, 0.0);
    int o = 0;
    for (int s = 0; s < n; s++) {
      int base = s * h * w * c;
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
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
                for (int ch = 0; ch < c; ch++) {
                  dst[d + ch] += src[o + ch];
                }
              }
              o += c;
            }
          }
        }
      }
    }
  }
}
