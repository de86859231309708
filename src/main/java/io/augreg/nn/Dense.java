package io.augreg.nn;

import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.NativeBlock;
import io.augreg.nn.linalg.NativeGemm;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Fully connected layer on flattened examples (rows): {@code Y = X · W + b} with W stored as
 * {@code in × units}. Backward: {@code dW += Xᵀ · dY}, {@code db += Σ_rows dY}, {@code dX = dY ·
 * Wᵀ}.
 *
 * <p>In a training pass with a native product kernel ({@link Gemm#nativeFor}) the weights are
 * copied to a native block of this layer once and reused by every later training pass and by
 * backward, until {@link #parametersChanged()} says the shared values were updated (the trainer
 * calls it after every optimizer step); the input stays in a native block of its own for the
 * weight gradient. Inference passes take the plain {@link Gemm} path (nothing is kept).
 */
public final class Dense extends Layer {
  /** Native block slots (shared with the other layers, used within one call only). */
  private static final int OUT = 2;
  private static final int DY = 3;
  private static final int DW = 4;
  private final int units;
  private final boolean inputGrad;
  private final Gemm gemm;
  private final Param weight;
  private final Param bias;
  private double[] x;
  private double[] y;
  private double[] dx;
  /** Owner key of the native block holding the input of the last native forward pass. */
  private final Object inputKey = new Object();
  /** True while the native weight block holds the current weight values. */
  private boolean nativeWeights;
  /** The kernel whose native path the last forward pass took, or null (heap path). */
  private NativeGemm lastNative;
  /** The input array, example count and kernel whose values the native input block holds. */
  private double[] nativeInput;
  private int nativeInputRows;
  private NativeGemm nativeInputKernel;
  /** Set by {@link #reuseInput()}: the next forward pass may keep the native input block. */
  private boolean reuseInput;

  /**
   * @param in input shape (used flat)
   * @param units output units
   * @param weightValues shared weights, {@code in.size() · units}, row-major {@code in × units}
   * @param biasValues shared biases, {@code units}
   * @param inputGrad false if nothing before this layer needs a gradient
   * @param gemm the product kernel
   */
  public Dense(Shape in, int units, double[] weightValues, double[] biasValues, boolean inputGrad,
      Gemm gemm) {
    super(in, Shape.flat(units));
    if (weightValues.length != (long) in.size() * units || biasValues.length != units) {
      throw new IllegalArgumentException("dense: weights need " + (long) in.size() * units
          + " values and bias " + units + ", got " + weightValues.length + " and "
          + biasValues.length);
    }
    this.units = units;
    this.inputGrad = inputGrad;
    this.gemm = gemm;
    this.weight = new Param("weight", weightValues, new double[weightValues.length], Param.Role.WEIGHT);
    this.bias = new Param("bias", biasValues, new double[units], Param.Role.BIAS);
  }

  @Override
  public List<Param> params() {
    return List.of(weight, bias);
  }

  @Override
  public void parametersChanged() {
    nativeWeights = false;
  }

  /**
   * Says that the input of the next forward pass holds the same values as the input of the last
   * training pass (full-batch training on a fixed data set): if it is the same array with the same
   * example count, the native copy of it made then is used again instead of copying it (for the
   * course MLP, 209 × 12288 values per iteration), also by an inference pass. Applies to the next
   * forward pass only.
   */
  public void reuseInput() {
    reuseInput = true;
  }

  @Override
  public double[] forward(double[] input, int n, Pass pass) {
    x = input;
    int fan = in.size();
    y = ensure(y, (long) n * units);
    boolean kept = reuseInput && input == nativeInput && n == nativeInputRows;
    // an inference pass on the kept input takes the native path too (nothing to copy)
    NativeGemm blas = pass.training() || kept ? gemm.nativeFor(n, units, fan) : null;
    if (blas != null) {
      NativeBlock wb = weights(blas, fan);
      NativeBlock xb = blas.block(inputKey, (long) n * fan);
      if (!(kept && blas == nativeInputKernel)) {
        xb.put(input, 0, n * fan);
        nativeInput = input;
        nativeInputRows = n;
        nativeInputKernel = blas;
      }
      NativeBlock yb = blas.block(OUT, (long) n * units);
      // Y = X · W
      blas.gemm(false, false, n, units, fan, 1, xb, wb, 0, yb);
      yb.get(y, 0, n * units);
    } else {
      // Y = X · W
      gemm.gemm(false, false, 1, DMatrixRMaj.wrap(n, fan, input),
          DMatrixRMaj.wrap(fan, units, weight.value()), 0, DMatrixRMaj.wrap(n, units, y));
    }
    lastNative = blas;
    reuseInput = false;
    double[] b = bias.value();
    // Y[r] += b
    for (int r = 0, o = 0; r < n; r++, o += units) {
      for (int u = 0; u < units; u++) {
        y[o + u] += b[u];
      }
    }
    return y;
  }

  /** The native copy of the weights, copied again only after {@link #parametersChanged()}. */
  private NativeBlock weights(NativeGemm blas, int fan) {
    NativeBlock wb = blas.block(this, (long) fan * units);
    if (!nativeWeights || blas != lastNative) {
      wb.put(weight.value(), 0, fan * units);
      nativeWeights = true;
    }
    return wb;
  }

  /** Backward on the native blocks of the last forward pass. */
  private void backwardNative(NativeGemm blas, double[] dy, int n, int fan) {
    NativeBlock xb = blas.block(inputKey, (long) n * fan);
    NativeBlock dyb = blas.block(DY, (long) n * units);
    dyb.put(dy, 0, n * units);
    NativeBlock dwb = blas.block(DW, (long) fan * units);
    // dW += Xᵀ · dY
    blas.gemm(true, false, fan, units, n, 1, xb, dyb, 0, dwb);
    dwb.addTo(weight.grad(), 0, fan * units);
    if (inputGrad) {
      dx = ensure(dx, (long) n * fan);
      NativeBlock dxb = blas.block(OUT, (long) n * fan);
      // dX = dY · Wᵀ
      blas.gemm(false, true, n, fan, units, 1, dyb, weights(blas, fan), 0, dxb);
      dxb.get(dx, 0, n * fan);
    }
  }

  @Override
  public double[] backward(double[] dy, int n) {
    int fan = in.size();
    if (lastNative != null) {
      backwardNative(lastNative, dy, n, fan);
      // db += Σ_rows dY
      addBiasGrad(dy, n);
      return inputGrad ? dx : null;
    }
    DMatrixRMaj dyM = DMatrixRMaj.wrap(n, units, dy);
    // dW += Xᵀ · dY
    gemm.gemm(true, false, 1, DMatrixRMaj.wrap(n, fan, x), dyM, 1,
        DMatrixRMaj.wrap(fan, units, weight.grad()));
    addBiasGrad(dy, n);
    if (!inputGrad) {
      return null;
    }
    dx = ensure(dx, (long) n * fan);
    // dX = dY · Wᵀ
    gemm.gemm(false, true, 1, dyM, DMatrixRMaj.wrap(fan, units, weight.value()), 0,
        DMatrixRMaj.wrap(n, fan, dx));
    return dx;
  }

  /** db += Σ_rows dY. */
  private void addBiasGrad(double[] dy, int n) {
    double[] db = bias.grad();
    // db += Σ_rows dY
    for (int r = 0, o = 0; r < n; r++, o += units) {
      for (int u = 0; u < units; u++) {
        db[u] += dy[o + u];
      }
    }
  }
}
