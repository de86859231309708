package io.augreg.train;

import io.augreg.nn.Activation;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.ResidentMatrix;
import io.augreg.nn.linalg.RowKernels;
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
 *
 * <p>Activations are stored one array per unit (see {@link RowKernels} for why). With a {@link
 * JavaGemm} the products run on {@link RowKernels} directly; with any other {@link Gemm} (a BLAS
 * for wide layers) each product copies its operands into flat matrices, calls the Gemm, and
 * copies the result back — a cost of 1/n of the product's work.
 */
final class Propagation {
  final int layers;
  final int[] sizes;
  final Activation hidden;
  final OutputKind output;
  private final Gemm gemm;
  private final boolean rowKernels;
  private final double[] keep; // keep[l], l = 1..L-1; 1 = no dropout
  private final boolean[] drops; // drops[l]: layer l uses dropout (keep[l] < 1, hidden)
  private final double[] ones; // maxM ones: the mask of a layer without dropout (× 1 is exact)
  final double[][] w; // live W_l arrays, index l-1
  final double[][] b; // live b_l arrays, index l-1
  final double[][][] z; // [l][unit][example]; hidden layers: z and g share arrays (in place)
  final double[][][] a; // [l]: activations after dropout (= g without dropout); a[0] = inputs
  final double[][][] dz; // [l]
  /**
   * [l] for hidden layers with dropout: 0 or 1 (then {@code A = G·D/keep}, the lesson's exact
   * order), or with {@link #scaledMasks} 0 or 1/keep (then {@code A = G·D}, one multiply).
   */
  final double[][][] mask;
  /** Whether {@link #mask} holds 0 or 1/keep instead of 0 or 1. */
  boolean scaledMasks;
  final double[][] dw; // [l]: flat n_l x n_{l-1}
  final double[][] db; // [l]
  private final double[][][] g; // [l]: activations before dropout
  private final double[][][] aOnes; // [l]: rows of a[l-1] plus a row of ones (row kernels)
  private final double[][] dwb; // [l]: n_l x (n_{l-1} + 1): [dW_l | db_l] (row kernels)
  private final int maxM;
  private int m;
  // flat scratch for a non-Java Gemm (null with row kernels)
  private final DMatrixRMaj[] flatW;
  private final DMatrixRMaj flatIn;
  private final DMatrixRMaj flatX; // the inputs, kept flat so the widest product copies nothing
  private ResidentMatrix resident = ResidentMatrix.NONE;
  private final DMatrixRMaj flatOut;
  private final DMatrixRMaj flatDw;

  /**
   * Buffers for a network.
   *
   * @param net architecture (sizes, activations)
   * @param w live weight arrays (index l−1 holds W_l), read at every pass
   * @param b live bias arrays
   * @param keep keep probability per layer index 1..L−1 (length L+1; index 0 and L unused)
   * @param maxM the largest batch
   * @param gemm product kernel
   */
  Propagation(Network net, double[][] w, double[][] b, double[] keep, int maxM, Gemm gemm) {
    this.sizes = net.sizes();
    this.layers = sizes.length - 1;
    this.hidden = net.hidden();
    this.output = net.output();
    this.gemm = gemm;
    this.rowKernels = gemm instanceof JavaGemm;
    this.keep = keep.clone();
    this.drops = new boolean[layers + 1];
    for (int l = 1; l < layers; l++) {
      drops[l] = keep[l] < 1;
    }
    this.ones = new double[maxM];
    java.util.Arrays.fill(ones, 1.0);
    this.w = w;
    this.b = b;
    this.maxM = maxM;
    z = new double[layers + 1][][];
    g = new double[layers + 1][][];
    a = new double[layers + 1][][];
    dz = new double[layers + 1][][];
    mask = new double[layers + 1][][];
    dw = new double[layers + 1][];
    db = new double[layers + 1][];
    // with row kernels the inputs live in rows; otherwise only flat (a[0] unused)
    a[0] = rowKernels ? new double[sizes[0]][maxM] : new double[sizes[0]][0];
    for (int l = 1; l <= layers; l++) {
      int n = sizes[l];
      z[l] = new double[n][maxM];
      g[l] = l < layers ? z[l] : new double[n][maxM];
      a[l] = dropout(l) ? new double[n][maxM] : g[l];
      dz[l] = new double[n][maxM];
      dw[l] = new double[n * sizes[l - 1]];
      db[l] = new double[n];
      if (dropout(l)) {
        mask[l] = new double[n][maxM];
      }
    }
    aOnes = new double[layers + 1][][];
    dwb = new double[layers + 1][];
    if (rowKernels) {
      double[] ones = new double[maxM];
      java.util.Arrays.fill(ones, 1.0);
      for (int l = 1; l <= layers; l++) {
        int p = sizes[l - 1];
        aOnes[l] = java.util.Arrays.copyOf(a[l - 1], p + 1);
        aOnes[l][p] = ones;
        dwb[l] = new double[sizes[l] * (p + 1)];
      }
      flatW = null;
      flatIn = null;
      flatX = null;
      flatOut = null;
      flatDw = null;
    } else {
      flatW = new DMatrixRMaj[layers + 1];
      int maxW = 0;
      for (int l = 1; l <= layers; l++) {
        flatW[l] = DMatrixRMaj.wrap(sizes[l], sizes[l - 1], w[l - 1]);
        maxW = Math.max(maxW, sizes[l] * sizes[l - 1]);
      }
      int hiddenWidest = 1;
      for (int l = 1; l <= layers; l++) {
        hiddenWidest = Math.max(hiddenWidest, sizes[l]);
      }
      flatIn = new DMatrixRMaj(hiddenWidest, maxM);
      flatX = new DMatrixRMaj(sizes[0], maxM);
      flatOut = new DMatrixRMaj(hiddenWidest, maxM);
      flatDw = new DMatrixRMaj(1, maxW);
    }
    m = maxM;
  }

  /** Whether hidden layer l uses dropout. */
  boolean dropout(int l) {
    return l >= 1 && l <= layers && drops[l];
  }

  /** The keep probability of layer l. */
  double keep(int l) {
    return keep[l];
  }

  /** The current batch size. */
  int m() {
    return m;
  }

  /** Copies all of x (n_0 × m) into the input rows. */
  void input(DMatrixRMaj x) {
    setColumns(x.numCols);
    int cols = x.numCols;
    if (!rowKernels) {
      flatX.reshape(sizes[0], cols);
      System.arraycopy(x.data, 0, flatX.data, 0, sizes[0] * cols);
      // the whole input set: let a BLAS keep its own copy for the many products that follow
      resident.close();
      resident = gemm.keepResident(flatX);
      return;
    }
    for (int i = 0; i < sizes[0]; i++) {
      System.arraycopy(x.data, i * cols, a[0][i], 0, cols);
    }
  }

  /** Copies the examples perm[from..from+mb) of x into the input rows. */
  void input(DMatrixRMaj x, int[] perm, int from, int mb) {
    setColumns(mb);
    int cols = x.numCols;
    if (!rowKernels) {
      resident.close();
      resident = ResidentMatrix.NONE;
      flatX.reshape(sizes[0], mb);
    }
    for (int i = 0; i < sizes[0]; i++) {
      double[] row = rowKernels ? a[0][i] : flatX.data;
      int dst = rowKernels ? 0 : i * mb;
      int src = i * cols;
      for (int c = 0; c < mb; c++) {
        row[dst + c] = x.data[src + perm[from + c]];
      }
    }
  }

  /**
   * Copies a batch already laid out as (n_0 × cols), e.g. augmented images, into the inputs
   * without declaring it resident (it changes every batch).
   *
   * @param batch inputs with {@code cols >= mb}, examples in columns 0..mb-1
   * @param mb the number of examples
   */
  void inputBatch(DMatrixRMaj batch, int mb) {
    setColumns(mb);
    int cols = batch.numCols;
    if (!rowKernels) {
      resident.close();
      resident = ResidentMatrix.NONE;
      flatX.reshape(sizes[0], mb);
      for (int i = 0; i < sizes[0]; i++) {
        System.arraycopy(batch.data, i * cols, flatX.data, i * mb, mb);
      }
      return;
    }
    for (int i = 0; i < sizes[0]; i++) {
      System.arraycopy(batch.data, i * cols, a[0][i], 0, mb);
    }
  }

  /** Releases the Gemm's resident copy of the inputs, if any. */
  void release() {
    resident.close();
    resident = ResidentMatrix.NONE;
  }

  private void setColumns(int cols) {
    if (cols < 1 || cols > maxM) {
      throw new IllegalArgumentException("batch of " + cols + " examples, buffers hold " + maxM);
    }
    m = cols;
  }

  /**
   * Forward pass on the current input rows; with {@code training}, hidden layers with dropout use
   * the masks currently in {@link #mask}, otherwise dropout is off.
   */
  void forward(boolean training) {
    for (int l = 1; l <= layers; l++) {
      int n = sizes[l];
      // Z_l = W_l · A_{l-1}   (A_{l-1} without dropout when not training)
      double[][] in = training || l == 1 ? a[l - 1] : g[l - 1];
      product(false, l, in, z[l]);
      double[] bl = b[l - 1];
      if (l == layers) {
        for (int i = 0; i < n; i++) {
          addScalar(z[l][i], bl[i], m);
        }
        probabilities(z[l], g[l], n);
        break;
      }
      if (hidden == Activation.RELU && training && dropout(l) && scaledMasks) {
        reluDropout(z[l], a[l], mask[l], bl, n);
        continue;
      }
      for (int i = 0; i < n; i++) {
        double[] zi = z[l][i];
        if (hidden == Activation.RELU) {
          reluBias(zi, bl[i], m);
        } else {
          // G = g(Z + b), in place
          addScalar(zi, bl[i], m);
          hidden.forward(zi, zi, m);
        }
        if (training && dropout(l)) {
          double[] gi = zi;
          double[] ai = a[l][i];
          double[] d = mask[l][i];
          double kp = keep[l];
          if (scaledMasks) {
            // A = G * (D / keep_prob)
            for (int j = 0; j < m; j++) {
              ai[j] = gi[j] * d[j];
            }
          } else {
            // A = G * D / keep_prob (as the lesson: multiply by the 0/1 mask, then divide)
            for (int j = 0; j < m; j++) {
              ai[j] = gi[j] * d[j] / kp;
            }
          }
        }
      }
    }
  }

  /** {@code G = max(Z + b, 0)} in place for one unit. */
  private static void reluBias(double[] zi, double bi, int m) {
    // G = (v + |v|)/2 with v = Z + b (see Activation.RELU)
    for (int j = 0; j < m; j++) {
      double v = zi[j] + bi;
      zi[j] = (v + Math.abs(v)) * 0.5;
    }
  }

  /**
   * The hidden ReLU layer with dropout in one pass per unit: {@code G = max(Z + b, 0)} in place,
   * then {@code A = G · D} with the scaled mask ({@code D/keep_prob}).
   */
  private void reluDropout(double[][] zl, double[][] al, double[][] dl, double[] bl, int n) {
    for (int i = 0; i < n; i++) {
      double[] zi = zl[i];
      double[] ai = al[i];
      double[] d = dl[i];
      double bi = bl[i];
      // G = (v + |v|)/2 with v = Z + b; A = G · D
      for (int j = 0; j < m; j++) {
        double v = zi[j] + bi;
        double gj = (v + Math.abs(v)) * 0.5;
        zi[j] = gj;
        ai[j] = gj * d[j];
      }
    }
  }

  private static void addScalar(double[] x, double c, int m) {
    for (int j = 0; j < m; j++) {
      x[j] += c;
    }
  }

  /** Output probabilities A_L from the logits Z_L (row layout). */
  private void probabilities(double[][] zl, double[][] al, int k) {
    if (output == OutputKind.SIGMOID_BINARY) {
      double[] zr = zl[0];
      double[] ar = al[0];
      // A = 1 / (1 + exp(-Z))
      for (int j = 0; j < m; j++) {
        ar[j] = 1.0 / (1.0 + Math.exp(-zr[j]));
      }
      return;
    }
    for (int j = 0; j < m; j++) {
      // A[:,j] = exp(Z[:,j] - max) / sum(exp(Z[:,j] - max))
      double mx = zl[0][j];
      for (int i = 1; i < k; i++) {
        mx = Math.max(mx, zl[i][j]);
      }
      double sum = 0;
      for (int i = 0; i < k; i++) {
        double e = Math.exp(zl[i][j] - mx);
        al[i][j] = e;
        sum += e;
      }
      double inv = 1.0 / sum;
      for (int i = 0; i < k; i++) {
        al[i][j] *= inv;
      }
    }
  }

  /** The output probabilities A_L of the last forward pass (rows, first m entries valid). */
  double[][] outputs() {
    return g[layers];
  }

  /** The mean data cost (cross-entropy from the logits) of the last forward pass. */
  double dataCost(double[] y) {
    int k = sizes[layers];
    double[][] zl = z[layers];
    double total = 0;
    if (output == OutputKind.SIGMOID_BINARY) {
      double[] zr = zl[0];
      for (int j = 0; j < m; j++) {
        // max(z,0) - z*y + log1p(exp(-|z|))
        double v = zr[j];
        total += Math.max(v, 0.0) - v * y[j] + Math.log1p(Math.exp(-Math.abs(v)));
      }
    } else {
      for (int j = 0; j < m; j++) {
        // logsumexp(z[:,j]) - z[y_j, j]
        double mx = zl[0][j];
        for (int i = 1; i < k; i++) {
          mx = Math.max(mx, zl[i][j]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
          sum += Math.exp(zl[i][j] - mx);
        }
        total += mx + Math.log(sum) - zl[(int) y[j]][j];
      }
    }
    return total / m;
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
    int k = sizes[L];
    double[][] al = g[L];
    if (output == OutputKind.SIGMOID_BINARY) {
      outputDelta(al[0], y, dz[L][0], m);
    } else {
      // dZ_L = A_L - onehot(Y)
      for (int i = 0; i < k; i++) {
        double[] ar = al[i];
        double[] dr = dz[L][i];
        for (int j = 0; j < m; j++) {
          dr[j] = ar[j] - (y[j] == i ? 1.0 : 0.0);
        }
      }
    }
    double check = 0;
    for (int l = L; l >= 1; l--) {
      int n = sizes[l];
      // dW_l = dZ_l · A_{l-1}^T; db_l = sum_j dZ_l[:, j]
      gradients(l);
      double[] dbl = db[l];
      if (l == L) {
        for (int i = 0; i < n; i++) {
          check += dbl[i];
        }
      }
      if (l == 1) {
        break;
      }
      int np = sizes[l - 1];
      boolean drop = dropout(l - 1);
      if (rowKernels && hidden == Activation.RELU && n <= 3 && (!drop || scaledMasks)) {
        reluBackwardFused(l, drop);
        continue;
      }
      // dA_{l-1} = W_l^T · dZ_l
      transProduct(l);
      double[][] dPrev = dz[l - 1];
      double kp = keep[l - 1];
      for (int i = 0; i < np; i++) {
        double[] da = dPrev[i];
        double[] gi = g[l - 1][i];
        double[] d = drop ? mask[l - 1][i] : null;
        if (hidden == Activation.RELU) {
          reluBackward(da, gi, d, kp, m);
          continue;
        }
        if (drop) {
          if (scaledMasks) {
            // dA = dA * (D / keep_prob)
            for (int j = 0; j < m; j++) {
              da[j] = da[j] * d[j];
            }
          } else {
            // dA = dA * D / keep_prob
            for (int j = 0; j < m; j++) {
              da[j] = da[j] * d[j] / kp;
            }
          }
        }
        // dZ = dA * g'(Z)
        hidden.backward(da, gi, da, m);
      }
    }
    return check;
  }

  /**
   * {@code dZ_{l−1} = (W_lᵀ·dZ_l) [· D] · (G_{l−1} > 0)} in one pass per unit when dZ_l has at
   * most three rows (the narrow layers of small networks): the product's terms are summed in the
   * same order as {@link RowKernels#transTimes}, the mask is the scaled one (0 or 1/keep) and the
   * step is {@code min(1, G·2^1200)} as in {@link #reluBackward}. Each case is its own small
   * method, so the JIT compiles it early and no branch in it depends on the run.
   */
  private void reluBackwardFused(int l, boolean drop) {
    int n = sizes[l];
    int np = sizes[l - 1];
    double[] wl = w[l - 1];
    double[][] d = dz[l];
    for (int k = 0; k < np; k++) {
      double[] out = dz[l - 1][k];
      double[] gk = g[l - 1][k];
      double w0 = wl[k];
      if (n == 1) {
        if (drop) {
          back1Masked(out, w0, d[0], mask[l - 1][k], gk, m);
        } else {
          back1(out, w0, d[0], gk, m);
        }
      } else if (n == 2) {
        double[] mk = drop ? mask[l - 1][k] : ones;
        back2(out, w0, d[0], wl[np + k], d[1], mk, gk, m);
      } else if (drop) {
        back3Masked(out, w0, d[0], wl[np + k], d[1], wl[2 * np + k], d[2], mask[l - 1][k], gk, m);
      } else {
        back3(out, w0, d[0], wl[np + k], d[1], wl[2 * np + k], d[2], gk, m);
      }
    }
  }

  private static void back1(double[] out, double w0, double[] d0, double[] gk, int m) {
    // dZ = W[0,k]·dZ_0 · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = w0 * d0[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back1Masked(
      double[] out, double w0, double[] d0, double[] mk, double[] gk, int m) {
    // dZ = W[0,k]·dZ_0 · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = w0 * d0[j] * mk[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back2(
      double[] out, double w0, double[] d0, double w1, double[] d1, double[] mk, double[] gk,
      int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1) · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j]) * mk[j] * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back3(
      double[] out, double w0, double[] d0, double w1, double[] d1, double w2, double[] d2,
      double[] gk, int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1 + W[2,k]·dZ_2) · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j] + w2 * d2[j]) * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  private static void back3Masked(
      double[] out, double w0, double[] d0, double w1, double[] d1, double w2, double[] d2,
      double[] mk, double[] gk, int m) {
    // dZ = (W[0,k]·dZ_0 + W[1,k]·dZ_1 + W[2,k]·dZ_2) · D · step(G)
    for (int j = 0; j < m; j++) {
      out[j] = (w0 * d0[j] + w1 * d1[j] + w2 * d2[j]) * mk[j]
          * Math.min(1.0, gk[j] * 0x1p600 * 0x1p600);
    }
  }

  /** The sigmoid output's {@code dZ_L = A_L − Y}. */
  private static void outputDelta(double[] al, double[] y, double[] dl, int m) {
    // dZ_L = A_L - Y
    for (int j = 0; j < m; j++) {
      dl[j] = al[j] - y[j];
    }
  }

  /**
   * The ReLU backward step in one pass: {@code dZ = dA [· D / keep] · (G > 0)}, the step
   * computed branch-free as {@code min(1, G·2^1200)} (see {@link Activation#backward}).
   */
  private void reluBackward(double[] da, double[] gi, double[] d, double kp, int m) {
    if (d == null) {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    } else if (scaledMasks) {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * d[j] * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    } else {
      for (int j = 0; j < m; j++) {
        da[j] = da[j] * d[j] / kp * Math.min(1.0, gi[j] * 0x1p600 * 0x1p600);
      }
    }
  }

  private static double sum(double[] x, int m) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (; j + 4 <= m; j += 4) {
      s0 += x[j];
      s1 += x[j + 1];
      s2 += x[j + 2];
      s3 += x[j + 3];
    }
    for (; j < m; j++) {
      s0 += x[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@code dW_l = dZ_l · A_{l−1}ᵀ} and {@code db_l = Σ_j dZ_l[:, j]}. With row kernels both come
   * from one blocked product {@code dZ_l · [A_{l−1}; 1]ᵀ}, so the bias sums share the loads of
   * the weight gradient.
   */
  private void gradients(int l) {
    int n = sizes[l];
    int p = sizes[l - 1];
    if (rowKernels) {
      double[] out = dwb[l];
      RowKernels.timesTrans(dz[l], n, aOnes[l], p + 1, m, out);
      double[] dwl = dw[l];
      double[] dbl = db[l];
      for (int i = 0; i < n; i++) {
        System.arraycopy(out, i * (p + 1), dwl, i * p, p);
        dbl[i] = out[i * (p + 1) + p];
      }
      return;
    }
    product(true, l, a[l - 1], null);
    for (int i = 0; i < n; i++) {
      db[l][i] = sum(dz[l][i], m);
    }
  }

  /**
   * {@code gradient == false}: {@code out = W_l · in} (forward); {@code gradient == true}: {@code
   * dw[l] = dZ_l · inᵀ}.
   */
  private void product(boolean gradient, int l, double[][] in, double[][] out) {
    int n = sizes[l];
    int p = sizes[l - 1];
    if (rowKernels) {
      if (gradient) {
        RowKernels.timesTrans(dz[l], n, in, p, m, dw[l]);
      } else {
        RowKernels.times(w[l - 1], n, p, in, out, m);
      }
      return;
    }
    DMatrixRMaj input = flatX;
    if (l > 1) {
      toFlat(in, p, flatIn);
      input = flatIn;
    }
    if (gradient) {
      toFlat(dz[l], n, flatOut);
      flatDw.reshape(n, p);
      gemm.gemm(false, true, 1.0, flatOut, input, 0.0, flatDw);
      System.arraycopy(flatDw.data, 0, dw[l], 0, n * p);
    } else {
      flatOut.reshape(n, m);
      gemm.gemm(false, false, 1.0, flatW[l], input, 0.0, flatOut);
      fromFlat(flatOut, n, out);
    }
  }

  /** {@code dz[l-1] = W_lᵀ · dz[l]}. */
  private void transProduct(int l) {
    int n = sizes[l];
    int p = sizes[l - 1];
    if (rowKernels) {
      RowKernels.transTimes(w[l - 1], n, p, dz[l], dz[l - 1], m);
      return;
    }
    toFlat(dz[l], n, flatIn);
    flatOut.reshape(p, m);
    gemm.gemm(true, false, 1.0, flatW[l], flatIn, 0.0, flatOut);
    fromFlat(flatOut, p, dz[l - 1]);
  }

  private void toFlat(double[][] rows, int n, DMatrixRMaj dst) {
    dst.reshape(n, m);
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows[i], 0, dst.data, i * m, m);
    }
  }

  private void fromFlat(DMatrixRMaj src, int n, double[][] rows) {
    for (int i = 0; i < n; i++) {
      System.arraycopy(src.data, i * m, rows[i], 0, m);
    }
  }

  /**
   * Accuracy of the last forward pass: binary, {@code (a > 0.5) == (y > 0.5)} as the lesson;
   * softmax, arg max equals the label.
   */
  double accuracy(double[] y) {
    int k = sizes[layers];
    double[][] p = g[layers];
    int correct = 0;
    for (int j = 0; j < m; j++) {
      int label;
      if (output == OutputKind.SIGMOID_BINARY) {
        label = p[0][j] > 0.5 ? 1 : 0;
      } else {
        label = 0;
        for (int i = 1; i < k; i++) {
          if (p[i][j] > p[label][j]) {
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
