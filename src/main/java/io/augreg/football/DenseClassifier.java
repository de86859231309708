package io.augreg.football;

import io.augreg.nn.Dense;
import io.augreg.nn.Dropout;
import io.augreg.nn.Layer;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Relu;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.RowKernels;
import io.augreg.plot.PointClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels of {@link Network#predictLabels} for many 2-D points, for a binary sigmoid network
 * of dense layers (each with or without ReLU, dropout between them): what a decision-boundary
 * picture asks for a hundred thousand grid points.
 *
 * <p>The points are run examples-major, a chunk of {@link #CHUNK} at a time: each layer's
 * pre-activations are rows of one unit over the chunk's points, {@code z[o][j] = Σ_q W[q][o]·a[q][j]}
 * by {@link RowKernels#times}, whose terms are summed in the order of a dense layer's inference
 * pass (first four assigned, then four at a time, then the rest: the very sums, products and
 * rounding of {@code Dense.forward} through {@link JavaGemm}), then {@code + b} and {@code max(·,
 * 0)}. Dropout is the identity at inference. The label is {@code 1 / (1 + exp(−z)) > 0.5}, the
 * expression of {@code Loss.probabilities} and {@code predictLabels}, evaluated only for {@code
 * |z| ≤} {@link #SURE}: beyond it exp's monotonicity already decides it. The network's inference
 * pass instead runs the points as rows against the few units, loops of 3 to 20 iterations that
 * the JIT compiles late and that cost more per point.
 */
final class DenseClassifier implements PointClassifier {
  /** Points per pass through the layers (their activations stay in the first cache level). */
  static final int CHUNK = 128;

  /**
   * Beyond this logit the label needs no exp: {@code z > SURE} gives {@code exp(−z) ≤
   * exp(−10⁻³) < 0.9991} (Math.exp is semi-monotonic and within an ulp), so {@code 1 / (1 + exp(−z))
   * > 0.5}, and {@code z < −SURE} gives {@code exp(−z) > 1.0009} and a probability below 0.5.
   */
  static final double SURE = 1e-3;

  /** Per dense layer: the weights as the layer holds them ({@code fan × units}, row-major). */
  private final double[][] weights;

  private final double[][] biases;
  private final int[] fans;
  private final int[] units;
  private final boolean[] relu;

  private DenseClassifier(List<Dense> dense, List<Boolean> relu) {
    int n = dense.size();
    weights = new double[n][];
    biases = new double[n][];
    fans = new int[n];
    units = new int[n];
    this.relu = new boolean[n];
    for (int l = 0; l < n; l++) {
      Dense d = dense.get(l);
      weights[l] = d.params().get(0).value().clone();
      biases[l] = d.params().get(1).value().clone();
      fans[l] = d.in().size();
      units[l] = d.out().size();
      this.relu[l] = relu.get(l);
    }
  }

  /**
   * The classifier of {@code model}, or null when it is not a binary sigmoid network over 2-D
   * points made of dense, ReLU and dropout layers only (a dense layer first, at most one ReLU
   * after each dense layer, the output layer without one).
   *
   * @param model the trained network
   * @return its classifier, or null
   */
  static DenseClassifier of(Network model) {
    if (model.output() != OutputKind.SIGMOID_BINARY || model.outputs() != 1
        || model.input().size() != 2) {
      return null;
    }
    List<Dense> dense = new ArrayList<>();
    List<Boolean> relu = new ArrayList<>();
    for (Layer layer : model.stack(model.parameters(), new JavaGemm()).layers()) {
      if (layer instanceof Dense d) {
        dense.add(d);
        relu.add(false);
      } else if (layer instanceof Relu && !dense.isEmpty() && !relu.get(relu.size() - 1)) {
        relu.set(relu.size() - 1, true);
      } else if (!(layer instanceof Dropout) || dense.isEmpty()) {
        return null;
      }
    }
    if (dense.isEmpty() || dense.get(0).in().size() != 2 || relu.get(relu.size() - 1)
        || dense.get(dense.size() - 1).out().size() != 1) {
      return null;
    }
    return new DenseClassifier(dense, relu);
  }

  @Override
  public int[] classify(double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException(
          "need as many x as y, got " + xs.length + " and " + ys.length);
    }
    int m = xs.length;
    int[] labels = new int[m];
    double[][] input = new double[2][CHUNK];
    double[][][] acts = new double[units.length][][];
    for (int l = 0; l < units.length; l++) {
      acts[l] = new double[units[l]][CHUNK];
    }
    for (int from = 0; from < m; from += CHUNK) {
      int n = Math.min(CHUNK, m - from);
      System.arraycopy(xs, from, input[0], 0, n);
      System.arraycopy(ys, from, input[1], 0, n);
      double[][] a = input;
      for (int l = 0; l < units.length; l++) {
        double[][] z = acts[l];
        // z[o][j] = Σ_q W[q·units + o]·a[q][j], in the order of Dense.forward's sums
        RowKernels.times(weights[l], 1, units[l], units[l], fans[l], a, z, n);
        for (int o = 0; o < units[l]; o++) {
          addBias(z[o], biases[l][o], relu[l], n);
        }
        a = z;
      }
      label(a[0], n, labels, from);
    }
    return labels;
  }

  /** {@code z[j] = z[j] + b}, then {@code max(z[j], 0)} for a ReLU layer (Dense, then Relu). */
  private static void addBias(double[] z, double b, boolean relu, int n) {
    if (relu) {
      for (int j = 0; j < n; j++) {
        z[j] = Math.max(z[j] + b, 0.0);
      }
    } else {
      for (int j = 0; j < n; j++) {
        z[j] += b;
      }
    }
  }

  /** {@code out[from + j] = 1} iff {@code 1 / (1 + exp(−z[j])) > 0.5} (see {@link #SURE}). */
  private static void label(double[] z, int n, int[] out, int from) {
    for (int j = 0; j < n; j++) {
      double v = z[j];
      out[from + j] = v > SURE ? 1 : v < -SURE ? 0 : 1.0 / (1.0 + Math.exp(-v)) > 0.5 ? 1 : 0;
    }
  }
}
