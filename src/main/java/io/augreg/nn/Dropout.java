package io.augreg.nn;

import io.augreg.core.Seeds;

/**
 * Inverted dropout: in training each unit is kept with probability {@code keep} and survivors are
 * divided by {@code keep} ({@code y = x · mask / keep}); at inference it is the identity. With
 * {@code spatial}, one draw per example and channel keeps or drops the whole feature map (all
 * {@code H × W} positions of that channel). The mask of example j comes from {@code
 * Seeds.generator(pass.seed, layerKey, pass.offset + j)} (fresh masks: its k-th draw, computed
 * from the generator's counter without creating it, keeps or drops unit or channel k), or, after {@link
 * #useReference}, from the lesson's {@link ReferenceMasks} (the same masks every pass of a batch
 * size).
 */
public final class Dropout extends Layer {
  private final double keep;
  private final boolean spatial;
  private final long layerKey;
  private double[] scale;
  private long[] seeds;
  private long[] bits;
  private double[] y;
  private double[] dx;
  private boolean active;
  private ReferenceMasks reference;
  private int hidden;

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

  /**
   * Takes the masks from the lesson's reference draws instead of fresh ones.
   *
   * @param masks the draws of the stack's hidden layers
   * @param hidden index of the hidden layer this dropout follows, 0-based
   */
  public void useReference(ReferenceMasks masks, int hidden) {
    if (spatial) {
      throw new IllegalArgumentException("the reference masks are not spatial");
    }
    this.reference = masks;
    this.hidden = hidden;
  }

  /**
   * Whether the masks are the same for every pass of a batch size (the reference masks).
   *
   * @return true after {@link #useReference}
   */
  public boolean fixedMasks() {
    return reference != null;
  }

  /**
   * The keep probability.
   *
   * @return keep in (0, 1]
   */
  public double keep() {
    return keep;
  }

  @Override
  public double[] forward(double[] x, int n, Pass pass) {
    active = pass.training() && keep < 1;
    if (!active) {
      return x;
    }
    int total = n * in.size();
    double[] scale = scales(pass, n);
    y = ensure(y, total);
    // y = x · mask / keep
    for (int i = 0; i < total; i++) {
      y[i] = x[i] * scale[i];
    }
    return y;
  }

  /**
   * The mask of a training pass, scaled: {@code D/keep} (0 or 1/keep) per value of the n examples
   * (rows of {@code in().size()} values), in a buffer of this layer valid until the next call.
   *
   * @param pass the training pass (seed, offset, batch)
   * @param n examples
   * @return the scaled mask
   */
  public double[] scales(Pass pass, int n) {
    int size = in.size();
    scale = ensure(scale, (long) n * size);
    if (reference != null) {
      int m = pass.batchOf(n);
      double[] u = reference.draws(hidden, m);
      double one = 1.0 / keep;
      for (int s = 0; s < n; s++) {
        int j = pass.offset() + s;
        // D/keep = (U < keep) / keep, U of unit p and example j at u[p·m + j]
        for (int p = 0; p < size; p++) {
          scale[s * size + p] = u[p * m + j] < keep ? one : 0.0;
        }
      }
      return scale;
    }
    int c = in.channels();
    long invBits = Double.doubleToRawLongBits(1.0 / keep);
    long threshold = threshold(keep);
    long layer = Seeds.mix(pass.seed(), layerKey);
    for (int s = 0; s < n; s++) {
      // the generator of example j = offset + s is Seeds.generator(seed, layerKey, j); its k-th
      // nextLong() is Seeds.nthLong(its seed, k): scale = nextDouble() < keep ? 1/keep : 0
      long gen = Seeds.extend(layer, pass.offset() + s);
      int base = s * size;
      if (spatial) {
        for (int ch = 0; ch < c; ch++) {
          double v = scale(Seeds.nthLong(gen, ch + 1), threshold, invBits);
          for (int p = base + ch; p < base + size; p += c) {
            scale[p] = v;
          }
        }
      } else {
        for (int p = 0; p < size; p++) {
          scale[base + p] = scale(Seeds.nthLong(gen, p + 1), threshold, invBits);
        }
      }
    }
    return scale;
  }

  /**
   * The fresh scaled masks of a training pass as rows, the same values as {@link #scales}: {@code
   * rows[p][s]} is {@code D/keep} of unit p of example {@code offset + s}, for a layer whose every
   * unit is its own channel (not spatial, or one value per channel). No object is created: the
   * draws come from the generators' counters ({@link Seeds#nthLong}), one loop over the examples
   * per unit.
   *
   * @param pass the training pass (seed, offset)
   * @param rows {@code in().size()} rows of at least n values, overwritten
   * @param n examples
   */
  public void scaleRows(Pass pass, double[][] rows, int n) {
    if (spatial && in.channels() != in.size()) {
      throw new IllegalArgumentException("row masks need one unit per channel");
    }
    if (seeds == null || seeds.length < n) {
      seeds = new long[n];
    }
    long layer = Seeds.mix(pass.seed(), layerKey);
    int offset = pass.offset();
    for (int s = 0; s < n; s++) {
      seeds[s] = Seeds.extend(layer, offset + s);
    }
    if (bits == null || bits.length < n) {
      bits = new long[n];
    }
    long invBits = Double.doubleToRawLongBits(1.0 / keep);
    long threshold = threshold(keep);
    for (int p = 0; p < in.size(); p++) {
      rowBits(bits, seeds, p + 1, threshold, invBits, n);
      toDoubles(bits, rows[p], n);
    }
  }

  /**
   * One unit's masks over the examples as raw bits: {@code bits[s] = scaleBits(nthLong(seeds[s],
   * k))}. Integer operations only, so that the loop vectorizes (a long-to-double step in it would
   * keep it scalar: three times slower).
   */
  private static void rowBits(
      long[] bits, long[] seeds, long k, long threshold, long invBits, int n) {
    for (int s = 0; s < n; s++) {
      bits[s] = scaleBits(Seeds.nthLong(seeds[s], k), threshold, invBits);
    }
  }

  /** {@code row[s] = longBitsToDouble(bits[s])}. */
  private static void toDoubles(long[] bits, double[] row, int n) {
    for (int s = 0; s < n; s++) {
      row[s] = Double.longBitsToDouble(bits[s]);
    }
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

  /**
   * The integer bound of the keep test: {@code nextDouble() = (nextLong() >>> 11) · 2⁻⁵³ < keep}
   * holds exactly when the integer {@code u = nextLong() >>> 11} is below {@code keep · 2⁵³}
   * (exact: a power-of-two scaling), i.e. below its ceiling.
   *
   * @param keep keep probability in (0, 1]
   * @return {@code ⌈keep · 2⁵³⌉}
   */
  static long threshold(double keep) {
    return (long) Math.ceil(keep * 0x1p53);
  }

  /**
   * {@code nextDouble() < keep ? 1/keep : 0.0} from the generator's {@code nextLong()} draw, bit
   * for bit, without a branch (a branch on a random draw is mispredicted about half the time):
   * {@code u − threshold} is negative exactly when the unit is kept, and its sign bit selects the
   * bits of 1/keep or +0.
   *
   * @param draw the {@code nextLong()} that {@code nextDouble()} would have used
   * @param threshold {@link #threshold(double)} of keep
   * @param invBits the raw bits of 1/keep
   * @return 1/keep or +0.0
   */
  static double scale(long draw, long threshold, long invBits) {
    return Double.longBitsToDouble(scaleBits(draw, threshold, invBits));
  }

  /** The raw bits of {@link #scale}: {@code invBits} or 0, by the sign of {@code u − threshold}. */
  private static long scaleBits(long draw, long threshold, long invBits) {
    long kept = ((draw >>> 11) - threshold) >>> 63;
    return invBits & -kept;
  }
}
