package io.augreg.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Batch normalization per channel (after a convolution: statistics over the N·H·W positions of
 * each channel; after a dense layer, whose output is {@code 1 × 1 × units}: per unit over the N
 * examples), as PyTorch's {@code BatchNorm2d}/{@code BatchNorm1d}.
 *
 * <p>Training: {@code μ = Σx / M}, {@code σ² = Σ(x − μ)² / M} (biased) over the M values of the
 * channel in the mini-batch, {@code x̂ = (x − μ) / √(σ² + ε)}, {@code y = γ·x̂ + β}; the running
 * statistics move by {@code r_μ ← (1 − momentum)·r_μ + momentum·μ} and {@code r_σ² ← (1 −
 * momentum)·r_σ² + momentum·σ²·M/(M − 1)} (unbiased, as PyTorch; M/(M − 1) is taken as 1 when
 * M = 1). Inference: {@code y = γ·(x − r_μ)/√(r_σ² + ε) + β}. Backward (training): {@code dβ +=
 * Σdy}, {@code dγ += Σdy·x̂}, {@code dx = γ/(M·√(σ² + ε))·(M·dy − Σdy − x̂·Σdy·x̂)}; at inference
 * the statistics are constants and {@code dx = γ·dy/√(r_σ² + ε)}.
 *
 * <p>γ and β are parameters (never L2/L1-penalized, like biases); the running mean and variance
 * are state: shared arrays saved with the model but not trained. When the mini-batch is split
 * into slices on several stacks, a {@link BatchSync} makes every slice use the whole batch's
 * statistics (μ, σ² and the two backward sums), so training does not depend on the thread count;
 * only slice 0 updates the running statistics. Without a sync (or with one slice) the layer uses
 * the statistics of the examples it is given.
 */
public final class BatchNorm extends Layer {
  private final int channels;
  private final double momentum;
  private final double eps;
  private final Param gamma;
  private final Param beta;
  private final double[] runningMean;
  private final double[] runningVar;
  private final boolean inputGrad;
  private final BatchSync sync;
  private final BatchSync.Exchange exchange;
  private final int slice;
  private final double[] mean;
  private final double[] invStd;
  private final double[] part;
  private final double[] m2;
  private final double[] sums;
  private final double[] allSums;
  private double[] xhat;
  private double[] y;
  private double[] dx;
  private boolean training;
  private long count;

  /**
   * @param in the input shape (also the output shape); statistics per channel
   * @param momentum weight of the batch statistics in the running ones, in [0, 1]
   * @param eps added to the variance, &gt; 0
   * @param gammaValues shared scales γ, one per channel
   * @param betaValues shared shifts β, one per channel
   * @param runningMean shared running mean, one per channel (updated in training by slice 0)
   * @param runningVar shared running variance, one per channel
   * @param inputGrad false if nothing before this layer needs a gradient
   * @param sync the synchronization of the slices of one batch, or null for none
   * @param layer this layer's index among the BN layers (its exchange in {@code sync})
   * @param slice the slice this instance runs (0 … threads − 1; 0 without a sync)
   */
  public BatchNorm(Shape in, double momentum, double eps, double[] gammaValues, double[] betaValues,
      double[] runningMean, double[] runningVar, boolean inputGrad, BatchSync sync, int layer,
      int slice) {
    super(in, in);
    int c = in.channels();
    if (gammaValues.length != c || betaValues.length != c || runningMean.length != c
        || runningVar.length != c) {
      throw new IllegalArgumentException("bn: gamma, beta, running mean and variance need " + c
          + " values each, got " + gammaValues.length + ", " + betaValues.length + ", "
          + runningMean.length + " and " + runningVar.length);
    }
    if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
      throw new IllegalArgumentException("bn: momentum must be in [0, 1] and eps > 0, got "
          + momentum + " and " + eps);
    }
    this.channels = c;
    this.momentum = momentum;
    this.eps = eps;
    this.gamma = new Param("gamma", gammaValues, new double[c], Param.Role.NORM);
    this.beta = new Param("beta", betaValues, new double[c], Param.Role.NORM);
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    this.inputGrad = inputGrad;
    this.sync = sync;
    this.exchange = sync == null ? null : sync.exchange(layer);
    this.slice = slice;
    this.mean = new double[c];
    this.invStd = new double[c];
    this.part = new double[1 + 2 * c];
    this.m2 = new double[c];
    this.sums = new double[2 * c];
    this.allSums = new double[2 * c];
  }

  /**
   * Sets the initial state in place: γ = 1, β = 0, running mean 0, running variance 1.
   *
   * @return γ, β, running mean, running variance: the layer's arrays in model order
   */
  public List<double[]> reset() {
    Arrays.fill(gamma.value(), 1.0);
    Arrays.fill(beta.value(), 0.0);
    Arrays.fill(runningMean, 0.0);
    Arrays.fill(runningVar, 1.0);
    return List.of(gamma.value(), beta.value(), runningMean, runningVar);
  }

  @Override
  public List<Param> params() {
    return List.of(gamma, beta);
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    int c = channels;
    int positions = n * in.height() * in.width();
    int total = positions * c;
    xhat = ensure(xhat, total);
    y = ensure(y, total);
    training = pass.training();
    if (training) {
      batchStatistics(x, positions);
    } else {
      for (int ch = 0; ch < c; ch++) {
        mean[ch] = runningMean[ch];
        invStd[ch] = 1 / Math.sqrt(runningVar[ch] + eps);
      }
    }
    double[] g = gamma.value();
    double[] b = beta.value();
    // x̂ = (x − μ)·(σ² + ε)^(−1/2); y = γ·x̂ + β
    for (int i = 0; i < total; i += c) {
      for (int ch = 0; ch < c; ch++) {
        double h = (x[i + ch] - mean[ch]) * invStd[ch];
        xhat[i + ch] = h;
        y[i + ch] = g[ch] * h + b[ch];
      }
    }
    return y;
  }

  /** μ and (σ² + ε)^(−1/2) of the batch (all slices) into mean/invStd; running statistics. */
  private void batchStatistics(double[] x, int positions) {
    int c = channels;
    int total = positions * c;
    Arrays.fill(mean, 0.0);
    Arrays.fill(m2, 0.0);
    // μ_s = Σx / M_s over this slice
    for (int i = 0; i < total; i += c) {
      for (int ch = 0; ch < c; ch++) {
        mean[ch] += x[i + ch];
      }
    }
    for (int ch = 0; ch < c; ch++) {
      mean[ch] /= positions;
    }
    // m2_s = Σ(x − μ_s)²
    for (int i = 0; i < total; i += c) {
      for (int ch = 0; ch < c; ch++) {
        double d = x[i + ch] - mean[ch];
        m2[ch] += d * d;
      }
    }
    count = positions;
    int parts = exchange == null ? 1 : sync.parts();
    if (parts > 1) {
      part[0] = positions;
      System.arraycopy(mean, 0, part, 1, c);
      System.arraycopy(m2, 0, part, 1 + c, c);
      exchange.forward[slice] = part;
      sync.await();
      // Chan et al.: M = Σ M_s, μ = Σ M_s·μ_s / M, m2 = Σ (m2_s + M_s·(μ_s − μ)²), in slice order
      count = 0;
      for (int s = 0; s < parts; s++) {
        count += (long) exchange.forward[s][0];
      }
      for (int ch = 0; ch < c; ch++) {
        double mu = 0;
        for (int s = 0; s < parts; s++) {
          double[] p = exchange.forward[s];
          mu += p[0] * p[1 + ch];
        }
        mu /= count;
        double dev = 0;
        for (int s = 0; s < parts; s++) {
          double[] p = exchange.forward[s];
          double d = p[1 + ch] - mu;
          dev += p[1 + c + ch] + p[0] * d * d;
        }
        mean[ch] = mu;
        m2[ch] = dev;
      }
    }
    double unbiased = count > 1 ? (double) count / (count - 1) : 1.0;
    for (int ch = 0; ch < c; ch++) {
      double var = m2[ch] / count;
      invStd[ch] = 1 / Math.sqrt(var + eps);
      if (slice == 0) {
        // r_μ ← (1 − momentum)·r_μ + momentum·μ;  r_σ² ← (1 − momentum)·r_σ² + momentum·σ²·M/(M − 1)
        runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * mean[ch];
        runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * var * unbiased;
      }
    }
  }

  @Override
  public double[] backward(double[] dyIn, int n) {
    int c = channels;
    int total = n * in.height() * in.width() * c;
    Arrays.fill(sums, 0.0);
    // Σdy and Σdy·x̂ per channel (this slice)
    for (int i = 0; i < total; i += c) {
      for (int ch = 0; ch < c; ch++) {
        double d = dyIn[i + ch];
        sums[ch] += d;
        sums[c + ch] += d * xhat[i + ch];
      }
    }
    double[] dg = gamma.grad();
    double[] db = beta.grad();
    // dβ += Σdy; dγ += Σdy·x̂
    for (int ch = 0; ch < c; ch++) {
      db[ch] += sums[ch];
      dg[ch] += sums[c + ch];
    }
    if (!inputGrad) {
      return null;
    }
    dx = ensure(dx, total);
    double[] g = gamma.value();
    if (!training) {
      // dx = γ·dy·(r_σ² + ε)^(−1/2)
      for (int i = 0; i < total; i += c) {
        for (int ch = 0; ch < c; ch++) {
          dx[i + ch] = g[ch] * invStd[ch] * dyIn[i + ch];
        }
      }
      return dx;
    }
    double[] s = sums;
    int parts = exchange == null ? 1 : sync.parts();
    if (parts > 1) {
      exchange.backward[slice] = sums;
      sync.await();
      s = allSums;
      Arrays.fill(s, 0.0);
      // the whole batch's sums, in slice order
      for (int p = 0; p < parts; p++) {
        double[] o = exchange.backward[p];
        for (int j = 0; j < 2 * c; j++) {
          s[j] += o[j];
        }
      }
    }
    double inv = 1.0 / count;
    // dx = γ·(σ² + ε)^(−1/2)/M · (M·dy − Σdy − x̂·Σdy·x̂)
    for (int i = 0; i < total; i += c) {
      for (int ch = 0; ch < c; ch++) {
        dx[i + ch] = g[ch] * invStd[ch] * (dyIn[i + ch] - inv * (s[ch] + xhat[i + ch] * s[c + ch]));
      }
    }
    return dx;
  }
}
