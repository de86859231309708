package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The policy steps: torchvision's op lists and magnitude bins, records that replay via JSON. */
class PolicyTest {

  @Test
  void magnitudeBinsAreTorchvisions() {
    // torch.linspace(0, 0.3, 31)[9] in float32, posterize 8 − round(9 / 7.5) = 7, solarize bins
    assertEquals((double) (0.3f / 30 * 9), Policies.magnitude(Policies.Space.RAND,
        Policies.Op.SHEAR_X, 9, 31, 64, 64), 1e-7);
    assertEquals(7, Policies.magnitude(Policies.Space.RAND, Policies.Op.POSTERIZE, 9, 31, 64, 64));
    assertEquals(4, Policies.magnitude(Policies.Space.RAND, Policies.Op.POSTERIZE, 30, 31, 64, 64));
    assertEquals(2, Policies.magnitude(Policies.Space.WIDE, Policies.Op.POSTERIZE, 30, 31, 64, 64));
    assertEquals(255, Policies.magnitude(Policies.Space.RAND, Policies.Op.SOLARIZE, 0, 10, 64, 64));
    assertEquals(0, Policies.magnitude(Policies.Space.RAND, Policies.Op.SOLARIZE, 9, 10, 64, 64));
    assertEquals(135, Policies.magnitude(Policies.Space.WIDE, Policies.Op.ROTATE, 30, 31, 64, 64),
        1e-4);
    assertEquals(150.0 / 331 * 100, Policies.magnitude(Policies.Space.RAND,
        Policies.Op.TRANSLATE_X, 30, 31, 100, 50), 1e-4);
    assertEquals(50 / 3.0, Policies.magnitude(Policies.Space.AUGMIX, Policies.Op.TRANSLATE_Y, 9,
        10, 100, 50), 1e-4);
  }

  @Test
  void randAugmentDrawsEveryOpOfTorchvisionsList() {
    Transform<?> t = Transforms.create("randaugment", Map.of("n", "2", "m", "9"));
    Set<String> names = new TreeSet<>();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      RandAugment.RandAugmentParams p = (RandAugment.RandAugmentParams) t.sample(rng, 64, 48, 3);
      assertTrue(p.ops().size() <= 2);
      for (StepParams op : p.ops()) {
        names.add(op.getClass().getSimpleName());
        if (op instanceof Posterize.PosterizeParams pp) {
          assertEquals(7, pp.bits());
        }
        if (op instanceof Affine.AffineParams a && a.corner()) {
          double shear = Math.abs(a.shearX() + a.shearY());
          assertEquals(Math.toDegrees(Math.atan(0.3f / 30 * 9)), shear, 1e-5);
        }
      }
    }
    assertEquals(
        new TreeSet<>(List.of("AffineParams", "AutoContrastParams", "ColorJitterParams",
            "ContrastParams", "EqualizeParams", "PosterizeParams", "SaturationParams",
            "SharpnessParams", "SolarizeParams")),
        names);
  }

  @Test
  void autoAugmentRunsOnlyOpsOfTheChosenPolicy() {
    Transform<?> svhn = Transforms.create("autoaugment", Map.of("policy", "svhn"));
    SplittableRandom rng = new SplittableRandom(5);
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < 300; i++) {
      for (StepParams op : ((AutoAugment.AutoAugmentParams) svhn.sample(rng, 32, 32, 3)).ops()) {
        names.add(op.getClass().getSimpleName());
      }
    }
    // SVHN: shears, translations, rotations, invert, equalize, solarize, autocontrast, contrast
    assertEquals(new TreeSet<>(List.of("AffineParams", "AutoContrastParams", "ContrastParams",
        "EqualizeParams", "InvertParams", "SolarizeParams")), names);
  }

  @Test
  @SuppressWarnings("unchecked")
  void policyRecordsReplayThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String spec : List.of("randaugment n=3 m=15", "trivialaugment", "autoaugment policy=cifar10",
        "augmix severity=5 width=4", "augmix depth=2 alpha=0.5 interp=nearest")) {
      Pipeline p = Pipeline.parse(spec);
      assertEquals(spec.split(" ")[0], Pipeline.parse(p.toSpec()).toSpec().split(" ")[0]);
      assertEquals(p, Pipeline.parse(p.toSpec()));
      for (int ch : new int[] {1, 3, 4}) {
        for (int index = 0; index < 6; index++) {
          try (Mat src = TestImages.pattern(37, 29, ch, 3 + index);
              Mat a = new Mat();
              Mat b = new Mat()) {
            List<AppliedStep> steps = p.apply(src, a, 11, 0, index, 0);
            String text = json.writeValueAsString(steps.stream().map(AppliedStep::toMap).toList());
            List<Map<String, Object>> back = json.readValue(text, List.class);
            p.replay(src, b, p.replayFromMaps(back));
            assertArrayEquals(TestImages.bytes(a), TestImages.bytes(b), spec + " ch=" + ch);
            assertEquals(ch, a.channels());
          }
        }
      }
    }
  }

  @Test
  void augMixWeightsSumToOne() {
    Transform<?> t = Transforms.create("augmix", Map.of("width", "4", "alpha", "0.7"));
    SplittableRandom rng = new SplittableRandom(8);
    for (int i = 0; i < 50; i++) {
      AugMix.AugMixParams p = (AugMix.AugMixParams) t.sample(rng, 32, 32, 3);
      double sum = p.original();
      for (double w : p.weights()) {
        sum += w;
        assertTrue(w >= 0);
      }
      assertEquals(1, sum, 1e-9);
      assertEquals(4, p.chains().size());
      p.chains().forEach(c -> assertTrue(c.size() <= 3));
    }
  }
}
