package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.augment.Pipeline;
import io.augreg.image.ImageReader;
import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReplayTest {
  @TempDir Path dir;

  @Test
  void everyManifestLineReplaysToTheSameBytes() throws Exception {
    Path in = dir.resolve("in");
    TestImages.write(in.resolve("a/x.png"), 48, 40, 3, 1);
    TestImages.write(in.resolve("b/y.jpg"), 30, 50, 3, 2);
    TestImages.write(in.resolve("b/z.png"), 20, 20, 4, 3);
    Path out = dir.resolve("out");
    for (Object[] opts :
        new Object[][] {{OutputFormat.SAME, null}, {OutputFormat.JPG, new Size(24, 16)}}) {
      AugmentConfig c =
          new AugmentConfig(
              in,
              out,
              3,
              true,
              Pipeline.parse(AugmentConfig.DEFAULT_PIPELINE),
              5,
              2,
              (OutputFormat) opts[0],
              80,
              (Size) opts[1],
              false,
              true,
              1_000_000);
      AugmentReport r = new AugmentJob(c).run(new AugmentJob.Listener() {});
      assertEquals(12, r.written());
      List<String> lines = Files.readAllLines(r.manifest());
      assertEquals(12, lines.size());
      for (String line : lines) {
        JsonNode n = ManifestLine.parse(line);
        byte[] expected = Files.readAllBytes(out.resolve(n.path("output").asText()));
        assertArrayEquals(expected, ManifestReplay.replay(line, in, new ImageReader()), line);
      }
    }
  }
}
