package io.augreg.nn;

/**
 * The lesson's dropout masks, bit for bit: before every forward pass numpy is re-seeded with 1
 * and draws {@code rand(n_l, m)} for each hidden layer l in order (a hidden layer without dropout
 * still consumes its draws, as numpy would); a unit is kept where the draw is below keep_prob.
 * Every iteration of a full batch therefore uses the same masks: the lesson's quirk, not real
 * dropout. One instance serves the dropout layers of one layer stack; the draws are cached for
 * the last batch size.
 */
public final class ReferenceMasks {
  private final int[] widths;
  private final NumpyRandom rng = new NumpyRandom(1);
  private final double[][] draws;
  private int m = -1;

  /**
   * @param widths units of every hidden layer, in order
   */
  public ReferenceMasks(int[] widths) {
    this.widths = widths.clone();
    this.draws = new double[widths.length][];
  }

  /**
   * The draws of hidden layer {@code h} for a batch of {@code m} examples: {@code u[i·m + j]} for
   * unit i and example j (numpy's {@code rand(n_h, m)}, row-major).
   *
   * @param h hidden layer index, 0-based
   * @param m the whole batch's examples
   * @return the draws (do not modify)
   */
  public double[] draws(int h, int m) {
    if (m != this.m) {
      rng.seed(1);
      for (int l = 0; l < widths.length; l++) {
        double[] u = new double[widths[l] * m];
        // U = rand(n_l, m)
        for (int i = 0; i < u.length; i++) {
          u[i] = rng.rand();
        }
        draws[l] = u;
      }
      this.m = m;
    }
    return draws[h];
  }
}
