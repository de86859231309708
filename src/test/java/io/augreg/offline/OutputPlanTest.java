package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.augreg.image.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPlanTest {
  private static SourceFile src(String rel) {
    return new SourceFile(Path.of("/in").resolve(rel), rel);
  }

  @Test
  void namesKeepFoldersAndResolveCollisionsInInputOrder() {
    List<List<PlannedOutput>> plan =
        OutputPlan.plan(
            List.of(src("cat/a.jpg"), src("cat/a.png"), src("cat/a_aug0.png"), src("x.tiff")),
            2,
            true,
            OutputFormat.PNG);
    assertEquals(List.of("cat/a.png", "cat/a_aug0.png", "cat/a_aug1.png"), names(plan.get(0)));
    assertEquals(
        List.of("cat/a_2.png", "cat/a_aug0_2.png", "cat/a_aug1_2.png"), names(plan.get(1)));
    assertEquals(
        List.of("cat/a_aug0_3.png", "cat/a_aug0_aug0.png", "cat/a_aug0_aug1.png"),
        names(plan.get(2)));
    assertEquals(List.of("x.png", "x_aug0.png", "x_aug1.png"), names(plan.get(3)));
    assertEquals(PlannedOutput.ORIGINAL, plan.get(0).get(0).copy());
    assertEquals(1, plan.get(0).get(2).copy());
  }

  @Test
  void sameFormatKeepsWritableExtensions() {
    assertEquals("jpeg", OutputFormat.SAME.extensionFor("JPEG"));
    assertEquals("png", OutputFormat.SAME.extensionFor("gif"));
    assertEquals("jpg", OutputFormat.JPG.extensionFor("png"));
    List<List<PlannedOutput>> plan =
        OutputPlan.plan(List.of(src("d/p.gif")), 1, false, OutputFormat.SAME);
    assertEquals(List.of("d/p_aug0.png"), names(plan.get(0)));
  }

  @Test
  void sampleKeyIsFnv1aOfThePath() {
    assertEquals(0xcbf29ce484222325L, OutputPlan.sampleKey(""));
    assertEquals(0xaf63dc4c8601ec8cL, OutputPlan.sampleKey("a")); // published FNV-1a 64 test vector
    assertNotEquals(OutputPlan.sampleKey("cat/a.png"), OutputPlan.sampleKey("cat/b.png"));
  }

  private static List<String> names(List<PlannedOutput> outs) {
    return outs.stream().map(PlannedOutput::relative).toList();
  }
}
