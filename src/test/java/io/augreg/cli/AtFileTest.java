package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pipeline @FILE} and {@code --augment @FILE} reach augreg's spec parser whole: picocli's
 * own @-file expansion (which would split the file into arguments) is off in every command.
 */
class AtFileTest {
  @TempDir Path dir;
  Path in;
  Path pipe;

  @BeforeEach
  void makeInput() throws Exception {
    in = dir.resolve("in");
    TestImages.write(in.resolve("a/x.png"), 16, 12, 3, 1);
    TestImages.write(in.resolve("b/y.png"), 16, 12, 3, 2);
    pipe = Files.writeString(dir.resolve("pipe.txt"), "hflip p=0.5 | rotate deg=-5..5\n");
  }

  @Test
  void augmentReadsPipelineFromAtFile() throws Exception {
    Path out = dir.resolve("out");
    CliHarness.Result r =
        CliHarness.run("augment", in.toString(), out.toString(), "--pipeline", "@" + pipe);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(hasOutput(out.resolve("a")), r.out());
  }

  private static boolean hasOutput(Path folder) throws Exception {
    try (var s = Files.list(folder)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".png"));
    }
  }

  @Test
  void augmentWithAtFolderIsOneLineUsageError() {
    CliHarness.Result r =
        CliHarness.run("augment", in.toString(), dir.resolve("o").toString(), "--pipeline", "@" + in);
    CliHarness.assertUsageError(r, "pipeline spec file " + in);
  }

  @Test
  void previewReadsPipelineFromAtFile() {
    Path png = dir.resolve("sheet.png");
    CliHarness.Result r =
        CliHarness.run("preview", in.toString(), "--pipeline", "@" + pipe, "--out", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(png));
  }

  @Test
  void trainReadsAugmentFromAtFile() throws Exception {
    // a bad second step: the parser names it, so the file reached it whole (no training runs)
    Path bad = Files.writeString(dir.resolve("bad.txt"), "hflip p=0.5 | nosuchstep\n");
    CliHarness.Result r =
        CliHarness.run("train", "--train", in.toString(), "--augment", "@" + bad,
            "--out", dir.resolve("model").toString());
    CliHarness.assertUsageError(r, "nosuchstep");
  }

  @Test
  void trainWithAtFolderIsOneLineUsageError() {
    CliHarness.Result r =
        CliHarness.run("train", "--train", in.toString(), "--augment", "@" + in,
            "--out", dir.resolve("model").toString());
    CliHarness.assertUsageError(r, "pipeline spec file " + in);
  }
}
