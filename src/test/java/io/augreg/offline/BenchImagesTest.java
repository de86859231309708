package io.augreg.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchImagesTest {
  @TempDir Path dir;

  @Test
  void loadsEveryReadableImageAsSquareBgr() throws Exception {
    TestImages.write(dir.resolve("a.png"), 40, 30, 1, 1);
    TestImages.write(dir.resolve("b/c.png"), 20, 50, 4, 2);
    Files.writeString(dir.resolve("b/junk.png"), "junk");
    List<Mat> ims = BenchImages.load(dir, 24);
    try {
      assertEquals(2, ims.size());
      for (Mat m : ims) {
        assertEquals(24, m.cols());
        assertEquals(24, m.rows());
        assertEquals(3, m.channels());
      }
    } finally {
      ims.forEach(Mat::close);
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("x.txt"), "x");
    assertThrows(AugregException.class, () -> BenchImages.load(empty, 8));
  }
}
