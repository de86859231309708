package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  @TempDir Path dir;

  @Test
  void classesAreSortedSubFoldersAndLabelsTheirIndex() throws Exception {
    for (String f :
        new String[] {
          "dog/b.jpg", "cat/2.png", "cat/1.png", "cat/deep/3.png", "readme.md", "cat/notes.txt"
        }) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    ImageFolder folder = ImageFolder.scan(dir);
    assertEquals(List.of("cat", "dog"), folder.classes());
    assertEquals(
        List.of("cat/1.png", "cat/2.png", "cat/deep/3.png", "dog/b.jpg"),
        folder.samples().stream().map(s -> s.file().relative()).toList());
    assertEquals(
        List.of(0, 0, 0, 1), folder.samples().stream().map(ImageFolder.Sample::label).toList());
  }

  @Test
  void aFolderWithoutClassesIsRefused() throws Exception {
    Files.writeString(dir.resolve("a.png"), "x");
    assertThrows(AugregException.class, () -> ImageFolder.scan(dir));
  }
}
