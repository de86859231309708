package io.augreg.nn.conv;

import io.augreg.nn.linalg.Gemm;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Fully connected layer on flattened examples (rows): {@code Y = X · W + b} with W stored as
 * {@code in × units}. Backward: {@code dW += Xᵀ · dY}, {@code db += Σ_rows dY}, {@code dX = dY ·
 * Wᵀ}.
 */
public final class Dense extends Layer {
  private final int units;
  private final boolean inputGrad;
  private final Gemm gemm;
  private final Param weight;
  private final Param bias;
  private double[] x;
  private double[] y;
  private double[] dx;

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
    if (weightValues.length != in.size() * units || biasValues.length != units) {
      throw new IllegalArgumentException("dense: weights need " + in.size() * units
          + " values and bias " + units + ", got " + weightValues.length + " and "
          + biasValues.length);
    }
    this.units = units;
    this.inputGrad = inputGrad;
    this.gemm = gemm;
    this.weight = new Param("weight", weightValues, new double[weightValues.length], true);
    this.bias = new Param("bias", biasValues, new double[units], false);
  }

  @Override
  public List<Param> params() {
    return List.of(weight, bias);
  }

  @Override
  public double[] forward(double[] input, int n, Pass pass) {
    x = input;
    int fan = in.size();
    y = ensure(y, (long) n * units);
    // Y = X · W
    gemm.gemm(false, false, 1, DMatrixRMaj.wrap(n, fan, input),
        DMatrixRMaj.wrap(fan, units, weight.value()), 0, DMatrixRMaj.wrap(n, units, y));
    double[] b = bias.value();
    // Y[r] += b
    for (int r = 0, o = 0; r < n; r++, o += units) {
      for (int u = 0; u < units; u++) {
        y[o + u] += b[u];
      }
    }
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    int fan = in.size();
    DMatrixRMaj dyM = DMatrixRMaj.wrap(n, units, dy);
    // dW += Xᵀ · dY
    gemm.gemm(true, false, 1, DMatrixRMaj.wrap(n, fan, x), dyM, 1,
        DMatrixRMaj.wrap(fan, units, weight.grad()));
    double[] db = bias.grad();
    // db += Σ_rows dY
    for (int r = 0, o = 0; r < n; r++, o += units) {
      for (int u = 0; u < units; u++) {
        db[u] += dy[o + u];
      }
    }
    if (!inputGrad) {
      return null;
    }
    dx = ensure(dx, (long) n * fan);
    // dX = dY · Wᵀ
    gemm.gemm(false, true, 1, dyM, DMatrixRMaj.wrap(fan, units, weight.value()), 0,
        DMatrixRMaj.wrap(n, fan, dx));
    return dx;
  }
}
