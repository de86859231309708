package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentJobTest {
  @TempDir Path dir;

  private AugmentConfig config(Path in, Path out, int copies, boolean keep) {
    return new AugmentConfig(
        in,
        out,
        copies,
        keep,
        Pipeline.parse("hflip p=0.5"),
        1,
        2,
        OutputFormat.SAME,
        95,
        null,
        false,
        false,
        1_000_000);
  }

  @Test
  void listenerSeesEverySourceInInputOrder() {
    Path in = dir.resolve("in");
    for (String f : new String[] {"b/2.png", "a/1.png", "b/1.png", "c.png"}) {
      TestImages.write(in.resolve(f), 8, 8, 3, f.length());
    }
    List<String> seen = new ArrayList<>();
    int[] started = {0};
    AugmentReport r =
        new AugmentJob(config(in, dir.resolve("out"), 2, false))
            .run(
                new AugmentJob.Listener() {
                  @Override
                  public void started(int sources) {
                    started[0] = sources;
                  }

                  @Override
                  public void done(SourceOutcome o) {
                    seen.add(o.source().relative());
                  }
                });
    assertEquals(4, started[0]);
    assertEquals(List.of("a/1.png", "b/1.png", "b/2.png", "c.png"), seen);
    assertEquals(8, r.written());
    assertTrue(Files.exists(dir.resolve("out/c_aug1.png")));
  }

  @Test
  void aSingleFileInputWritesBesideItButNeverOverIt() {
    Path img = TestImages.write(dir.resolve("pic.png"), 8, 8, 3, 0);
    AugregException e =
        assertThrows(
            AugregException.class,
            () ->
                new AugmentJob(
                        new AugmentConfig(
                            img,
                            dir,
                            1,
                            true,
                            Pipeline.parse("vflip"),
                            1,
                            1,
                            OutputFormat.SAME,
                            95,
                            null,
                            false,
                            true,
                            1_000_000))
                    .run(new AugmentJob.Listener() {}));
    assertTrue(e.getMessage().contains("would overwrite the input"), e.getMessage());
    AugmentReport r =
        new AugmentJob(config(img, dir.resolve("o"), 1, false)).run(new AugmentJob.Listener() {});
    assertEquals(1, r.written());
    assertTrue(Files.exists(dir.resolve("o/pic_aug0.png")));
  }

  @Test
  void configValidationNamesTheOption() {
    Path p = dir;
    Pipeline pl = Pipeline.parse("vflip");
    assertTrue(
        assertThrows(
                AugregException.class,
                () ->
                    new AugmentConfig(
                        p, p, 1, false, pl, 0, 0, OutputFormat.PNG, 95, null, false, false, 10))
            .getMessage()
            .startsWith("--threads"));
    assertTrue(
        assertThrows(
                AugregException.class,
                () ->
                    new AugmentConfig(
                        p, p, 1, false, pl, 0, 1, OutputFormat.PNG, 95, null, true, true, 10))
            .getMessage()
            .contains("--resume and --overwrite"));
  }

  @Test
  void theDefaultPipelineParses() {
    Pipeline p = Pipeline.parse(AugmentConfig.DEFAULT_PIPELINE);
    assertEquals(p, Pipeline.parse(p.toSpec()));
  }

  @Test
  void copyKIsThePipelineWithTheDocumentedSeedDerivation() throws Exception {
    Path in = dir.resolve("in");
    TestImages.write(in.resolve("cls/a.png"), 24, 16, 3, 7);
    Pipeline p = Pipeline.parse("rotate deg=-30..30 | noise sigma=0..9 p=0.5");
    Path out = dir.resolve("out");
    new AugmentJob(
            new AugmentConfig(
                in, out, 3, false, p, 99, 2, OutputFormat.PNG, 95, null, false, false, 1_000_000))
        .run(new AugmentJob.Listener() {});
    long key = OutputPlan.sampleKey("cls/a.png");
    try (org.bytedeco.opencv.opencv_core.Mat src =
            new io.augreg.image.ImageReader().read(in.resolve("cls/a.png"));
        org.bytedeco.opencv.opencv_core.Mat dst = new org.bytedeco.opencv.opencv_core.Mat()) {
      for (int k = 0; k < 3; k++) {
        p.apply(src, dst, 99, 0, key, k);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            new io.augreg.image.ImageWriter().encode(dst, "png"),
            Files.readAllBytes(out.resolve("cls/a_aug" + k + ".png")),
            "copy " + k);
      }
    }
  }
}
