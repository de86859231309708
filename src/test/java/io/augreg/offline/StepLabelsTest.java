package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.augment.AppliedStep;
import io.augreg.augment.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepLabelsTest {
  @Test
  void knownAndGenericSteps() {
    assertEquals(
        "rotate -12.3°", StepLabels.line("rotate", Map.of("angle", -12.34, "border", "reflect")));
    assertEquals(
        "crop 40x30 at 3,4", StepLabels.line("crop", Map.of("x", 3, "y", 4, "w", 40, "h", 30)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("factor", 1.23456);
    m.put("shared", true);
    m.put("mode", "x");
    m.put("n", 7);
    m.put("off", false);
    m.put("whole", 3.0);
    assertEquals("blur factor=1.23 shared n=7 whole=3", StepLabels.line("blur", m));
    assertEquals("contrast ×1.23", StepLabels.line("contrast", Map.of("factor", 1.23456)));
    assertEquals("brightness -8.12", StepLabels.line("brightness", Map.of("delta", -8.1234)));
    assertEquals("brightness +8", StepLabels.line("brightness", Map.of("delta", 8.0)));
    assertEquals(
        "noise σ=5.01 shared",
        StepLabels.line("noise", Map.of("sigma", 5.0101, "per_channel", false, "seed", 99L)));
    assertEquals(
        "translate dx=3 dy=-2",
        StepLabels.line(
            "translate", new java.util.TreeMap<>(Map.of("dx", 3, "dy", -2, "border", "reflect"))));
    assertEquals("0.000123", StepLabels.number(0.00012345));
  }

  @Test
  void skippedStepsAreLeftOut() {
    assertEquals(
        List.of("(unchanged)"), StepLabels.lines(List.of(new AppliedStep("hflip", false, null))));
    Pipeline p = Pipeline.parse("vflip | hflip p=0");
    List<AppliedStep> steps = p.sample(new java.util.SplittableRandom(1), 10, 10, 3);
    assertEquals(List.of("vflip"), StepLabels.lines(steps));
  }

  @org.junit.jupiter.api.Test
  void policyLabelsListTheOpsTheyChose() {
    java.util.Map<String, Object> ops = java.util.Map.of("ops", java.util.List.of(
        java.util.Map.of("name", "posterize", "params", java.util.Map.of("bits", 7)),
        java.util.Map.of("name", "solarize", "params", java.util.Map.of("threshold", 110.5))));
    org.junit.jupiter.api.Assertions.assertEquals(
        "randaugment: posterize bits=7, solarize threshold=111",
        StepLabels.line("randaugment", ops));
    org.junit.jupiter.api.Assertions.assertEquals("trivialaugment: identity",
        StepLabels.line("trivialaugment", java.util.Map.of("ops", java.util.List.of())));
  }
}
