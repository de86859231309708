package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.image.SourceFile;
import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewSheetTest {
  @TempDir Path dir;

  @Test
  void picksEvenlyThroughTheList() {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      files.add(new SourceFile(Path.of("f" + i), "f" + i));
    }
    assertEquals(
        List.of("f0", "f2", "f5", "f7"),
        PreviewSheet.pick(files, 4).stream().map(SourceFile::relative).toList());
    assertEquals(files, PreviewSheet.pick(files, 10));
  }

  @Test
  void badFilesAreSkippedAndReported() throws Exception {
    TestImages.write(dir.resolve("a.png"), 30, 20, 3, 1);
    Files.writeString(dir.resolve("b.png"), "broken");
    PreviewSheet.Result r =
        PreviewSheet.build(
            new PreviewConfig(dir, 2, Pipeline.parse("hflip"), 0, 10, 64, 1_000_000));
    assertEquals(1, r.images().size());
    assertEquals(1, r.failures().size());
    assertEquals(dir.resolve("b.png"), r.failures().get(0).path());
    assertEquals(3 * (64 + 10) + 10, r.sheet().getWidth());
    assertThrows(
        AugregException.class,
        () -> new PreviewConfig(dir, 0, Pipeline.parse("hflip"), 0, 1, 64, 1));
  }
}
