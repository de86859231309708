package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  private void touch(String rel) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, rel);
  }

  @Test
  void walksRecursivelyInComponentOrderSkippingHiddenFiles() throws Exception {
    for (String f :
        new String[] {
          "b/x.png",
          "a-b/x.png",
          "a/z.png",
          "a/sub/y.png",
          "top.txt",
          ".hidden.png",
          "a/.DS_Store",
          ".git/obj",
          "a/Thumbs.db",
          "B/y.png"
        }) {
      touch(f);
    }
    List<String> rel = ImageFiles.walk(dir).stream().map(SourceFile::relative).toList();
    assertEquals(
        List.of("B/y.png", "a/sub/y.png", "a/z.png", "a-b/x.png", "b/x.png", "top.txt"), rel);
  }

  @Test
  void aFileRootIsListedAlone() throws Exception {
    touch("one/pic.jpg");
    List<SourceFile> files = ImageFiles.walk(dir.resolve("one/pic.jpg"));
    assertEquals(1, files.size());
    assertEquals("pic.jpg", files.get(0).relative());
    assertEquals("pic", files.get(0).stem());
    assertEquals("jpg", files.get(0).extension());
    assertEquals("", files.get(0).folder());
    assertThrows(AugregException.class, () -> ImageFiles.walk(dir.resolve("missing")));
  }

  /** A class folder that is a link to images kept elsewhere is walked, not silently skipped. */
  @Test
  void followsSymlinkedFoldersAndListsDanglingLinks() throws Exception {
    touch("elsewhere/dogs/d1.png");
    touch("elsewhere/dogs/deep/d2.png");
    touch("in/cat/c.png");
    Files.createSymbolicLink(dir.resolve("in/dog"), dir.resolve("elsewhere/dogs"));
    Files.createSymbolicLink(dir.resolve("in/cat/gone.png"), dir.resolve("nowhere.png"));
    List<SourceFile> files = ImageFiles.walk(dir.resolve("in"));
    assertEquals(
        List.of("cat/c.png", "cat/gone.png", "dog/d1.png", "dog/deep/d2.png"),
        files.stream().map(SourceFile::relative).toList());
    assertEquals(dir.resolve("in/dog/d1.png"), files.get(2).path());
  }

  @Test
  void aLinkBackToAnAncestorIsAnErrorNamingIt() throws Exception {
    touch("in/cat/c.png");
    Files.createSymbolicLink(dir.resolve("in/cat/loop"), dir.resolve("in"));
    AugregException e = assertThrows(AugregException.class, () -> ImageFiles.walk(dir.resolve("in")));
    assertEquals(
        dir.resolve("in/cat/loop")
            + ": a symbolic link back to a folder above it (it would loop); remove it or point it"
            + " elsewhere",
        e.getMessage());
  }
}
