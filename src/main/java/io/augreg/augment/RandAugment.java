package io.augreg.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RandAugment, as torchvision's {@code RandAugment}: {@code n} operations drawn uniformly (with
 * replacement) from torchvision's 14 (identity, shears, translations, rotation, brightness, colour,
 * contrast, sharpness, posterize, solarize, autocontrast, equalize), each at magnitude bin {@code
 * m} of {@code bins} with a random sign where signed. The record lists the operations it chose.
 *
 * <p>Spec: {@code randaugment n=2 m=9 bins=31 interp=nearest}.
 *
 * @param n number of operations, 0..16
 * @param m magnitude bin, 0..bins−1
 * @param bins number of magnitude bins, 2..100
 * @param interp interpolation of the geometric ops (nearest or linear)
 */
public record RandAugment(
    @Opt("2") int n, @Opt("9") int m, @Opt("31") int bins, @Opt("nearest") Interp interp)
    implements Step<RandAugment.RandAugmentParams> {

  /**
   * The chosen operations.
   *
   * @param ops the records applied in order
   */
  public record RandAugmentParams(List<StepParams> ops) implements ChainParams {
    /** Copies the list. */
    public RandAugmentParams {
      ops = List.copyOf(ops);
    }

    static RandAugmentParams fromMap(Map<String, Object> map) {
      return new RandAugmentParams(
          Policies.fromList(Policies.get(map, "randaugment", "ops"), "randaugment"));
    }
  }

  /** Validates the options. */
  public RandAugment {
    Check.integer("randaugment", "n", n, 0, 16);
    Check.integer("randaugment", "bins", bins, 2, 100);
    Check.integer("randaugment", "m", m, 0, bins - 1);
    Policies.checkInterp("randaugment", interp);
  }

  @Override
  public RandAugmentParams sample(SplittableRandom rng, int width, int height, int channels) {
    List<StepParams> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Policies.Op op = Policies.WITH_IDENTITY.get(rng.nextInt(Policies.WITH_IDENTITY.size()));
      double mag = op.binned()
          ? Policies.magnitude(Policies.Space.RAND, op, m, bins, width, height) : 0;
      StepParams p = Policies.op(op, Policies.signed(op, mag, rng), interp);
      if (p != null) {
        ops.add(p);
      }
    }
    return new RandAugmentParams(ops);
  }
}
