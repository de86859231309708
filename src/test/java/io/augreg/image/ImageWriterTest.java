package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageWriterTest {
  @TempDir Path dir;

  @Test
  void writesAtomicallyAndDeterministically() throws Exception {
    Path target = dir.resolve("a/b/out.png");
    try (Mat m = TestImages.pattern(16, 8, 3, 2)) {
      ImageWriter w = new ImageWriter();
      w.write(m, target);
      byte[] first = Files.readAllBytes(target);
      w.write(m, target); // replaces the existing file
      assertArrayEquals(first, Files.readAllBytes(target));
      assertArrayEquals(first, w.encode(m, "PNG"));
      try (Mat back = new ImageReader().read(target)) {
        assertArrayEquals(TestImages.pixels(m), TestImages.pixels(back));
      }
    }
    try (Stream<Path> s = Files.list(target.getParent())) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
    assertFalse(Files.exists(ImageWriter.tempName(target)));
  }

  @Test
  void jpegQualityChangesSize() {
    try (Mat m = TestImages.pattern(64, 64, 3, 5)) {
      int low = new ImageWriter(10).encode(m, "jpg").length;
      int high = new ImageWriter(100).encode(m, "jpg").length;
      assertTrue(low < high, low + " < " + high);
    }
  }

  @Test
  void refusesBadQualityAndFormat() {
    assertThrows(AugregException.class, () -> new ImageWriter(0));
    assertThrows(AugregException.class, () -> new ImageWriter(101));
    try (Mat m = TestImages.pattern(4, 4, 3, 0)) {
      AugregException e =
          assertThrows(AugregException.class, () -> new ImageWriter().encode(m, "gif"));
      assertTrue(e.getMessage().contains("supported: png"));
    }
  }
}
