package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The contract every registered transform must keep, plus the registry itself. */
class TransformsTest {
  /** Options that make every transform actually change pixels. */
  static Map<String, String> options(String name) {
    return switch (name) {
      case "resize" -> Map.of("size", "23x17");
      case "noise" -> Map.of("sigma", "5..15");
      case "rotate" -> Map.of("deg", "-40..40", "border", "constant");
      case "crop" -> Map.of("scale", "0.3..0.9");
      case "translate" -> Map.of("x", "0.1..0.3", "y", "-0.3..-0.1");
      case "zoom" -> Map.of("factor", "1.2..1.5");
      case "contrast" -> Map.of("factor", "1.3..1.6");
      case "brightness" -> Map.of("delta", "10..20");
      case "saturation" -> Map.of("factor", "0.2..0.5");
      case "hue" -> Map.of("shift", "0.2..0.3");
      case "gamma" -> Map.of("gamma", "1.5..2");
      case "posterize" -> Map.of("bits", "2..3");
      case "sharpness" -> Map.of("factor", "2..3");
      case "blur" -> Map.of("sigma", "1..2");
      case "affine" -> Map.of("deg", "10..20", "shear_x", "5");
      case "centercrop" -> Map.of("size", "30x20");
      case "randomcrop" -> Map.of("size", "36x28", "padding", "4");
      case "zoomout" -> Map.of("side", "1.5..2");
      case "randaugment" -> Map.of("n", "3");
      case "erase" -> Map.of("scale", "0.1..0.3", "value", "channel");
      default -> Map.of();
    };
  }

  /** Steps that leave some inputs unchanged by design. */
  static boolean mayKeep(String name, int channels) {
    return name.equals("resize")
        || name.equals("autocontrast") // the test pattern already spans 0..255
        || name.equals("trivialaugment") || name.equals("autoaugment") // may draw no op
        || (channels == 1 && List.of("saturation", "hue", "grayscale", "channelshuffle", "colorjitter")
            .contains(name));
  }

  @Test
  void registryListsTheCatalogue() {
    assertEquals(
        List.of("hflip", "vflip", "rotate", "crop", "resize", "translate", "zoom", "contrast",
            "brightness", "noise", "saturation", "hue", "colorjitter", "grayscale",
            "channelshuffle", "gamma", "invert", "posterize", "solarize", "sharpness",
            "autocontrast", "equalize"),
        List.copyOf(Transforms.names()).subList(0, 22));
  }

  @Test
  void contractHoldsForEveryTransformAndChannelCount() {
    for (String name : Transforms.names()) {
      Transform<?> t = Transforms.create(name, options(name));
      assertEquals(name, t.name());
      assertEquals(t, Transforms.create(name, parseSpecOptions(t.toSpec())), name + " spec round trip");
      for (int ch : new int[] {1, 3, 4}) {
        String what = name + " with " + ch + " channels";
        try (Mat src = TestImages.pattern(40, 30, ch, 11);
            Mat a = new Mat();
            Mat b = new Mat();
            Mat c = new Mat();
            Mat skipped = new Mat()) {
          byte[] before = TestImages.bytes(src);
          Pipeline p = Pipeline.of(t);
          List<AppliedStep> steps = p.apply(src, a, 42, 1, 7, 0);
          p.apply(src, b, 42, 1, 7, 0);
          assertArrayEquals(TestImages.bytes(a), TestImages.bytes(b), what + ": same seed, same pixels");
          assertArrayEquals(before, TestImages.bytes(src), what + ": input unchanged");
          assertEquals(src.type(), a.type(), what + ": type kept");
          assertEquals(ch, a.channels(), what + ": channels kept");
          if (!mayKeep(name, ch)) {
            assertFalse(java.util.Arrays.equals(before, TestImages.bytes(a)), what + ": changes pixels");
          }
          // the parameter record survives its map form and replays to the same bytes
          AppliedStep step = steps.get(0);
          assertTrue(step.applied());
          Params back = t.paramsFromMap(step.params().toMap());
          assertEquals(step.params(), back, what + ": params map round trip");
          p.replay(src, c, List.of(new AppliedStep(name, true, back)));
          assertArrayEquals(TestImages.bytes(a), TestImages.bytes(c), what + ": replay");
          // p = 0 is the identity and records a skipped step
          Pipeline never = Pipeline.builder().add(t, 0).build();
          List<AppliedStep> none = never.apply(src, skipped, 42, 1, 7, 0);
          assertArrayEquals(before, TestImages.bytes(skipped), what + ": p=0 is identity");
          assertFalse(none.get(0).applied());
        }
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentPixelsForRandomTransforms() {
    for (String name : List.of("rotate", "crop", "translate", "zoom", "contrast", "brightness", "noise")) {
      Pipeline p = Pipeline.of(Transforms.create(name, options(name)));
      try (Mat src = TestImages.pattern(40, 30, 3, 5);
          Mat a = new Mat();
          Mat b = new Mat()) {
        p.apply(src, a, 1, 0, 0, 0);
        p.apply(src, b, 1, 0, 1, 0);
        assertFalse(java.util.Arrays.equals(TestImages.bytes(a), TestImages.bytes(b)), name);
      }
    }
  }

  @Test
  void samplingDependsOnlyOnTheGenerator() {
    for (String name : Transforms.names()) {
      Transform<?> t = Transforms.create(name, options(name));
      Params a = t.sample(new SplittableRandom(9), 64, 48, 3);
      Params b = t.sample(new SplittableRandom(9), 64, 48, 3);
      assertEquals(a, b, name);
    }
  }

  @Test
  void unknownNamesKeysAndValuesAreReported() {
    AugregException e = assertThrows(AugregException.class, () -> Transforms.create("sepia", Map.of()));
    assertTrue(e.getMessage().contains("'sepia'") && e.getMessage().contains("hflip, vflip, rotate"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("noise", Map.of("std", "3")));
    assertTrue(e.getMessage().contains("'std'") && e.getMessage().contains("sigma, per_channel"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("crop", Map.of("scale", "0.5..2")));
    assertTrue(e.getMessage().contains("scale=0.5..2"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("rotate", Map.of("border", "wrap")));
    assertTrue(e.getMessage().contains("border=wrap") && e.getMessage().contains("reflect"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("hflip", Map.of("p", "0.5")));
    assertTrue(e.getMessage().contains("pipeline step option"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("resize", Map.of()));
    assertTrue(e.getMessage().contains("size"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Transforms.create("rotate", Map.of("deg", "5..1")));
    assertTrue(e.getMessage().contains("deg=5..1"), e.getMessage());
  }

  @Test
  void wholeCatalogueGivesTheSameBytesOnOneOrTwoThreads() {
    List<String> steps = new java.util.ArrayList<>();
    for (String name : Transforms.names()) {
      if (!List.of("resize", "centercrop", "randomcrop", "pad", "zoomout").contains(name)) {
        StringBuilder sb = new StringBuilder(name);
        options(name).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        steps.add(sb + " p=0.5");
      }
    }
    Pipeline p = Pipeline.parse(String.join(" | ", steps));
    List<Mat> src = new java.util.ArrayList<>();
    List<Mat> one = new java.util.ArrayList<>();
    List<Mat> two = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        src.add(TestImages.pattern(33, 27, i % 2 == 0 ? 3 : 4, i));
        one.add(new Mat());
        two.add(new Mat());
      }
      p.applyBatch(src, one, 5, 0, 0, 1);
      p.applyBatch(src, two, 5, 0, 0, 2);
      for (int i = 0; i < src.size(); i++) {
        assertArrayEquals(TestImages.bytes(one.get(i)), TestImages.bytes(two.get(i)), "image " + i);
      }
    } finally {
      src.forEach(Mat::close);
      one.forEach(Mat::close);
      two.forEach(Mat::close);
    }
  }

  /** Options of a single-step spec text, e.g. "rotate deg=1..2 border=reflect". */
  static Map<String, String> parseSpecOptions(String spec) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    String[] parts = spec.trim().split("\\s+");
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      m.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return m;
  }
}
