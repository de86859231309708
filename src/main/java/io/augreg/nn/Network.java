package io.augreg.nn;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable convolutional network: architecture, input shape, output kind and parameter
 * values. Examples enter as columns of {@code features × m} (the layout of {@link Dataset} and of
 * the image data: row, column, channel), and are turned into NHWC rows internally.
 */
public final class Network {
  private static final long INIT_KEY = 0x494E_4954L; // "INIT"
  private static final int EVAL_BATCH = 64;

  private final Architecture architecture;
  private final Shape input;
  private final OutputKind output;
  private final int outputs;
  private final List<double[]> values;

  private Network(Architecture architecture, Shape input, OutputKind output, int outputs,
      List<double[]> values, boolean copy, ArchSource source) {
    this.architecture = architecture;
    this.input = input;
    this.output = output;
    this.outputs = outputs;
    List<double[]> v = new ArrayList<>(values.size());
    for (double[] a : values) {
      v.add(copy ? a.clone() : a);
    }
    this.values = List.copyOf(v);
    // validates the shapes and the array lengths
    build(architecture, input, output, outputs, this.values, null, null, 0, source);
  }

  private static LayerStack build(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values, Gemm gemm) {
    return build(arch, input, output, outputs, values, gemm, null, 0, ArchSource.OPTION);
  }

  /**
   * A new network with PyTorch's default initialization: every kernel, weight and bias drawn
   * from {@code U(−1/√fan_in, 1/√fan_in)} (fan_in = k·k·C for a convolution, the input units for
   * a dense layer), from a generator derived from {@code seed}. Batch normalization starts at
   * γ = 1, β = 0, running mean 0, running variance 1 (and draws nothing).
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param output sigmoid (binary, 1 output) or softmax
   * @param outputs output units: 1 for binary, k classes for softmax
   * @param seed initialization seed
   * @return the network
   * @throws AugregException if the architecture does not fit the input (e.g. too many pools), or
   *     an array would be longer than Java allows, or the network does not fit in the Java heap
   *     ({@link Footprint#checkModel}); checked before anything is allocated
   */
  public static Network initialize(Architecture arch, Shape input, OutputKind output, int outputs,
      long seed) {
    checkOutputs(output, outputs);
    Footprint.of(arch, input, outputs).checkModel(Runtime.getRuntime().maxMemory());
    LayerStack sizing = build(arch, input, output, outputs, null, null);
    SplittableRandom r = Seeds.generator(seed, INIT_KEY);
    List<double[]> values = new ArrayList<>();
    for (Layer l : sizing.layers()) {
      if (l instanceof BatchNorm bn) {
        values.addAll(bn.reset());
        continue;
      }
      if (l.params().isEmpty()) {
        continue;
      }
      int fanIn = l.params().get(0).value().length / l.out().channels();
      double bound = 1 / Math.sqrt(fanIn);
      for (Param p : l.params()) {
        double[] v = p.value();
        // v ~ U(−1/√fan_in, 1/√fan_in)
        for (int i = 0; i < v.length; i++) {
          v[i] = (2 * r.nextDouble() - 1) * bound;
        }
        values.add(v);
      }
    }
    return new Network(arch, input, output, outputs, values, false, ArchSource.OPTION);
  }

  /** The initializers {@link #initialize(Architecture, Shape, OutputKind, int, long, String)} knows. */
  public static final List<String> INITIALIZERS = List.of("pytorch", "lesson", "he", "xavier", "numpy");

  /**
   * A new network with a named initializer: {@code pytorch} ({@link #initialize(Architecture,
   * Shape, OutputKind, int, long)}), or the dense network's schemes, biases zero: {@code lesson},
   * {@code he}, {@code xavier} ({@link InitScheme}: standard normals from {@code new
   * SplittableRandom(seed)} times the scheme's scale) and {@code numpy} (numpy's {@code
   * seed(seed)}, {@code randn / sqrt(fan_in)}). For those four, each convolution or dense layer
   * in turn draws its fan_out × fan_in matrix row by row (fan_in = k·k·C or the input units,
   * fan_out = filters or units) and stores it transposed (fan_in × fan_out, the layer's layout), so
   * a dense-only network starts from exactly the weights the lesson's {@code initialize_parameters}
   * (numpy) or the retired dense engine drew for the equivalent {@code --layers} network.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param output sigmoid (binary, 1 output) or softmax
   * @param outputs output units
   * @param seed initialization seed (numpy: in [0, 2³² − 1])
   * @param init one of {@link #INITIALIZERS}
   * @return the network
   * @throws AugregException for an unknown initializer, or as {@link #initialize(Architecture,
   *     Shape, OutputKind, int, long)}
   */
  public static Network initialize(Architecture arch, Shape input, OutputKind output, int outputs,
      long seed, String init) {
    if (!INITIALIZERS.contains(init)) {
      throw new AugregException("--init must be one of " + String.join(", ", INITIALIZERS)
          + ", got '" + init + "'");
    }
    Network net = initialize(arch, input, output, outputs, seed);
    if (init.equals("pytorch")) {
      return net;
    }
    SplittableRandom gaussian = new SplittableRandom(seed);
    NumpyRandom numpy = init.equals("numpy") ? new NumpyRandom(seed) : null;
    InitScheme scheme = numpy != null ? InitScheme.LESSON
        : InitScheme.valueOf(init.toUpperCase(java.util.Locale.ROOT));
    List<double[]> values = net.parameters();
    // layers bound to the copies in values: writing a layer's parameter writes values
    for (Layer l : net.stack(values, new JavaGemm()).layers()) {
      if (l instanceof BatchNorm || l.params().isEmpty()) {
        continue;
      }
      double[] w = l.params().get(0).value();
      int fanOut = l.out().channels();
      int fanIn = w.length / fanOut;
      double[] drawn = new double[numpy != null ? w.length : 0];
      if (numpy != null) {
        numpy.randn(drawn);
      }
      double scale = scheme.scale(fanIn, fanOut);
      double root = Math.sqrt(fanIn);
      // W (fan_in × fan_out) = transpose of N(0, 1)(fan_out × fan_in) · scale (numpy: / √fan_in)
      for (int o = 0; o < fanOut; o++) {
        for (int i = 0; i < fanIn; i++) {
          w[i * fanOut + o] = numpy != null ? drawn[o * fanIn + i] / root
              : InitScheme.standardNormal(gaussian) * scale;
        }
      }
      java.util.Arrays.fill(l.params().get(1).value(), 0.0);
    }
    return net.withParameters(values);
  }

  /**
   * A network with given parameter values (copied), e.g. loaded from a file.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param output output kind
   * @param outputs output units
   * @param values kernel and bias of every conv/dense layer and γ, β, running mean and variance of
   *     every bn layer, in order, the output layer last
   * @return the network
   * @throws AugregException if the values do not fit the architecture
   */
  public static Network of(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values) {
    return of(arch, input, output, outputs, values, ArchSource.OPTION);
  }

  /**
   * A network with given parameter values (copied) that came from {@code source}, e.g. a saved
   * model, whose errors then name its files instead of {@code --arch}.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param output output kind
   * @param outputs output units
   * @param values as {@link #of(Architecture, Shape, OutputKind, int, List)}
   * @param source where the architecture and the values came from
   * @return the network
   * @throws AugregException if the architecture does not fit the input ({@link
   *     ArchSource#misfit}) or the values do not fit the architecture ({@link ArchSource#weights})
   */
  public static Network of(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values, ArchSource source) {
    checkOutputs(output, outputs);
    // shapes first (worded as the architecture's fault), then the values (the weights' fault)
    Footprint.of(arch, input, outputs, source);
    return new Network(arch, input, output, outputs, values, true, source);
  }

  private static void checkOutputs(OutputKind output, int outputs) {
    if (!output.fits(outputs)) {
      throw new AugregException("a " + output + " output needs " + output.unitsNeeded() + ", got "
          + outputs);
    }
  }

  private static LayerStack build(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values, Gemm gemm, BatchSync sync, int slice, ArchSource source) {
    try {
      return LayerStack.build(arch, input, output, outputs, values, gemm, sync, slice);
    } catch (IllegalArgumentException e) {
      throw new AugregException(values == null ? source.misfit(arch.toSpec(), input, e.getMessage())
          : source.weights(arch.toSpec(), input, e.getMessage()), e);
    }
  }

  /**
   * The hidden steps.
   *
   * @return the architecture
   */
  public Architecture architecture() {
    return architecture;
  }

  /**
   * One example's input shape.
   *
   * @return the shape
   */
  public Shape input() {
    return input;
  }

  /**
   * Sigmoid (binary) or softmax.
   *
   * @return the output kind
   */
  public OutputKind output() {
    return output;
  }

  /**
   * Output units.
   *
   * @return 1 for binary, k for softmax
   */
  public int outputs() {
    return outputs;
  }

  /**
   * Copies of the parameter arrays.
   *
   * @return kernel and bias of each conv/dense layer and γ, β, running mean and variance of each bn
   *     layer, in order, the output layer last
   */
  public List<double[]> parameters() {
    List<double[]> out = new ArrayList<>(values.size());
    for (double[] v : values) {
      out.add(v.clone());
    }
    return out;
  }

  /**
   * The number of parameters.
   *
   * @return the total length of all parameter arrays
   */
  public long parameterCount() {
    long n = 0;
    for (double[] v : values) {
      n += v.length;
    }
    return n;
  }

  /**
   * Layers bound to {@code live} parameter arrays (shared, not copied), for training.
   *
   * @param live arrays shaped like {@link #parameters()}
   * @param gemm this stack's product kernel
   * @return a new stack
   */
  public LayerStack stack(List<double[]> live, Gemm gemm) {
    return build(architecture, input, output, outputs, live, gemm);
  }

  /**
   * Layers bound to {@code live} parameter arrays for slice {@code slice} of mini-batches split
   * across threads: the batch-normalization layers exchange their statistics through {@code
   * sync} (shared by the stacks of all slices) and only slice 0 updates the running statistics.
   *
   * @param live arrays shaped like {@link #parameters()}
   * @param gemm this stack's product kernel
   * @param sync the synchronization shared by the slices' stacks
   * @param slice this stack's slice, 0 … threads − 1
   * @return a new stack
   */
  public LayerStack stack(List<double[]> live, Gemm gemm, BatchSync sync, int slice) {
    return build(architecture, input, output, outputs, live, gemm, sync, slice, ArchSource.OPTION);
  }

  /**
   * A network of the same architecture with other parameter values.
   *
   * @param newValues arrays shaped like {@link #parameters()} (copied)
   * @return the new network
   */
  public Network withParameters(List<double[]> newValues) {
    return new Network(architecture, input, output, outputs, newValues, true, ArchSource.OPTION);
  }

  /**
   * Output probabilities: binary {@code (1 × m)} P(y = 1),
   * softmax {@code (k × m)}.
   *
   * @param x examples as columns, {@code features × m}
   * @param gemm the product kernel
   * @return probabilities
   */
  public DMatrixRMaj predictProbabilities(DMatrixRMaj x, Gemm gemm) {
    checkFeatures(x.numRows);
    int m = x.numCols;
    DMatrixRMaj p = new DMatrixRMaj(outputs, m);
    LayerStack stack = build(architecture, input, output, outputs, values, gemm);
    int f = input.size();
    double[] rows = new double[Math.min(EVAL_BATCH, Math.max(m, 1)) * f];
    double[] part = new double[outputs * EVAL_BATCH];
    for (int from = 0; from < m; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, m - from);
      columnsToRows(x.data, m, from, n, f, rows);
      stack.forward(rows, n, Pass.INFERENCE);
      stack.probabilities(n, part);
      for (int i = 0; i < outputs; i++) {
        System.arraycopy(part, i * n, p.data, i * m + from, n);
      }
    }
    return p;
  }

  /**
   * Predicted labels.
   *
   * @param x examples as columns
   * @param gemm the product kernel
   * @return binary: 1 iff p &gt; 0.5; softmax: the arg max
   */
  public int[] predictLabels(DMatrixRMaj x, Gemm gemm) {
    DMatrixRMaj p = predictProbabilities(x, gemm);
    int m = p.numCols;
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      if (output == OutputKind.SIGMOID_BINARY) {
        out[j] = p.data[j] > 0.5 ? 1 : 0;
      } else {
        int best = 0;
        for (int i = 1; i < outputs; i++) {
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
   * Accuracy.
   *
   * @param d the examples
   * @param gemm the product kernel
   * @return fraction of examples whose predicted label equals the label
   */
  public double accuracy(Dataset d, Gemm gemm) {
    int[] pred = predictLabels(d.x(), gemm);
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
   * Mean cross-entropy (from logits, no penalty).
   *
   * @param d the examples
   * @param gemm the product kernel
   * @return the mean loss
   */
  public double cost(Dataset d, Gemm gemm) {
    DMatrixRMaj x = d.x();
    checkFeatures(x.numRows);
    double[] y = d.y().data;
    Loss.checkLabels(output, y, y.length, outputs);
    int m = x.numCols;
    LayerStack stack = build(architecture, input, output, outputs, values, gemm);
    int f = input.size();
    double[] rows = new double[Math.min(EVAL_BATCH, Math.max(m, 1)) * f];
    double total = 0;
    for (int from = 0; from < m; from += EVAL_BATCH) {
      int n = Math.min(EVAL_BATCH, m - from);
      columnsToRows(x.data, m, from, n, f, rows);
      stack.forward(rows, n, Pass.INFERENCE);
      total += stack.loss(y, from, n);
    }
    return total / m;
  }

  private void checkFeatures(int features) {
    if (features != input.size()) {
      throw new AugregException("the inputs have " + features + " features, the network expects "
          + input.size() + " (" + input + ")");
    }
  }

  /**
   * NHWC rows from columns: {@code dst[j·f + i] = x[i][from + j]} for j &lt; n, where x is
   * {@code f × cols} row-major.
   *
   * @param x column data
   * @param cols columns of x
   * @param from first column
   * @param n columns to take
   * @param f features (rows of x)
   * @param dst at least {@code n · f} values
   */
  public static void columnsToRows(double[] x, int cols, int from, int n, int f, double[] dst) {
    // blocked transpose: dst[j][i] = x[i][from + j]
    final int block = 64;
    for (int i0 = 0; i0 < f; i0 += block) {
      int i1 = Math.min(f, i0 + block);
      for (int j = 0; j < n; j++) {
        int d = j * f;
        int s = from + j;
        for (int i = i0; i < i1; i++) {
          dst[d + i] = x[i * cols + s];
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Network[" + input + " → " + architecture.toSpec() + " → " + outputs + " " + output
        + ", " + parameterCount() + " parameters]";
  }
}
