package io.augreg.nn.conv;

import io.augreg.core.Seeds;
import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each unit is kept with probability {@code keep} and survivors are
 * divided by {@code keep} ({@code y = x · mask / keep}); at inference it is the identity. With
 * {@code spatial}, one draw per example and channel keeps or drops the whole feature map (all
 * {@code H × W} positions of that channel). The mask of example j comes from {@code
 * Seeds.generator(pass.seed, layerKey, pass.offset + j)}.
 */
public final class Dropout extends Layer {
  private final double keep;
  private final boolean spatial;
  private final long layerKey;
  private double[] scale;
  private double[] y;
  private double[] dx;
  private boolean active;

  /**
   * @param in the input shape (also the output shape)
   * @param keep keep probability in (0, 1]
   * @param spatial drop whole channels instead of single units
   * @param layerKey distinguishes this layer's masks from other dropout layers' (e.g. its index)
   */
  public Dropout(Shape in, double keep, boolean spatial, long layerKey) {
    super(in, in);
    if (!(keep > 0 && keep <= 1)) {
      throw new IllegalArgumentException("dropout keep must be in (0, 1], got " + keep);
    }
    this.keep = keep;
    this.spatial = spatial;
    this.layerKey = layerKey;
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    active = pass.training() && keep < 1;
    if (!active) {
      return x;
    }
    int size = in.size();
    int c = in.channels();
    int total = n * size;
    scale = ensure(scale, total);
    y = ensure(y, total);
    double inv = 1.0 / keep;
    for (int s = 0; s < n; s++) {
      SplittableRandom r = Seeds.generator(pass.seed(), layerKey, pass.offset() + s);
      int base = s * size;
      if (spatial) {
        for (int ch = 0; ch < c; ch++) {
          double v = r.nextDouble() < keep ? inv : 0.0;
          for (int p = base + ch; p < base + size; p += c) {
            scale[p] = v;
          }
        }
      } else {
        for (int p = base; p < base + size; p++) {
          scale[p] = r.nextDouble() < keep ? inv : 0.0;
        }
      }
    }
    // y = x · mask / keep
    for (int i = 0; i < total; i++) {
      y[i] = x[i] * scale[i];
    }
    return y;
  }

  @Override
  public double[] backward(double[] dy, int n) {
    if (!active) {
      return dy;
    }
    int total = n * in.size();
    dx = ensure(dx, total);
    // dx = dy · mask / keep
    for (int i = 0; i < total; i++) {
      dx[i] = dy[i] * scale[i];
    }
    return dx;
  }
}
