package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decode guard's pixel limit holds for outputs too: a resizing step (resize, crop size=,
 * --size) that would make a larger image is a usage error before any image is read.
 */
@Timeout(30)
class OutputSizeGuardTest {
  @TempDir Path dir;
  Path in;

  @BeforeEach
  void makeInput() {
    in = dir.resolve("in");
    TestImages.write(in.resolve("a/x.png"), 64, 64, 3, 1);
    TestImages.write(in.resolve("b/y.png"), 64, 64, 3, 2);
  }

  @Test
  void hugeResizeAndCropSizesAreRefusedAtOnce() {
    Path out = dir.resolve("out");
    CliHarness.assertUsageError(
        CliHarness.run("augment", in.toString(), out.toString(), "--pipeline", "resize size=65535x65535"),
        "resize: bad value 'size=65535x65535' (expected at most 50000000 pixels");
    CliHarness.assertUsageError(
        CliHarness.run("augment", in.toString(), out.toString(), "--pipeline", "crop size=10000x10000"),
        "crop: bad value 'size=10000x10000'");
    CliHarness.assertUsageError(
        CliHarness.run("preview", in.toString(), "--pipeline", "hflip | resize size=8000x8000",
            "--out", dir.resolve("p.png").toString()),
        "resize: bad value 'size=8000x8000'");
    assertFalse(Files.exists(out));
  }

  @Test
  void hugeSizeOptionsAreRefusedAtOnce() {
    CliHarness.assertUsageError(
        CliHarness.run("augment", in.toString(), dir.resolve("out").toString(), "--size", "65535x65535"),
        "--size 65535x65535 is 4294836225 pixels, more than the 50000000");
    CliHarness.assertUsageError(
        CliHarness.run("train", "--train", in.toString(), "--size", "10000x10000", "--out",
            dir.resolve("m").toString()),
        "--size 10000x10000 is 100000000 pixels");
  }

  @Test
  void aSideAbove65535SaysTheLimit() {
    CliHarness.assertUsageError(
        CliHarness.run("augment", in.toString(), dir.resolve("out").toString(), "--size", "1x100000"),
        "--size sides must be in [1, 65535], got 1x100000");
    CliHarness.assertUsageError(
        CliHarness.run("train", "--train", in.toString(), "--size", "1x99999999999999999999999",
            "--out", dir.resolve("m").toString()),
        "--size sides must be in [1, 65535]");
  }

  @Test
  void aLargeButAllowedResizeStillRuns() {
    CliHarness.Result r =
        CliHarness.run("augment", in.toString(), dir.resolve("out").toString(), "--pipeline",
            "resize size=300x200", "--copies", "1");
    assertEquals(0, r.exitCode(), r.err());
  }
}
