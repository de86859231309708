package io.augreg.nn;

import io.augreg.core.AugregException;
import io.augreg.nn.conv.Conv2d;
import io.augreg.nn.conv.ConvChain;
import io.augreg.nn.conv.MaxPool2d;
import io.augreg.nn.linalg.Gemm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The layers of a {@link Network} instantiated for one thread: bound to a set of parameter value
 * arrays (shared with other stacks) with their own buffers and gradient sums. Runs a batch forward
 * to the logits, the loss and its gradient, and the batch backward.
 */
public final class LayerStack {
  private final List<Layer> layers;
  /** The layers as they run from the input: consecutive convolutions chained ({@link ConvChain}). */
  private final List<Layer> steps;
  private final List<Param> params;
  private final OutputKind output;
  private final int outputs;
  private double[] logits;
  private double[] zT;
  private double[] dz;
  private double[] labels;
  private double[] targetsT;

  LayerStack(List<Layer> layers, OutputKind output, int outputs) {
    this.layers = List.copyOf(layers);
    this.steps = ConvChain.runs(this.layers);
    List<Param> ps = new ArrayList<>();
    for (Layer l : layers) {
      ps.addAll(l.params());
    }
    this.params = Collections.unmodifiableList(ps);
    this.output = output;
    this.outputs = outputs;
  }

  /**
   * The layers.
   *
   * @return the layers in order, the output layer last
   */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * Every parameter.
   *
   * @return the trained parameters in the order of {@link Network#parameters()}, which also holds
   *     the running statistics of batch normalization (state, not parameters)
   */
  public List<Param> params() {
    return params;
  }

  /**
   * Tells every layer that the shared parameter values were changed in place ({@link
   * Layer#parametersChanged()}); to be called after each optimizer step, before the next training
   * pass.
   */
  public void parametersChanged() {
    for (Layer l : layers) {
      l.parametersChanged();
    }
  }

  /**
   * Makes every dropout layer take the lesson's reference masks ({@link ReferenceMasks}) over the
   * hidden dense layers of this stack.
   *
   * @throws AugregException if a dropout layer does not follow a hidden dense layer
   */
  public void useReferenceMasks() {
    List<Integer> widths = new ArrayList<>();
    List<Dropout> drops = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    int dense = 0;
    for (Layer l : layers) {
      if (l instanceof Dense d) {
        dense++;
        widths.add(d.out().channels());
      } else if (l instanceof Dropout d) {
        if (dense == 0 || l.in().height() != 1 || l.in().width() != 1) {
          throw new AugregException("the reference dropout masks apply to dropout after a hidden"
              + " dense layer only");
        }
        drops.add(d);
        after.add(dense - 1);
      }
    }
    int[] hidden = new int[Math.max(0, widths.size() - 1)];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = widths.get(i);
    }
    ReferenceMasks masks = new ReferenceMasks(hidden);
    for (int i = 0; i < drops.size(); i++) {
      drops.get(i).useReference(masks, after.get(i));
    }
  }

  /** Sets every gradient sum to 0. */
  public void zeroGrads() {
    for (Param p : params) {
      java.util.Arrays.fill(p.grad(), 0.0);
    }
  }

  /**
   * Runs {@code n} examples (NHWC rows) to the logits.
   *
   * @param x inputs, {@code n · input size} values
   * @param n examples
   * @param pass training or inference
   * @return the logits, {@code n × outputs} row-major (a buffer of the last layer)
   */
  public double[] forward(double[] x, int n, Pass pass) {
    return forwardFrom(0, x, n, pass);
  }

  /**
   * Runs {@code n} examples from the input of layer {@code first} to the logits (the layers
   * before it are skipped: a caller that computes their output itself, e.g. the first dense layer
   * trained in the examples' Gram space).
   *
   * @param first index of the first layer run, 0 … {@code layers().size()}
   * @param a the input of layer {@code first}, {@code n ·} its input size values
   * @param n examples
   * @param pass training or inference
   * @return the logits, {@code n × outputs} row-major
   */
  public double[] forwardFrom(int first, double[] a, int n, Pass pass) {
    List<Layer> run = first == 0 ? steps : layers;
    for (int i = first; i < run.size(); i++) {
      a = run.get(i).forward(a, n, pass);
    }
    logits = a;
    return a;
  }

  /**
   * After {@link #forward}: the summed cross-entropy of the n examples, and the gradient {@code dZ
   * = A − Y} of that sum stored for {@link #backward(int)}: the layers then add gradient
   * <em>sums</em>, which the optimizer divides by the batch size once, so stacks working on
   * slices of one batch produce gradients that add up to the whole batch's sums.
   *
   * @param y labels of the n examples (0/1 or class indices), from {@code y[from]}
   * @param from index of the first label
   * @param n examples
   * @return the summed (not mean) loss over the n examples
   */
  public double loss(double[] y, int from, int n) {
    int k = outputs;
    zT = Layer.ensure(zT, (long) k * n);
    labels = Layer.ensure(labels, n);
    System.arraycopy(y, from, labels, 0, n);
    // Loss works on (k × n), one column per example: zT = logitsᵀ
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < k; i++) {
        zT[i * n + j] = logits[j * k + i];
      }
    }
    double cost = Loss.cost(output, zT, labels, k, n) * n;
    Loss.probabilities(output, zT, zT, k, n);
    Loss.gradient(output, zT, labels, zT, k, n);
    dz = Layer.ensure(dz, (long) n * k);
    // dZ = A − Y, back to (n × k)
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < k; i++) {
        dz[j * k + i] = zT[i * n + j];
      }
    }
    return cost;
  }

  /**
   * As {@link #loss(double[], int, int)} against soft targets (label smoothing, mixed labels): the
   * summed soft cross-entropy ({@link Loss#softCost}) and its gradient {@code dZ = A − T}.
   *
   * @param t targets, {@code k} per example, example {@code from + j}'s at {@code t[(from + j)·k]}
   * @param from index of the first example
   * @param n examples
   * @return the summed (not mean) loss over the n examples
   */
  public double softLoss(double[] t, int from, int n) {
    int k = outputs;
    zT = Layer.ensure(zT, (long) k * n);
    targetsT = Layer.ensure(targetsT, (long) k * n);
    // Loss works on (k × n): zT = logitsᵀ, targetsT = tᵀ
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < k; i++) {
        zT[i * n + j] = logits[j * k + i];
        targetsT[i * n + j] = t[(from + j) * k + i];
      }
    }
    double cost = Loss.softCost(output, zT, targetsT, k, n) * n;
    Loss.probabilities(output, zT, zT, k, n);
    Loss.softGradient(zT, targetsT, zT, k, n);
    dz = Layer.ensure(dz, (long) n * k);
    // dZ = A − T, back to (n × k)
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < k; i++) {
        dz[j * k + i] = zT[i * n + j];
      }
    }
    return cost;
  }

  /**
   * Back-propagates the gradient of {@link #loss}, adding to every parameter's gradient sum.
   *
   * @param n examples of the last forward pass
   */
  public void backward(int n) {
    backwardTo(0, n);
  }

  /**
   * Back-propagates the gradient of {@link #loss} through the layers from the last down to layer
   * {@code first}, adding to their gradient sums (the layers before it are left alone).
   *
   * @param first index of the last layer run backward, 0 … {@code layers().size()}
   * @param n examples of the last forward pass
   * @return the gradient with respect to the input of layer {@code first} (its buffer, or null
   *     when that layer was told no one needs it)
   */
  public double[] backwardTo(int first, int n) {
    double[] g = dz;
    List<Layer> run = first == 0 ? steps : layers;
    for (int i = run.size() - 1; i >= first && g != null; i--) {
      g = run.get(i).backward(g, n);
    }
    return g;
  }

  /** Output probabilities of the last forward pass: {@code (outputs × n)} row-major into dst. */
  void probabilities(int n, double[] dst) {
    int k = outputs;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < k; i++) {
        dst[i * n + j] = logits[j * k + i];
      }
    }
    Loss.probabilities(output, dst, dst, k, n);
  }

  /** As {@link #build(Architecture, Shape, OutputKind, int, List, Gemm, BatchSync, int)} without a sync. */
  public static LayerStack build(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values, Gemm gemm) {
    return build(arch, input, output, outputs, values, gemm, null, 0);
  }

  /**
   * Instantiates the layers of {@code arch} on {@code input}, bound to {@code values} (kernel and
   * bias of every conv/dense layer, γ, β, running mean and variance of every bn layer, in order,
   * the output layer last), or to new zero arrays when {@code values} is null. The bn layers
   * synchronize through {@code sync} (may be null) as slice {@code slice}.
   *
   * @throws IllegalArgumentException if a shape does not fit (e.g. a window larger than its input)
   */
  public static LayerStack build(Architecture arch, Shape input, OutputKind output, int outputs,
      List<double[]> values, Gemm gemm, BatchSync sync, int slice) {
    List<Layer> layers = new ArrayList<>();
    Shape s = input;
    int v = 0;
    boolean before = false;
    int index = 0;
    int norms = 0;
    for (Architecture.Step step : arch.steps()) {
      index++;
      if (step instanceof Architecture.Conv c) {
        long rows = (long) c.k() * c.k() * s.channels();
        // the ReLU runs inside the convolution (same values, fewer passes over the activations)
        Conv2d conv = new Conv2d(s, c.filters(), c.k(), c.stride(), c.pad(),
            take(values, v, rows * c.filters()), take(values, v + 1, c.filters()), before, gemm,
            c.relu());
        v += 2;
        before = true;
        layers.add(conv);
        s = conv.out();
      } else if (step instanceof Architecture.Pool p) {
        MaxPool2d pool = new MaxPool2d(s, p.k(), p.stride());
        layers.add(pool);
        s = pool.out();
      } else if (step instanceof Architecture.DropoutStep d) {
        layers.add(new Dropout(s, d.keep(), d.spatial(), index));
      } else if (step instanceof Architecture.BatchNormStep b) {
        int c = s.channels();
        BatchNorm bn = new BatchNorm(s, b.momentum(), b.eps(), take(values, v, c),
            take(values, v + 1, c), take(values, v + 2, c), take(values, v + 3, c), before, sync,
            norms++, slice);
        v += 4;
        before = true;
        layers.add(bn);
        if (b.relu()) {
          layers.add(new Relu(s));
        }
      } else if (step instanceof Architecture.DenseStep d) {
        if (s.height() != 1 || s.width() != 1) {
          layers.add(new Flatten(s));
          s = Shape.flat(s.size());
        }
        Dense dense = new Dense(s, d.units(), take(values, v, (long) s.size() * d.units()),
            take(values, v + 1, d.units()), before, gemm);
        v += 2;
        before = true;
        layers.add(dense);
        s = dense.out();
        if (d.relu()) {
          layers.add(new Relu(s));
        }
      } else {
        Flatten flat = new Flatten(s);
        layers.add(flat);
        s = flat.out();
      }
    }
    if (s.height() != 1 || s.width() != 1) {
      layers.add(new Flatten(s));
      s = Shape.flat(s.size());
    }
    layers.add(new Dense(s, outputs, take(values, v, (long) s.size() * outputs),
        take(values, v + 1, outputs), before, gemm));
    if (values != null && values.size() != v + 2) {
      throw new IllegalArgumentException(
          "the architecture has " + (v + 2) + " parameter arrays, got " + values.size());
    }
    return new LayerStack(Conv2d.fusePools(layers), output, outputs);
  }

  /**
   * values[i], or a new zero array of {@code size} when values is null (sizing a new model).
   *
   * @throws IllegalArgumentException if {@code size} is more than an array can hold
   */
  private static double[] take(List<double[]> values, int i, long size) {
    if (values == null) {
      if (size > Footprint.MAX_ARRAY) {
        throw new IllegalArgumentException("a parameter array of " + size
            + " values is longer than a Java array can be");
      }
      return new double[(int) size];
    }
    if (i >= values.size()) {
      throw new IllegalArgumentException("the architecture needs more parameter arrays than "
          + values.size());
    }
    return values.get(i);
  }
}
