package io.augreg.augment;

import io.augreg.core.AugregException;
import io.augreg.core.RandomDraws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * AugMix, as torchvision's {@code AugMix}: {@code width} chains of {@code depth} operations (1..3
 * drawn per chain when depth is −1) from torchvision's 13, each at a magnitude bin below {@code
 * severity} of 10, mixed as {@code out = trunc(m·image + Σ wᵢ·chainᵢ)} with {@code (m, 1 − m)} ~
 * Dirichlet(α, α) and {@code w} ~ Dirichlet(α, ..., α)·(1 − m). The record lists every chain and
 * the weights.
 *
 * <p>Spec: {@code augmix severity=3 width=3 depth=-1 alpha=1 interp=linear}.
 *
 * @param severity magnitude bins drawn from, 1..10
 * @param width number of chains, 1..10
 * @param depth operations per chain, 1..10, or −1 for 1..3 drawn per chain
 * @param alpha Dirichlet concentration, within (0, 100]
 * @param interp interpolation of the geometric ops (nearest or linear)
 */
public record AugMix(
    @Opt("3") int severity, @Opt("3") int width, @Opt("-1") int depth, @Opt("1") double alpha,
    @Opt("linear") Interp interp)
    implements Step<AugMix.AugMixParams> {
  /** Values mixed per block (the block's sums stay in the L1 cache). */
  private static final int MIX_BLOCK = 4096;

  /**
   * One mixture.
   *
   * @param original weight of the original image
   * @param weights weight of each chain
   * @param chains the records of each chain, applied in order
   */
  public record AugMixParams(double original, List<Double> weights, List<List<StepParams>> chains)
      implements StepParams {
    /** Validates matching lengths. */
    public AugMixParams {
      weights = List.copyOf(weights);
      chains = chains.stream().map(List::copyOf).toList();
      if (weights.size() != chains.size()) {
        throw new AugregException("augmix parameters: " + weights.size() + " weights for "
            + chains.size() + " chains");
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Scratch s = Scratch.get();
      int n = Pixels.byteCount(src);
      int k = chains.size();
      // the source, every chain's output and the result as packed bytes, mixed in one pass
      if (s.mixBytes.length < k + 2) {
        s.mixBytes = java.util.Arrays.copyOf(s.mixBytes, k + 2);
      }
      byte[][] im = s.mixBytes;
      for (int c = 0; c <= k + 1; c++) {
        if (im[c] == null || im[c].length < n) {
          im[c] = new byte[n];
        }
      }
      Pixels.read(src, im[0]);
      Mat branch = s.chain[2];
      float[] w = new float[k];
      for (int c = 0; c < k; c++) {
        Policies.chain(src, branch, chains.get(c));
        Pixels.read(branch, im[c + 1]);
        w[c] = (float) (double) weights.get(c);
      }
      if (s.floatsA.length < MIX_BLOCK) {
        s.floatsA = new float[MIX_BLOCK];
        s.floatsB = new float[Math.max(MIX_BLOCK, s.floatsB.length)];
      }
      float[] acc = s.floatsA;
      byte[] px = im[k + 1];
      float m = (float) original;
      // mix = m·image + Σ wᵢ·chainᵢ in single precision (as torchvision's float batch), added in
      // this order, truncated; block by block so that the sums stay in the L1 cache
      for (int b0 = 0; b0 < n; b0 += MIX_BLOCK) {
        int len = Math.min(MIX_BLOCK, n - b0);
        byte[] in = im[0];
        for (int j = 0; j < len; j++) {
          acc[j] = m * (in[b0 + j] & 0xFF);
        }
        for (int c = 0; c < k; c++) {
          byte[] b = im[c + 1];
          float wc = w[c];
          for (int j = 0; j < len; j++) {
            acc[j] += wc * (b[b0 + j] & 0xFF);
          }
        }
        for (int j = 0; j < len; j++) {
          float v = acc[j];
          px[b0 + j] = (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
        }
      }
      if (src.channels() == 4) {
        byte[] in = im[0];
        for (int i = 3; i < n; i += 4) {
          px[i] = in[i]; // alpha kept
        }
      }
      dst.create(src.rows(), src.cols(), src.type());
      Pixels.write(px, dst);
    }

    @Override
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("original", original);
      m.put("weights", weights);
      m.put("chains", chains.stream().map(Policies::toList).toList());
      return java.util.Collections.unmodifiableMap(m);
    }

    static AugMixParams fromMap(Map<String, Object> map) {
      Object o = Policies.get(map, "augmix", "original");
      Object w = Policies.get(map, "augmix", "weights");
      Object c = Policies.get(map, "augmix", "chains");
      if (!(o instanceof Number on) || !(w instanceof List<?> wl) || !(c instanceof List<?> cl)) {
        throw new AugregException(
            "augmix parameters: expected original (number), weights (list), chains (list)");
      }
      List<Double> weights = new ArrayList<>();
      for (Object x : wl) {
        if (!(x instanceof Number xn)) {
          throw new AugregException("augmix parameters: weights must be numbers, got " + x);
        }
        weights.add(xn.doubleValue());
      }
      List<List<StepParams>> chains = new ArrayList<>();
      for (Object x : cl) {
        chains.add(Policies.fromList(x, "augmix"));
      }
      return new AugMixParams(on.doubleValue(), weights, chains);
    }
  }

  /** Validates the options. */
  public AugMix {
    Check.integer("augmix", "severity", severity, 1, 10);
    Check.integer("augmix", "width", width, 1, 10);
    if (depth != -1) {
      Check.integer("augmix", "depth", depth, 1, 10);
    }
    Check.numberAbove("augmix", "alpha", alpha, 0, 100);
    Policies.checkInterp("augmix", interp);
  }

  @Override
  public AugMixParams sample(SplittableRandom rng, int w, int h, int channels) {
    // m ~ Dirichlet(α, α), weights ~ Dirichlet(α, ..., α)·m₁ (Dirichlet = normalized Gammas)
    double g0 = RandomDraws.gamma(alpha, rng);
    double g1 = RandomDraws.gamma(alpha, rng);
    double m = g0 / (g0 + g1);
    double[] g = new double[width];
    double total = 0;
    for (int i = 0; i < width; i++) {
      g[i] = RandomDraws.gamma(alpha, rng);
      total += g[i];
    }
    List<Double> weights = new ArrayList<>();
    List<List<StepParams>> chains = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      weights.add(g[i] / total * (1 - m));
      int d = depth > 0 ? depth : 1 + rng.nextInt(3);
      List<StepParams> ops = new ArrayList<>();
      for (int k = 0; k < d; k++) {
        Policies.Op op = Policies.AUGMIX.get(rng.nextInt(Policies.AUGMIX.size()));
        double mag = op.binned()
            ? Policies.magnitude(Policies.Space.AUGMIX, op, rng.nextInt(severity), 10, w, h) : 0;
        StepParams p = Policies.op(op, Policies.signed(op, mag, rng), interp);
        if (p != null) {
          ops.add(p);
        }
      }
      chains.add(ops);
    }
    return new AugMixParams(m, weights, chains);
  }
}
