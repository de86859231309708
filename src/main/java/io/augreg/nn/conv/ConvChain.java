package io.augreg.nn.conv;

import io.augreg.nn.Layer;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive convolutions run as one step: when every one of them computes its products in float
 * on native blocks ({@link Conv2d#floatNative}), the input is rounded to float once, each
 * convolution hands its float output to the next (and, backward, its float input gradient to the
 * one before), and only the last output and the first input gradient are widened to double for
 * the {@link Layer} contract; otherwise the convolutions run one after the other as usual. The
 * same values as running them one by one on the float path, without the conversions between
 * them. {@link io.augreg.nn.LayerStack} runs its layers through {@link #runs}.
 */
public final class ConvChain extends Layer {
  private final List<Conv2d> convs;
  /** True if the last forward pass ran in float. */
  private boolean floats;
  private float[] xf;
  private float[] dyf;
  private double[] y;
  private double[] dx;

  private ConvChain(List<Conv2d> convs) {
    super(convs.get(0).in(), convs.get(convs.size() - 1).out());
    this.convs = List.copyOf(convs);
  }

  /**
   * The layers with every run of two or more consecutive {@link Conv2d} replaced by one chain of
   * them (the same layer instances); other layers are kept as they are.
   *
   * @param layers a stack of layers, in order
   * @return the steps to run
   */
  public static List<Layer> runs(List<Layer> layers) {
    List<Layer> steps = new ArrayList<>(layers.size());
    List<Conv2d> run = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof Conv2d c) {
        run.add(c);
        continue;
      }
      close(run, steps);
      steps.add(l);
    }
    close(run, steps);
    return steps;
  }

  /** Adds the run (a chain of two or more, else the single convolution) and empties it. */
  private static void close(List<Conv2d> run, List<Layer> steps) {
    if (run.size() > 1) {
      steps.add(new ConvChain(run));
    } else {
      steps.addAll(run);
    }
    run.clear();
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    floats = true;
    for (Conv2d c : convs) {
      floats &= c.floatNative(n) != null;
    }
    if (!floats) {
      double[] a = x;
      for (Conv2d c : convs) {
        a = c.forward(a, n, pass);
      }
      return a;
    }
    xf = ConvFloat.toFloat(x, n * in.size(), xf);
    float[] a = xf;
    for (Conv2d c : convs) {
      a = c.forward(a, n, pass);
    }
    y = ConvFloat.toDouble(a, n * out.size(), y);
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    if (!floats) {
      double[] g = dy;
      for (int i = convs.size() - 1; i >= 0 && g != null; i--) {
        g = convs.get(i).backward(g, n);
      }
      return g;
    }
    dyf = ConvFloat.toFloat(dy, n * out.size(), dyf);
    float[] g = dyf;
    for (int i = convs.size() - 1; i >= 0 && g != null; i--) {
      g = convs.get(i).backward(g, n);
    }
    if (g == null) {
      return null;
    }
    dx = ConvFloat.toDouble(g, n * in.size(), dx);
    return dx;
  }

  @Override
  public void parametersChanged() {
    for (Conv2d c : convs) {
      c.parametersChanged();
    }
  }

  @Override
  public List<Param> params() {
    List<Param> ps = new ArrayList<>();
    for (Conv2d c : convs) {
      ps.addAll(c.params());
    }
    return ps;
  }
}
