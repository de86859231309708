package io.augreg.train;

import io.augreg.nn.Activation;
import io.augreg.nn.Loss;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.linalg.Gemm;
import org.ejml.data.DMatrixRMaj;

/**
 * Forward and backward propagation through a dense network with reusable buffers: everything is
 * sized once for the largest batch and reused, so an iteration allocates nothing. Works on live
 * parameter arrays owned by the caller (the trainer updates them in place). Not thread-safe.
 *
 * <p>Layer l (1..L): {@code Z_l = W_l·A_{l−1} + b_l}, {@code G_l = g(Z_l)}, {@code A_l = G_l ⊙ D_l /
 * keep_l} with dropout, else {@code A_l = G_l}; the output is {@code A_L = σ(Z_L)} or softmax.
 * Backward: {@code dZ_L = A_L − Y}; {@code dW_l = dZ_l·A_{l−1}ᵀ} and {@code db_l = Σ_j dZ_l}
 * (sums, not yet divided by m); {@code dA_{l−1} = W_lᵀ·dZ_l}, times {@code D_{l−1}/keep} with
 * dropout, then {@code dZ_{l−1} = dA_{l−1} ⊙ g'(Z_{l−1})}.
 */
final class Propagation {
  final int layers;
  final int[] sizes;
  final Activation hidden;
  final OutputKind output;
  private final Gemm gemm;
  private final double[] keep; // keep[l], l = 1..L-1; 1 = no dropout
  final double[][] w; // live W_l arrays, index l-1
  final double[][] b; // live b_l arrays, index l-1
  private final DMatrixRMaj[] wView; // index l
  final DMatrixRMaj[] z; // index l
  final DMatrixRMaj[] g; // index l: activations before dropout (same object as a[l] without)
  final DMatrixRMaj[] a; // index l: activations after dropout; a[0] set per pass
  final DMatrixRMaj[] dz; // index l
  final DMatrixRMaj[] dw; // index l
  final double[][] db; // index l
  final double[][] mask; // index l (hidden layers with dropout): 0 or 1
  private int m = -1;

  /**
   * Buffers for a network.
   *
   * @param net architecture (sizes, activations)
   * @param w live weight arrays (index l−1 holds W_l), read at every pass
   * @param b live bias arrays
   * @param keep keep probability per layer index 1..L−1 (length L; index 0 and L unused)
   * @param maxM the largest batch
   * @param gemm product kernel
   */
  Propagation(Network net, double[][] w, double[][] b, double[] keep, int maxM, Gemm gemm) {
    this.sizes = net.sizes();
    this.layers = sizes.length - 1;
    this.hidden = net.hidden();
    this.output = net.output();
    this.gemm = gemm;
    this.keep = keep.clone();
    this.w = w;
    this.b = b;
    wView = new DMatrixRMaj[layers + 1];
    z = new DMatrixRMaj[layers + 1];
    g = new DMatrixRMaj[layers + 1];
    a = new DMatrixRMaj[layers + 1];
    dz = new DMatrixRMaj[layers + 1];
    dw = new DMatrixRMaj[layers + 1];
    db = new double[layers + 1][];
    mask = new double[layers + 1][];
    for (int l = 1; l <= layers; l++) {
      wView[l] = DMatrixRMaj.wrap(sizes[l], sizes[l - 1], w[l - 1]);
      z[l] = new DMatrixRMaj(sizes[l], maxM);
      boolean drop = l < layers && keep[l] < 1;
      g[l] = l < layers ? new DMatrixRMaj(sizes[l], maxM) : z[l];
      a[l] = drop ? new DMatrixRMaj(sizes[l], maxM) : g[l];
      if (l == layers) {
        a[l] = new DMatrixRMaj(sizes[l], maxM);
      }
      dz[l] = new DMatrixRMaj(sizes[l], maxM);
      dw[l] = new DMatrixRMaj(sizes[l], sizes[l - 1]);
      db[l] = new double[sizes[l]];
      if (drop) {
        mask[l] = new double[sizes[l] * maxM];
      }
    }
  }

  /** Whether hidden layer l uses dropout. */
  boolean dropout(int l) {
    return l < layers && keep[l] < 1;
  }

  /** The keep probability of layer l. */
  double keep(int l) {
    return keep[l];
  }

  /** Sizes every buffer for m examples (no allocation when m ≤ maxM). */
  void columns(int m) {
    if (m == this.m) {
      return;
    }
    for (int l = 1; l <= layers; l++) {
      z[l].reshape(sizes[l], m);
      g[l].reshape(sizes[l], m);
      a[l].reshape(sizes[l], m);
      dz[l].reshape(sizes[l], m);
    }
    this.m = m;
  }

  /** The current batch size. */
  int m() {
    return m;
  }

  /**
   * Forward pass on x (n_0 × m); with {@code training}, hidden layers with dropout use the masks
   * currently in {@link #mask}.
   */
  void forward(DMatrixRMaj x, boolean training) {
    columns(x.numCols);
    int m = x.numCols;
    a[0] = x;
    for (int l = 1; l <= layers; l++) {
      int n = sizes[l];
      // Z_l = W_l · A_{l-1} + b_l
      gemm.gemm(false, false, 1.0, wView[l], a[l - 1], 0.0, z[l]);
      Network.addBias(z[l].data, b[l - 1], n, m);
      if (l == layers) {
        Loss.probabilities(output, z[l].data, a[l].data, n, m);
        break;
      }
      hidden.forward(z[l].data, g[l].data, n * m);
      if (dropout(l)) {
        double[] gd = g[l].data;
        double[] ad = a[l].data;
        double[] d = mask[l];
        int count = n * m;
        if (training) {
          double kp = keep[l];
          // A_l = G_l * D_l / keep_prob (as the lesson: multiply by the 0/1 mask, then divide)
          for (int i = 0; i < count; i++) {
            ad[i] = gd[i] * d[i] / kp;
          }
        } else {
          System.arraycopy(gd, 0, ad, 0, count);
        }
      }
    }
  }

  /** The mean data cost (cross-entropy from the logits) of the last forward pass. */
  double dataCost(double[] y) {
    return Loss.cost(output, z[layers].data, y, sizes[layers], m);
  }

  /**
   * Backward pass after a training forward pass: fills {@link #dw} and {@link #db} with the
   * gradient sums over the m examples (the caller divides by m and adds regularization).
   *
   * @param y labels (m)
   * @return Σ of dZ_L (non-finite iff the pass diverged)
   */
  double backward(double[] y) {
    int L = layers;
    // dZ_L = A_L - Y
    Loss.gradient(output, a[L].data, y, dz[L].data, sizes[L], m);
    double check = 0;
    for (int l = L; l >= 1; l--) {
      int n = sizes[l];
      double[] dzl = dz[l].data;
      // dW_l = dZ_l · A_{l-1}^T
      gemm.gemm(false, true, 1.0, dz[l], a[l - 1], 0.0, dw[l]);
      // db_l = sum_j dZ_l[:, j]
      double[] dbl = db[l];
      for (int i = 0; i < n; i++) {
        double s = 0;
        int row = i * m;
        for (int j = 0; j < m; j++) {
          s += dzl[row + j];
        }
        dbl[i] = s;
      }
      if (l == L) {
        for (int i = 0; i < n; i++) {
          check += dbl[i];
        }
      }
      if (l == 1) {
        break;
      }
      int np = sizes[l - 1];
      DMatrixRMaj dPrev = dz[l - 1];
      // dA_{l-1} = W_l^T · dZ_l
      gemm.gemm(true, false, 1.0, wView[l], dz[l], 0.0, dPrev);
      double[] da = dPrev.data;
      int count = np * m;
      if (dropout(l - 1)) {
        double[] d = mask[l - 1];
        double kp = keep[l - 1];
        // dA_{l-1} = dA_{l-1} * D_{l-1} / keep_prob
        for (int i = 0; i < count; i++) {
          da[i] = da[i] * d[i] / kp;
        }
      }
      // dZ_{l-1} = dA_{l-1} * g'(Z_{l-1})
      hidden.backward(da, g[l - 1].data, da, count);
    }
    return check;
  }

  /**
   * Accuracy of the last forward pass: binary, {@code (a > 0.5) == (y > 0.5)} as the lesson;
   * softmax, arg max equals the label.
   */
  double accuracy(double[] y) {
    int k = sizes[layers];
    double[] p = a[layers].data;
    int correct = 0;
    for (int j = 0; j < m; j++) {
      int label;
      if (output == OutputKind.SIGMOID_BINARY) {
        label = p[j] > 0.5 ? 1 : 0;
      } else {
        label = 0;
        for (int i = 1; i < k; i++) {
          if (p[i * m + j] > p[label * m + j]) {
            label = i;
          }
        }
      }
      if (label == (int) y[j]) {
        correct++;
      }
    }
    return (double) correct / m;
  }
}
