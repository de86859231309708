package io.augreg.nn;

import java.util.List;

/**
 * One step of a convolutional network, with its forward and backward pass side by side.
 *
 * <p>{@link #forward} reads {@code n} examples (NHWC, {@code n · in().size()} values) and returns
 * its own output buffer, remembering what {@link #backward} needs; {@link #backward} takes the
 * gradient of the loss with respect to that output, <em>adds</em> the parameter gradients to
 * {@link Param#grad()} and returns the gradient with respect to the input (its own buffer). The
 * returned buffers may be longer than needed and are valid until the next call. An instance is
 * used by one thread at a time; several instances may share parameter values.
 */
public abstract class Layer {
  /** Shape of one input example. */
  protected final Shape in;
  /** Shape of one output example. */
  protected final Shape out;

  /**
   * @param in input shape
   * @param out output shape
   */
  protected Layer(Shape in, Shape out) {
    this.in = in;
    this.out = out;
  }

  /**
   * Shape of one input example.
   *
   * @return the input shape
   */
  public final Shape in() {
    return in;
  }

  /**
   * Shape of one output example.
   *
   * @return the output shape
   */
  public final Shape out() {
    return out;
  }

  /**
   * Forward pass.
   *
   * @param x input, {@code n · in().size()} values
   * @param n examples
   * @param pass training or inference, and the mask seed
   * @return the output buffer
   */
  public abstract double[] forward(double[] x, int n, Pass pass);

  /**
   * Backward pass for the examples of the last {@link #forward}.
   *
   * @param dy gradient with respect to the output
   * @param n examples (as in the forward pass)
   * @return the gradient with respect to the input (null if this layer was told it is not needed)
   */
  public abstract double[] backward(double[] dy, int n);

  /**
   * Tells the layer that the shared parameter values were changed in place (e.g. by an optimizer
   * step), so a copy it keeps of them (e.g. {@link Dense}'s native weights) must be refreshed
   * before the next training pass. Does nothing by default.
   */
  public void parametersChanged() {}

  /**
   * The parameters.
   *
   * @return kernel/weights then bias; empty for layers without parameters
   */
  public List<Param> params() {
    return List.of();
  }

  /**
   * A buffer of at least {@code size} values.
   *
   * @param buf the current buffer (may be null)
   * @param size values needed
   * @return {@code buf} if large enough, else a new array
   */
  public static double[] ensure(double[] buf, long size) {
    int s = Math.toIntExact(size);
    return buf != null && buf.length >= s ? buf : new double[s];
  }
}
