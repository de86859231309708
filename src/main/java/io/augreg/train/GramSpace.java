package io.augreg.train;

import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.ResidentMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The first dense layer of a network trained by full-batch gradient descent, kept in the training
 * examples' Gram space instead of as its weights (the strategy of {@link GramExecutor}).
 *
 * <p>Notation (examples as rows, as the layers see them): X is the fixed training input (m × n,
 * stored here as its columns matrix, n × m), W the layer's weights (n × h), b its bias, so the
 * layer's output is {@code XW + b}. A gradient-descent step with L2 λ and weight decay wd on the
 * gradient sum {@code dW = Xᵀ·dY} is
 *
 * <pre>  W' = c·W + Xᵀ·D,   c = 1 − α·(λ/m + wd),   D = −(α/m)·dY   (m × h)</pre>
 *
 * which is linear in W. Hence for any fixed set of inputs V (the training set itself, a dev set)
 * the products {@code P = V·W} follow without W:
 *
 * <pre>  P' = c·P + (V·Xᵀ)·D</pre>
 *
 * with the Gram matrix {@code G = X·Xᵀ} (m × m) for the training set and {@code H = V·Xᵀ} for
 * another set, both computed once: a step costs O(h·m²) instead of the O(h·n·m) of the forward
 * and backward products (for the course network, 12 288 features and 209 examples, about 60×
 * fewer operations). W itself is kept as {@code W = a·W₀ + Xᵀ·S} with {@code S' = c·S + D}, {@code
 * a' = c·a}, and written into the live weights only when someone reads them ({@link
 * #materialize()}: one product). Every {@link GramExecutor#ANCHOR_EVERY} steps, and whenever the
 * live weights were replaced, the state is re-anchored on the live weights ({@link #anchor()}:
 * {@code W₀ = W}, {@code a = 1}, {@code S = 0}, {@code P = V·W} recomputed), which bounds the
 * drift of the accumulated products and makes the state a function of the live weights alone at
 * those steps: a checkpoint taken there resumes bit for bit.
 *
 * <p>Everything is allocated once; {@link #step} allocates nothing.
 */
final class GramSpace implements AutoCloseable {
  private final DMatrixRMaj x;
  private final double[] w;
  private final int n;
  private final int m;
  private final int h;
  /** Products with X and W (one per anchor or read): a BLAS with the run's threads. */
  private final Gemm big;
  /** The per-step products with the Gram matrices. */
  private final Gemm small;
  private final List<ResidentMatrix> residents = new ArrayList<>();
  private final List<Track> tracks = new ArrayList<>();
  /** W₀, the weights of the last anchor (one of two arrays; the other may hold the previous). */
  private double[] w0;
  /** The other array: the previous anchor's W₀ while a kept epoch from before it is pending. */
  private double[] w0Spare;
  private final DMatrixRMaj s;
  private final DMatrixRMaj d;
  private DMatrixRMaj t = new DMatrixRMaj(1, 1);
  private DMatrixRMaj wx;
  private double a = 1;
  /** ‖W‖², followed step by step. */
  private double sq;
  /** The kept epoch's weights a_k·W₀_k + Xᵀ·S_k, written into {@link #kept} when read. */
  private final DMatrixRMaj sKept;
  private double aKept;
  private double[] w0Kept;
  private double[] kept;
  private boolean keptPending;
  /** The live weights hold W (read since the last step, or anchored). */
  private boolean current = true;
  /** The state is anchored on the live weights (no step since). */
  private boolean anchored;

  /** A fixed set of inputs V whose products P = V·W are kept: its Gram matrix and P. */
  private static final class Track {
    final DMatrixRMaj v;
    /** V·Xᵀ (rows × m); G for the training set. */
    final DMatrixRMaj gram;
    /** P = V·W (rows × h). */
    final DMatrixRMaj p;

    Track(DMatrixRMaj v, DMatrixRMaj gram, int h) {
      this.v = v;
      this.gram = gram;
      this.p = new DMatrixRMaj(v.numCols, h);
    }
  }

  /**
   * Computes the Gram matrix of the training inputs and anchors the state on the live weights.
   *
   * @param x the training inputs, features × examples (never changed while this is used)
   * @param weights the live weights, row-major features × units
   * @param units h
   * @param big the product kernel for products with X or W
   * @param small the product kernel for the per-step products
   */
  GramSpace(DMatrixRMaj x, double[] weights, int units, Gemm big, Gemm small) {
    this.x = x;
    this.w = weights;
    this.n = x.numRows;
    this.m = x.numCols;
    this.h = units;
    if ((long) n * h != weights.length) {
      throw new IllegalArgumentException("gram: " + n + " features × " + h + " units, got "
          + weights.length + " weights");
    }
    this.big = big;
    this.small = small;
    this.w0 = new double[weights.length];
    this.w0Spare = new double[weights.length];
    this.s = new DMatrixRMaj(m, h);
    this.d = new DMatrixRMaj(m, h);
    this.sKept = new DMatrixRMaj(m, h);
    residents.add(big.keepResident(x));
    tracks.add(newTrack(x));
    rebase();
  }

  /**
   * Starts keeping the products of another fixed set of inputs (a dev set): computes {@code H =
   * V·Xᵀ} once and {@code P = V·W} from the current weights.
   *
   * @param v the set's inputs, features × its examples (never changed while this is used)
   * @return the set's index for {@link #input}
   */
  int track(DMatrixRMaj v) {
    if (v.numRows != n) {
      throw new IllegalArgumentException("gram: a set of " + v.numRows + " features, not " + n);
    }
    residents.add(big.keepResident(v));
    Track tr = newTrack(v);
    tracks.add(tr);
    materialize();
    product(tr);
    return tracks.size() - 1;
  }

  /** A set's Gram matrix (kept resident in the per-step kernel), its P still to compute. */
  private Track newTrack(DMatrixRMaj v) {
    DMatrixRMaj gram = new DMatrixRMaj(v.numCols, m);
    // H = V·Xᵀ (examples as rows: Vᵀ and X of the stored columns matrices)
    big.gemm(true, false, 1, v, x, 0, gram);
    residents.add(small.keepResident(gram));
    if (t.data.length < v.numCols * h) {
      t = new DMatrixRMaj(v.numCols, h);
    }
    return new Track(v, gram, h);
  }

  /**
   * The index of the tracked set with these inputs.
   *
   * @param v inputs (compared by identity)
   * @return its index, or −1
   */
  int indexOf(DMatrixRMaj v) {
    for (int i = 0; i < tracks.size(); i++) {
      if (tracks.get(i).v == v) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The layer's output for tracked set {@code set}: {@code Y = P + b} (examples as rows).
   *
   * @param set 0 for the training set, else {@link #track}'s index
   * @param bias b, h values
   * @param y the output, at least rows × h values
   */
  void input(int set, double[] bias, double[] y) {
    DMatrixRMaj p = tracks.get(set).p;
    double[] pd = p.data;
    int rows = p.numRows;
    // Y[r] = P[r] + b
    for (int r = 0, o = 0; r < rows; r++, o += h) {
      for (int u = 0; u < h; u++) {
        y[o + u] = pd[o + u] + bias[u];
      }
    }
  }

  /**
   * One gradient-descent step of the weights from the gradient sum with respect to the layer's
   * output on the training set.
   *
   * @param dy dY, m × h row-major
   * @param rate α
   * @param invM 1/m
   * @param l2 λ (L2)
   * @param wd weight decay
   */
  void step(double[] dy, double rate, double invM, double l2, double wd) {
    double c = 1 - rate * (invM * l2 + wd);
    double[] dd = d.data;
    double[] sd = s.data;
    int len = m * h;
    // D = −(α/m)·dY; S = c·S + D
    for (int i = 0; i < len; i++) {
      dd[i] = -(rate * (invM * dy[i]));
      sd[i] = c * sd[i] + dd[i];
    }
    a *= c;
    for (int k = 0; k < tracks.size(); k++) {
      Track tr = tracks.get(k);
      t.reshape(tr.p.numRows, h);
      // T = H·D (G·D for the training set)
      small.gemm(false, false, 1, tr.gram, d, 0, t);
      double[] pd = tr.p.data;
      double[] td = t.data;
      int rows = tr.p.numRows * h;
      if (k == 0) {
        // ‖W'‖² = ‖cW + XᵀD‖² = c²‖W‖² + 2c⟨XW, D⟩ + ⟨D, G·D⟩ (P = XW before this step)
        double pdDot = 0;
        double dgd = 0;
        for (int i = 0; i < rows; i++) {
          pdDot += pd[i] * dd[i];
          dgd += dd[i] * td[i];
        }
        sq = c * c * sq + 2 * c * pdDot + dgd;
      }
      // P = c·P + H·D
      for (int i = 0; i < rows; i++) {
        pd[i] = c * pd[i] + td[i];
      }
    }
    current = false;
    anchored = false;
  }

  /**
   * Keeps the current weights as the kept epoch's (early stopping's best): copied into {@code
   * into} at once when the live weights hold them, else as {@code (a, S)}, written into {@code
   * into} by the next {@link #materialize()} (or before the next anchor).
   *
   * @param into the kept epoch's weight array
   */
  void keep(double[] into) {
    if (current) {
      System.arraycopy(w, 0, into, 0, w.length);
      keptPending = false;
      return;
    }
    aKept = a;
    w0Kept = w0;
    System.arraycopy(s.data, 0, sKept.data, 0, s.data.length);
    kept = into;
    keptPending = true;
  }

  /**
   * Writes W = a·W₀ + Xᵀ·S into the live weights, unless they already hold it, and the kept
   * epoch's weights into their array when they are still to be written.
   */
  void materialize() {
    if (keptPending) {
      weights(aKept, w0Kept, sKept, kept);
      keptPending = false;
    }
    if (!current) {
      weights(a, w0, s, w);
      current = true;
    }
  }

  /** out = a·W₀ + Xᵀ·S. */
  private void weights(double scale, double[] base, DMatrixRMaj sum, double[] out) {
    if (wx == null) {
      wx = new DMatrixRMaj(n, h);
    }
    // Xᵀ·S in the weights' layout: (features × examples) · (examples × units)
    big.gemm(false, false, 1, x, sum, 0, wx);
    double[] xs = wx.data;
    // W = a·W₀ + Xᵀ·S
    for (int i = 0; i < out.length; i++) {
      out[i] = scale * base[i] + xs[i];
    }
  }

  /** Writes W into the live weights and anchors the state on them. */
  void anchor() {
    materialize();
    rebase();
  }

  /**
   * Anchors the state on the live weights as they are (they were replaced, e.g. restored from a
   * checkpoint or the kept epoch): {@code W₀ = W}, {@code a = 1}, {@code S = 0}, every {@code P =
   * V·W} recomputed.
   */
  void rebase() {
    if (keptPending && w0Kept == w0Spare) {
      // the kept epoch's weights are a function of the array the new W₀ goes into
      weights(aKept, w0Kept, sKept, kept);
      keptPending = false;
    }
    // the new W₀ goes into the other array: a kept epoch pending on the old one stays valid (when
    // the next epoch is kept as well, as without early stopping, it is never written out)
    double[] old = w0;
    w0 = w0Spare;
    w0Spare = old;
    System.arraycopy(w, 0, w0, 0, w.length);
    sq = Penalty.squares(w);
    a = 1;
    Arrays.fill(s.data, 0.0);
    for (Track tr : tracks) {
      product(tr);
    }
    current = true;
    anchored = true;
  }

  /**
   * ‖W‖² of the current weights without writing them out: computed from them at the last anchor,
   * then followed through each step (so it does not depend on when they were written out).
   *
   * @return Σ w²
   */
  double squares() {
    return sq;
  }

  /**
   * Whether the state is anchored on the live weights (no step since the last anchor).
   *
   * @return true when the state is a function of the live weights alone
   */
  boolean anchored() {
    return anchored;
  }

  /** P = V·W from the live weights. */
  private void product(Track tr) {
    DMatrixRMaj wm = DMatrixRMaj.wrap(n, h, w);
    // P = V·W (examples as rows: Vᵀ of the stored columns matrix)
    big.gemm(true, false, 1, tr.v, wm, 0, tr.p);
  }

  @Override
  public void close() {
    for (ResidentMatrix r : residents) {
      r.close();
    }
    residents.clear();
  }
}
