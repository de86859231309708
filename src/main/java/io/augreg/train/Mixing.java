package io.augreg.train;

import io.augreg.core.RandomDraws;
import io.augreg.core.Seeds;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * MixUp and CutMix as a {@link BatchStream} wrapper (torchvision v2's batch transforms): each
 * training batch is, with probability p, mixed with itself rolled by one example (example j with
 * example j − 1, the first with the last), and its labels become soft targets, the same convex
 * combination of the two one-hot labels. Accuracy keeps the hard labels; {@link #clean()} is not
 * mixed.
 *
 * <ul>
 *   <li>MixUp: {@code x = λ·x_j + (1 − λ)·x_{j−1}}, λ ~ Beta(α, α);
 *   <li>CutMix: a box of {@code x_{j−1}} pasted into {@code x_j}, as torchvision: centre (r_x, r_y)
 *       uniform over the pixels, half sides {@code ⌊½√(1 − λ)·W⌋, ⌊½√(1 − λ)·H⌋}, clipped to the
 *       image; the label weight is then {@code λ = 1 − box area / (W·H)}.
 * </ul>
 *
 * <p>With both on, each mixed batch takes one of the two, equally likely (torchvision's {@code
 * RandomChoice}). Every draw of batch b of epoch e comes from {@code Seeds.generator(seed, "MIX",
 * e, b)} on the training thread, so the batches are bit-identical whatever the thread count.
 */
public final class Mixing implements BatchStream {
  private static final long MIX_KEY = 0x4D49_58L; // "MIX"

  private final BatchStream inner;
  private final TrainingAids aids;
  private final Shape shape;
  private final OutputKind kind;
  private final int k;
  private final long seed;
  private final DMatrixRMaj x;
  private final double[] targets;
  private final double[] y;

  /**
   * What one batch's draw decided.
   *
   * @param mixed whether the batch is mixed
   * @param cutmix CutMix (true) or MixUp
   * @param lambda the weight of each example's own label
   * @param x0 CutMix box: first column (inclusive)
   * @param y0 first row
   * @param x1 last column (exclusive)
   * @param y1 last row (exclusive)
   */
  record Draw(boolean mixed, boolean cutmix, double lambda, int x0, int y0, int x1, int y1) {}

  /**
   * @param inner the batches to mix (not closed here)
   * @param aids MixUp/CutMix α and the probability
   * @param shape one example's shape (height, width, channels; features in NHWC order)
   * @param kind the output
   * @param outputs output units k (targets per example)
   * @param seed the run seed
   */
  public Mixing(BatchStream inner, TrainingAids aids, Shape shape, OutputKind kind, int outputs,
      long seed) {
    this.inner = inner;
    this.aids = aids;
    this.shape = shape;
    this.kind = kind;
    this.k = outputs;
    this.seed = seed;
    int cap = inner.batchSize();
    this.x = new DMatrixRMaj(inner.features(), cap);
    this.targets = new double[cap * outputs];
    this.y = new double[cap];
  }

  @Override
  public int size() {
    return inner.size();
  }

  @Override
  public int features() {
    return inner.features();
  }

  @Override
  public int batchSize() {
    return inner.batchSize();
  }

  @Override
  public Epoch clean() {
    return inner.clean();
  }

  @Override
  public void close() {}

  /**
   * The draw of batch {@code b} of epoch {@code e}.
   *
   * @param e epoch
   * @param b batch index in the epoch
   * @return whether and how the batch is mixed
   */
  Draw draw(int e, int b) {
    SplittableRandom rng = Seeds.generator(seed, MIX_KEY, e, b);
    if (!(rng.nextDouble() < aids.mixProbability())) {
      return new Draw(false, false, 1, 0, 0, 0, 0);
    }
    boolean cut = aids.mixup() > 0 && aids.cutmix() > 0 ? rng.nextBoolean() : aids.cutmix() > 0;
    double lam = beta(cut ? aids.cutmix() : aids.mixup(), rng);
    if (!cut) {
      return new Draw(true, false, lam, 0, 0, 0, 0);
    }
    int w = shape.width();
    int h = shape.height();
    int rx = rng.nextInt(w);
    int ry = rng.nextInt(h);
    double r = 0.5 * Math.sqrt(1 - lam);
    int hw = (int) (r * w);
    int hh = (int) (r * h);
    int x0 = Math.max(rx - hw, 0);
    int y0 = Math.max(ry - hh, 0);
    int x1 = Math.min(rx + hw, w);
    int y1 = Math.min(ry + hh, h);
    // λ = 1 − box area / (W·H)
    double adjusted = 1.0 - (double) (x1 - x0) * (y1 - y0) / ((double) w * h);
    return new Draw(true, true, adjusted, x0, y0, x1, y1);
  }

  @Override
  public Epoch epoch(int e) {
    return epoch(e, 0);
  }

  /**
   * The batches of epoch {@code e} from batch {@code first} on: the inner stream skips its own
   * way, and the draws need no skipping (batch b's comes from (seed, e, b) alone), so a resumed
   * run continues in the middle of an epoch without building the skipped batches.
   */
  @Override
  public Epoch epoch(int e, int first) {
    Epoch batches = inner.epoch(e, first);
    return new Epoch() {
      private int b = first;

      @Override
      public Batch next() {
        Batch bt = batches.next();
        if (bt == null) {
          return null;
        }
        Draw d = draw(e, b++);
        return d.mixed() ? mix(bt, d) : bt;
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }

  /** The mixed batch: inputs into {@link #x}, soft targets into {@link #targets}. */
  private Batch mix(Batch bt, Draw d) {
    int n = bt.size();
    int f = x.numRows;
    int cap = bt.x().numCols;
    double[] src = bt.x().data;
    double lam = d.lambda();
    int c = shape.channels();
    int w = shape.width();
    for (int i = 0; i < f; i++) {
      int row = i * cap;
      int out = i * x.numCols;
      if (d.cutmix()) {
        // feature i is pixel (py, px), channel i mod C (NHWC): inside the box it comes from x_{j−1}
        int pixel = i / c;
        int py = pixel / w;
        int px = pixel % w;
        boolean in = py >= d.y0() && py < d.y1() && px >= d.x0() && px < d.x1();
        for (int j = 0; j < n; j++) {
          x.data[out + j] = src[row + (in ? (j + n - 1) % n : j)];
        }
      } else {
        // x = λ·x_j + (1 − λ)·x_{j−1}
        for (int j = 0; j < n; j++) {
          x.data[out + j] = lam * src[row + j] + (1 - lam) * src[row + (j + n - 1) % n];
        }
      }
    }
    // t_j = λ·onehot(y_j) + (1 − λ)·onehot(y_{j−1})   (binary: the probability of class 1)
    java.util.Arrays.fill(targets, 0, n * k, 0.0);
    for (int j = 0; j < n; j++) {
      double own = bt.y()[j];
      double other = bt.y()[(j + n - 1) % n];
      if (kind == OutputKind.SIGMOID_BINARY) {
        targets[j] = lam * own + (1 - lam) * other;
      } else {
        targets[j * k + (int) own] += lam;
        targets[j * k + (int) other] += 1 - lam;
      }
    }
    System.arraycopy(bt.y(), 0, y, 0, n);
    return new Batch(x, y, n, targets);
  }

  /**
   * A Beta(α, α) draw: {@code G₁/(G₁ + G₂)} of two Gamma(α, 1) draws (Marsaglia–Tsang; for α &lt; 1
   * boosted, {@code Gamma(α + 1)·U^(1/α)}).
   *
   * @param alpha α &gt; 0
   * @param rng the generator
   * @return λ in [0, 1]
   */
  static double beta(double alpha, SplittableRandom rng) {
    double a = RandomDraws.gamma(alpha, rng);
    double b = RandomDraws.gamma(alpha, rng);
    // both underflowed (a tiny α): λ is then 0 or 1 with equal odds
    return a + b > 0 ? a / (a + b) : (rng.nextBoolean() ? 1 : 0);
  }
}
