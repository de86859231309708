package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
  @TempDir Path dir;

  @Test
  void overlapIsRefusedEvenThroughLinksAndDotDot() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in/cat"));
    Path link = Files.createSymbolicLink(dir.resolve("alias"), in.getParent());
    assertThrows(
        AugregException.class, () -> PathGuard.check(in.getParent(), link.resolve("new/out")));
    assertThrows(
        AugregException.class,
        () -> PathGuard.check(in.getParent(), dir.resolve("x/../in/cat/../out")));
    assertThrows(AugregException.class, () -> PathGuard.check(in, dir.resolve("in")));
    assertTrue(
        io.augreg.core.RealPaths.of(dir.resolve("alias/cat/new")).startsWith(in.getParent().toRealPath()));
    PathGuard.check(
        in.getParent(), dir.resolve("in-out")); // a sibling with a common prefix is fine
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThrows(AugregException.class, () -> PathGuard.check(in, file));
  }
}
