package io.augreg.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * AutoAugment, as torchvision's {@code AutoAugment}: one of the 25 sub-policies of the chosen
 * {@code policy} (torchvision's lists for ImageNet, CIFAR-10 and SVHN) drawn uniformly; each of its
 * two operations runs with its probability at its magnitude bin of 10, with a random sign where
 * signed. The record lists the operations that ran.
 *
 * <p>Spec: {@code autoaugment policy=imagenet interp=nearest}.
 *
 * @param policy the policy set
 * @param interp interpolation of the geometric ops (nearest or linear)
 */
public record AutoAugment(@Opt("imagenet") Policy policy, @Opt("nearest") Interp interp)
    implements Step<AutoAugment.AutoAugmentParams> {

  /** torchvision's {@code AutoAugmentPolicy}: sub-policies as "Op p bin Op p bin" ("-": no bin). */
  public enum Policy implements SpecName {
    IMAGENET("imagenet", new String[] {
        "Posterize 0.4 8 Rotate 0.6 9",
        "Solarize 0.6 5 AutoContrast 0.6 -",
        "Equalize 0.8 - Equalize 0.6 -",
        "Posterize 0.6 7 Posterize 0.6 6",
        "Equalize 0.4 - Solarize 0.2 4",
        "Equalize 0.4 - Rotate 0.8 8",
        "Solarize 0.6 3 Equalize 0.6 -",
        "Posterize 0.8 5 Equalize 1.0 -",
        "Rotate 0.2 3 Solarize 0.6 8",
        "Equalize 0.6 - Posterize 0.4 6",
        "Rotate 0.8 8 Color 0.4 0",
        "Rotate 0.4 9 Equalize 0.6 -",
        "Equalize 0.0 - Equalize 0.8 -",
        "Invert 0.6 - Equalize 1.0 -",
        "Color 0.6 4 Contrast 1.0 8",
        "Rotate 0.8 8 Color 1.0 2",
        "Color 0.8 8 Solarize 0.8 7",
        "Sharpness 0.4 7 Invert 0.6 -",
        "ShearX 0.6 5 Equalize 1.0 -",
        "Color 0.4 0 Equalize 0.6 -",
        "Equalize 0.4 - Solarize 0.2 4",
        "Solarize 0.6 5 AutoContrast 0.6 -",
        "Invert 0.6 - Equalize 1.0 -",
        "Color 0.6 4 Contrast 1.0 8",
        "Equalize 0.8 - Equalize 0.6 -"}),
    CIFAR10("cifar10", new String[] {
        "Invert 0.1 - Contrast 0.2 6",
        "Rotate 0.7 2 TranslateX 0.3 9",
        "Sharpness 0.8 1 Sharpness 0.9 3",
        "ShearY 0.5 8 TranslateY 0.7 9",
        "AutoContrast 0.5 - Equalize 0.9 -",
        "ShearY 0.2 7 Posterize 0.3 7",
        "Color 0.4 3 Brightness 0.6 7",
        "Sharpness 0.3 9 Brightness 0.7 9",
        "Equalize 0.6 - Equalize 0.5 -",
        "Contrast 0.6 7 Sharpness 0.6 5",
        "Color 0.7 7 TranslateX 0.5 8",
        "Equalize 0.3 - AutoContrast 0.4 -",
        "TranslateY 0.4 3 Sharpness 0.2 6",
        "Brightness 0.9 6 Color 0.2 8",
        "Solarize 0.5 2 Invert 0.0 -",
        "Equalize 0.2 - AutoContrast 0.6 -",
        "Equalize 0.2 - Equalize 0.6 -",
        "Color 0.9 9 Equalize 0.6 -",
        "AutoContrast 0.8 - Solarize 0.2 8",
        "Brightness 0.1 3 Color 0.7 0",
        "Solarize 0.4 5 AutoContrast 0.9 -",
        "TranslateY 0.9 9 TranslateY 0.7 9",
        "AutoContrast 0.9 - Solarize 0.8 3",
        "Equalize 0.8 - Invert 0.1 -",
        "TranslateY 0.7 9 AutoContrast 0.9 -"}),
    SVHN("svhn", new String[] {
        "ShearX 0.9 4 Invert 0.2 -",
        "ShearY 0.9 8 Invert 0.7 -",
        "Equalize 0.6 - Solarize 0.6 6",
        "Invert 0.9 - Equalize 0.6 -",
        "Equalize 0.6 - Rotate 0.9 3",
        "ShearX 0.9 4 AutoContrast 0.8 -",
        "ShearY 0.9 8 Invert 0.4 -",
        "ShearY 0.9 5 Solarize 0.2 6",
        "Invert 0.9 - AutoContrast 0.8 -",
        "Equalize 0.6 - Rotate 0.9 3",
        "ShearX 0.9 4 Solarize 0.3 3",
        "ShearY 0.8 8 Invert 0.7 -",
        "Equalize 0.9 - TranslateY 0.6 6",
        "Invert 0.9 - Equalize 0.6 -",
        "Contrast 0.3 3 Rotate 0.8 4",
        "Invert 0.8 - TranslateY 0.0 2",
        "ShearY 0.7 6 Solarize 0.4 8",
        "Invert 0.6 - Rotate 0.8 4",
        "ShearY 0.3 7 TranslateX 0.9 3",
        "ShearX 0.1 6 Invert 0.6 -",
        "Solarize 0.7 2 TranslateY 0.6 7",
        "ShearY 0.8 4 Invert 0.8 -",
        "ShearX 0.7 9 TranslateY 0.8 3",
        "ShearY 0.8 5 AutoContrast 0.7 -",
        "ShearX 0.7 2 Invert 0.1 -"});

    private final String specName;
    final String[] subPolicies;

    Policy(String specName, String[] subPolicies) {
      this.specName = specName;
      this.subPolicies = subPolicies;
    }

    @Override
    public String specName() {
      return specName;
    }
  }

  /**
   * The operations that ran.
   *
   * @param ops the records applied in order
   */
  public record AutoAugmentParams(List<StepParams> ops) implements ChainParams {
    /** Copies the list. */
    public AutoAugmentParams {
      ops = List.copyOf(ops);
    }

    static AutoAugmentParams fromMap(Map<String, Object> map) {
      return new AutoAugmentParams(
          Policies.fromList(Policies.get(map, "autoaugment", "ops"), "autoaugment"));
    }
  }

  /** Validates the options. */
  public AutoAugment {
    Policies.checkInterp("autoaugment", interp);
  }

  @Override
  public AutoAugmentParams sample(SplittableRandom rng, int width, int height, int channels) {
    // torchvision's get_params: sub-policy, two probabilities, two sign bits, in that order
    String[] sub = policy.subPolicies[rng.nextInt(policy.subPolicies.length)].split(" ");
    double[] probs = {rng.nextDouble(), rng.nextDouble()};
    boolean[] negate = {!rng.nextBoolean(), !rng.nextBoolean()};
    List<StepParams> ops = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Policies.Op op = Policies.Op.byTorchName(sub[3 * i]);
      if (probs[i] > Double.parseDouble(sub[3 * i + 1])) {
        continue;
      }
      double m = sub[3 * i + 2].equals("-") ? 0
          : Policies.magnitude(Policies.Space.RAND, op, Integer.parseInt(sub[3 * i + 2]), 10,
              width, height);
      StepParams p = Policies.op(op, op.signed() && negate[i] ? -m : m, interp);
      if (p != null) {
        ops.add(p);
      }
    }
    return new AutoAugmentParams(ops);
  }
}
