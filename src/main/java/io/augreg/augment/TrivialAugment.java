package io.augreg.augment;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TrivialAugment (wide), as torchvision's {@code TrivialAugmentWide}: one operation drawn uniformly
 * from the same 14 as RandAugment, at a magnitude bin drawn uniformly from {@code bins} of the wide
 * ranges (shear 0.99, translation 32 px, rotation 135°, enhancements 0.99), with a random sign where
 * signed. The record lists the operation it chose.
 *
 * <p>Spec: {@code trivialaugment bins=31 interp=nearest}.
 *
 * @param bins number of magnitude bins, 2..100
 * @param interp interpolation of the geometric ops (nearest or linear)
 */
public record TrivialAugment(@Opt("31") int bins, @Opt("nearest") Interp interp)
    implements Step<TrivialAugment.TrivialAugmentParams> {

  /**
   * The chosen operation (none for the identity).
   *
   * @param ops the records applied in order
   */
  public record TrivialAugmentParams(List<StepParams> ops) implements ChainParams {
    /** Copies the list. */
    public TrivialAugmentParams {
      ops = List.copyOf(ops);
    }

    static TrivialAugmentParams fromMap(Map<String, Object> map) {
      return new TrivialAugmentParams(
          Policies.fromList(Policies.get(map, "trivialaugment", "ops"), "trivialaugment"));
    }
  }

  /** Validates the options. */
  public TrivialAugment {
    Check.integer("trivialaugment", "bins", bins, 2, 100);
    Policies.checkInterp("trivialaugment", interp);
  }

  @Override
  public TrivialAugmentParams sample(SplittableRandom rng, int width, int height, int channels) {
    Policies.Op op = Policies.WITH_IDENTITY.get(rng.nextInt(Policies.WITH_IDENTITY.size()));
    double mag = op.binned()
        ? Policies.magnitude(Policies.Space.WIDE, op, rng.nextInt(bins), bins, width, height) : 0;
    StepParams p = Policies.op(op, Policies.signed(op, mag, rng), interp);
    return new TrivialAugmentParams(p == null ? List.of() : List.of(p));
  }
}
