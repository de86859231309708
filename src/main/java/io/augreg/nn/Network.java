package io.augreg.nn;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable fully connected network: layers 1..L, {@code W_l} (n_l × n_{l−1}) and {@code b_l}
 * (n_l × 1), a hidden activation and an output kind. Examples are columns.
 *
 * <p>Accessors return copies; the network never changes after construction.
 */
public final class Network {
  private static final Gemm DEFAULT_GEMM = new JavaGemm();

  private final int[] sizes;
  private final Activation hidden;
  private final OutputKind output;
  private final double[][] w; // w[l-1] is W_l, row-major n_l x n_{l-1}
  private final double[][] b; // b[l-1] is b_l

  private Network(int[] sizes, Activation hidden, OutputKind output, double[][] w, double[][] b) {
    this.sizes = sizes;
    this.hidden = hidden;
    this.output = output;
    this.w = w;
    this.b = b;
  }

  private static int[] checkSizes(int[] sizes, OutputKind output) {
    if (sizes == null || sizes.length < 2) {
      throw new AugregException(
          "network sizes must list the input size and at least one layer, got "
              + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new AugregException("network layer sizes must be >= 1, got " + Arrays.toString(sizes));
      }
    }
    int k = sizes[sizes.length - 1];
    if (output == OutputKind.SIGMOID_BINARY && k != 1) {
      throw new AugregException("a SIGMOID_BINARY output needs 1 output unit, got " + k);
    }
    if (output == OutputKind.SOFTMAX && k < 2) {
      throw new AugregException("a SOFTMAX output needs at least 2 output units, got " + k);
    }
    return sizes.clone();
  }

  /**
   * A freshly initialized network with its own seeded generator: {@code W_l = N(0,1) ·
   * scheme.scale(n_{l−1}, n_l)}, biases zero.
   *
   * @param sizes input size then layer sizes, e.g. {@code {2, 20, 3, 1}}
   * @param hidden hidden activation
   * @param output output kind
   * @param scheme initializer
   * @param seed generator seed (same seed → same weights)
   * @return the network
   */
  public static Network initialize(
      int[] sizes, Activation hidden, OutputKind output, InitScheme scheme, long seed) {
    int[] s = checkSizes(sizes, output);
    SplittableRandom rng = new SplittableRandom(seed);
    int layers = s.length - 1;
    double[][] w = new double[layers][];
    double[][] b = new double[layers][];
    for (int l = 1; l <= layers; l++) {
      double scale = scheme.scale(s[l - 1], s[l]);
      double[] wl = new double[s[l] * s[l - 1]];
      for (int i = 0; i < wl.length; i++) {
        wl[i] = InitScheme.standardNormal(rng) * scale;
      }
      w[l - 1] = wl;
      b[l - 1] = new double[s[l]];
    }
    return new Network(s, hidden, output, w, b);
  }

  /**
   * The lesson's initialization, bit-identical to numpy: {@code seed(numpySeed)}, then for l =
   * 1..L {@code W_l = randn(n_l, n_{l−1}) / sqrt(n_{l−1})}; biases zero.
   *
   * @param sizes input size then layer sizes
   * @param hidden hidden activation
   * @param output output kind
   * @param numpySeed numpy seed in [0, 2^32 − 1]
   * @return the network
   */
  public static Network initializeNumpy(
      int[] sizes, Activation hidden, OutputKind output, long numpySeed) {
    int[] s = checkSizes(sizes, output);
    NumpyRandom rng = new NumpyRandom(numpySeed);
    int layers = s.length - 1;
    double[][] w = new double[layers][];
    double[][] b = new double[layers][];
    for (int l = 1; l <= layers; l++) {
      double[] wl = new double[s[l] * s[l - 1]];
      rng.randn(wl);
      double root = Math.sqrt(s[l - 1]);
      // W_l = randn(n_l, n_{l-1}) / sqrt(n_{l-1})
      for (int i = 0; i < wl.length; i++) {
        wl[i] = wl[i] / root;
      }
      w[l - 1] = wl;
      b[l - 1] = new double[s[l]];
    }
    return new Network(s, hidden, output, w, b);
  }

  /**
   * A network from given parameters (copied).
   *
   * @param sizes input size then layer sizes
   * @param hidden hidden activation
   * @param output output kind
   * @param weights W_1..W_L, each n_l × n_{l−1}
   * @param biases b_1..b_L, each n_l × 1 (a 1 × n_l row is accepted too)
   * @return the network
   */
  public static Network of(
      int[] sizes,
      Activation hidden,
      OutputKind output,
      List<DMatrixRMaj> weights,
      List<DMatrixRMaj> biases) {
    int[] s = checkSizes(sizes, output);
    int layers = s.length - 1;
    if (weights.size() != layers || biases.size() != layers) {
      throw new AugregException(
          "expected "
              + layers
              + " weight and bias matrices, got "
              + weights.size()
              + " and "
              + biases.size());
    }
    double[][] w = new double[layers][];
    double[][] b = new double[layers][];
    for (int l = 1; l <= layers; l++) {
      DMatrixRMaj wl = weights.get(l - 1);
      DMatrixRMaj bl = biases.get(l - 1);
      if (wl.numRows != s[l] || wl.numCols != s[l - 1]) {
        throw new AugregException(
            "W" + l + " must be " + s[l] + "x" + s[l - 1] + ", got " + wl.numRows + "x" + wl.numCols);
      }
      if (bl.getNumElements() != s[l] || (bl.numRows != 1 && bl.numCols != 1)) {
        throw new AugregException(
            "b" + l + " must be " + s[l] + "x1, got " + bl.numRows + "x" + bl.numCols);
      }
      w[l - 1] = Arrays.copyOf(wl.data, wl.getNumElements());
      b[l - 1] = Arrays.copyOf(bl.data, s[l]);
      for (double v : w[l - 1]) {
        checkFinite(v, "W" + l);
      }
      for (double v : b[l - 1]) {
        checkFinite(v, "b" + l);
      }
    }
    return new Network(s, hidden, output, w, b);
  }

  private static void checkFinite(double v, String name) {
    if (!Double.isFinite(v)) {
      throw new AugregException(name + " contains a non-finite value (" + v + ")");
    }
  }

  /** Input size then layer sizes (a copy), e.g. {@code {2, 20, 3, 1}}. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The number of layers L (inputs not counted). */
  public int layers() {
    return sizes.length - 1;
  }

  /** The hidden activation. */
  public Activation hidden() {
    return hidden;
  }

  /** The output kind. */
  public OutputKind output() {
    return output;
  }

  /**
   * A copy of {@code W_l}.
   *
   * @param l layer, 1..L
   * @return n_l × n_{l−1}
   */
  public DMatrixRMaj weight(int l) {
    checkLayer(l);
    return new DMatrixRMaj(sizes[l], sizes[l - 1], true, w[l - 1]);
  }

  /**
   * A copy of {@code b_l}.
   *
   * @param l layer, 1..L
   * @return n_l × 1
   */
  public DMatrixRMaj bias(int l) {
    checkLayer(l);
    return new DMatrixRMaj(sizes[l], 1, true, b[l - 1]);
  }

  /** All weights W_1..W_L as copies. */
  public List<DMatrixRMaj> weights() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (int l = 1; l <= layers(); l++) {
      out.add(weight(l));
    }
    return out;
  }

  /** All biases b_1..b_L as copies. */
  public List<DMatrixRMaj> biases() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (int l = 1; l <= layers(); l++) {
      out.add(bias(l));
    }
    return out;
  }

  /** The number of parameters (weights and biases). */
  public int parameterCount() {
    int n = 0;
    for (int l = 1; l <= layers(); l++) {
      n += sizes[l] * (sizes[l - 1] + 1);
    }
    return n;
  }

  private void checkLayer(int l) {
    if (l < 1 || l > layers()) {
      throw new IndexOutOfBoundsException("layer " + l + " not in 1.." + layers());
    }
  }

  /**
   * Output probabilities for examples in columns (inference: no dropout).
   *
   * @param x inputs (n_0 × m)
   * @return binary: (1 × m) P(y = 1); softmax: (k × m)
   */
  public DMatrixRMaj predictProbabilities(DMatrixRMaj x) {
    return predictProbabilities(x, DEFAULT_GEMM);
  }

  /**
   * Like {@link #predictProbabilities(DMatrixRMaj)} with an explicit matrix-product kernel.
   *
   * @param x inputs (n_0 × m)
   * @param gemm product kernel
   * @return the output probabilities
   */
  public DMatrixRMaj predictProbabilities(DMatrixRMaj x, Gemm gemm) {
    DMatrixRMaj z = logits(x, gemm);
    Loss.probabilities(output, z.data, z.data, z.numRows, z.numCols);
    return z;
  }

  /** The logits Z_L (k × m) for inputs x (inference). */
  DMatrixRMaj logits(DMatrixRMaj x, Gemm gemm) {
    if (x.numRows != sizes[0]) {
      throw new AugregException(
          "inputs have " + x.numRows + " features, the network expects " + sizes[0]);
    }
    int m = x.numCols;
    DMatrixRMaj a = x;
    for (int l = 1; l <= layers(); l++) {
      DMatrixRMaj z = new DMatrixRMaj(sizes[l], m);
      DMatrixRMaj wl = DMatrixRMaj.wrap(sizes[l], sizes[l - 1], w[l - 1]);
      // Z_l = W_l · A_{l-1} + b_l
      gemm.gemm(false, false, 1.0, wl, a, 0.0, z);
      addBias(z.data, b[l - 1], sizes[l], m);
      if (l < layers()) {
        hidden.forward(z.data, z.data, sizes[l] * m);
      }
      a = z;
    }
    return a;
  }

  /** {@code z[i,:] += b[i]} for a row-major (n × m) block. */
  private static void addBias(double[] z, double[] b, int n, int m) {
    for (int i = 0; i < n; i++) {
      double bi = b[i];
      int row = i * m;
      for (int j = 0; j < m; j++) {
        z[row + j] += bi;
      }
    }
  }

  /**
   * Predicted labels: binary, 1 iff p &gt; 0.5 (the lesson's {@code a3 > 0.5}); softmax, the
   * arg max (first on ties).
   *
   * @param x inputs (n_0 × m)
   * @return one label per column
   */
  public int[] predictLabels(DMatrixRMaj x) {
    DMatrixRMaj p = predictProbabilities(x);
    return labels(p);
  }

  private int[] labels(DMatrixRMaj p) {
    int m = p.numCols;
    int k = p.numRows;
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      if (output == OutputKind.SIGMOID_BINARY) {
        out[j] = p.data[j] > 0.5 ? 1 : 0;
      } else {
        int best = 0;
        for (int i = 1; i < k; i++) {
          if (p.data[i * m + j] > p.data[best * m + j]) {
            best = i;
          }
        }
        out[j] = best;
      }
    }
    return out;
  }

  /**
   * The fraction of examples whose predicted label equals the label.
   *
   * @param d data set
   * @return accuracy in [0, 1]
   */
  public double accuracy(Dataset d) {
    Loss.checkLabels(output, d.y().data, d.size(), sizes[sizes.length - 1]);
    int[] pred = predictLabels(d.x());
    double[] y = d.y().data;
    int correct = 0;
    for (int j = 0; j < pred.length; j++) {
      if (pred[j] == (int) y[j]) {
        correct++;
      }
    }
    return pred.length == 0 ? Double.NaN : (double) correct / pred.length;
  }

  /**
   * Mean cross-entropy computed from the logits, without regularization.
   *
   * @param d data set
   * @return the cost
   */
  public double cost(Dataset d) {
    int k = sizes[sizes.length - 1];
    Loss.checkLabels(output, d.y().data, d.size(), k);
    DMatrixRMaj z = logits(d.x(), DEFAULT_GEMM);
    return Loss.cost(output, z.data, d.y().data, k, z.numCols);
  }

  /** Copies of the flat weight arrays (index l−1 holds W_l), for trainers. */
  public double[][] weightArrays() {
    double[][] out = new double[w.length][];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i].clone();
    }
    return out;
  }

  /** Copies of the flat bias arrays (index l−1 holds b_l), for trainers. */
  public double[][] biasArrays() {
    double[][] out = new double[b.length][];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i].clone();
    }
    return out;
  }

  /**
   * A network with this one's architecture and the given flat parameter arrays (copied).
   *
   * @param weights index l−1 holds W_l (row-major)
   * @param biases index l−1 holds b_l
   * @return the new network
   */
  public Network withParameters(double[][] weights, double[][] biases) {
    int layers = layers();
    double[][] w2 = new double[layers][];
    double[][] b2 = new double[layers][];
    for (int l = 1; l <= layers; l++) {
      if (weights[l - 1].length != sizes[l] * sizes[l - 1] || biases[l - 1].length != sizes[l]) {
        throw new IllegalArgumentException("parameter arrays do not match layer " + l);
      }
      w2[l - 1] = weights[l - 1].clone();
      b2[l - 1] = biases[l - 1].clone();
    }
    return new Network(sizes, hidden, output, w2, b2);
  }

  @Override
  public String toString() {
    return "Network" + Arrays.toString(sizes) + " " + hidden + " " + output;
  }
}
