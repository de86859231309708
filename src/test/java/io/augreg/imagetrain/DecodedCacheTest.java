package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedCacheTest {
  @TempDir Path dir;

  private static byte[] bytes(Mat m) {
    byte[] b = new byte[m.rows() * m.cols() * m.channels()];
    try (BytePointer p = m.data()) {
      p.get(b);
    }
    return b;
  }

  @Test
  void getIntoAReusedMatGivesTheSameBytesCachedOrNot() {
    Path circle = Path.of("samples/shapes/circles/circle0.png");
    Path square = Path.of("samples/shapes/squares/square0.png");
    DecodedCache c = new DecodedCache(new ImageReader(), 8, 6, 8 * 6 * 3); // room for one
    try (Mat ref0 = c.get(0, circle);
        Mat ref1 = c.get(1, square);
        Mat into = new Mat()) {
      c.get(0, circle, into); // cached
      assertEquals(8, into.cols());
      assertEquals(6, into.rows());
      assertArrayEquals(bytes(ref0), bytes(into));
      c.get(1, square, into); // read again
      assertArrayEquals(bytes(ref1), bytes(into));
    }
    assertEquals(3, c.reads());
  }

  @Test
  void resizesKeepsWithinBudgetAndServesTheSameBytes() {
    Path circle = Path.of("samples/shapes/circles/circle0.png"); // 64x64 RGB
    Path square = Path.of("samples/shapes/squares/square0.png");
    DecodedCache c = new DecodedCache(new ImageReader(), 8, 6, 8 * 6 * 3);
    byte[] first;
    try (Mat a = c.get(0, circle)) {
      assertEquals(8, a.cols());
      assertEquals(6, a.rows());
      first = bytes(a);
    }
    try (Mat b = c.get(1, square);
        Mat again = c.get(0, circle);
        Mat b2 = c.get(1, square)) {
      assertArrayEquals(first, bytes(again));
      assertArrayEquals(bytes(b), bytes(b2));
    }
    assertEquals(1, c.cachedImages());
    assertEquals(8 * 6 * 3, c.bytesUsed());
    assertEquals(3, c.reads()); // circle once, square twice (over budget)
  }

  @Test
  void badFileAndBadBudget() throws Exception {
    Path bad = Files.writeString(dir.resolve("x.png"), "nope");
    DecodedCache c = new DecodedCache(new ImageReader(), 4, 4, 1000);
    assertThrows(BadImageException.class, () -> c.get(0, bad));
    assertEquals(0, c.bytesUsed());
    assertThrows(AugregException.class, () -> new DecodedCache(new ImageReader(), 4, 4, -1));
  }
}
