package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.image.TestImages;
import io.augreg.plot.ContactSheet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
  @TempDir Path dir;

  @Test
  void writesAContactSheetOfTheExpectedSize() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < 5; i++) {
      TestImages.write(in.resolve((i % 2 == 0 ? "a/" : "b/") + i + ".png"), 30 + i, 20, 3, i);
    }
    Files.writeString(in.resolve("a/readme.txt"), "ignored: not an image extension");
    Map<String, String> before = AugmentCommandTest.hashes(in);
    Path out = dir.resolve("sheet.png");
    CliHarness.Result r =
        CliHarness.run(
            "preview",
            in.toString(),
            "--out",
            out.toString(),
            "--variants",
            "3",
            "--max-images",
            "4",
            "--tile",
            "128",
            "--pipeline",
            "vflip p=0.5");
    assertEquals(0, r.exitCode(), r.err());
    BufferedImage sheet = ImageIO.read(out.toFile());
    // labels: the original has 2 lines; a variant "#k" plus at most one step line
    int[] wh = ContactSheet.size(4, 4, 128, 2, 1);
    assertEquals(wh[0], sheet.getWidth());
    assertEquals(wh[1], sheet.getHeight());
    assertTrue(r.out().contains("4 images x 4 tiles"), r.out());
    assertEquals(before, AugmentCommandTest.hashes(in));
  }

  @Test
  void aBadSingleImageIsAUserError() throws Exception {
    Path bad = Files.writeString(dir.resolve("x.png"), "nope");
    CliHarness.Result r =
        CliHarness.run("preview", bad.toString(), "--out", dir.resolve("s.png").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("not an image"), r.err());
    assertEquals(2, CliHarness.run("preview", bad.toString(), "--variants", "0").exitCode());
  }

  @Test
  void theShippedPhotosPreview() throws Exception {
    Path out = dir.resolve("photos.png");
    CliHarness.Result r =
        CliHarness.run(
            "preview",
            "samples/photos",
            "--out",
            out.toString(),
            "--variants",
            "2",
            "--tile",
            "64");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        3 * (64 + ContactSheet.GAP) + ContactSheet.GAP, ImageIO.read(out.toFile()).getWidth());
  }
}
