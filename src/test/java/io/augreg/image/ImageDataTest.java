package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {
  @TempDir Path dir;

  private Path folder() throws Exception {
    Files.createDirectories(dir.resolve("b"));
    Files.createDirectories(dir.resolve("a"));
    TestImages.write(dir.resolve("a/1.png"), 4, 4, 3, 1);
    TestImages.write(dir.resolve("a/2.png"), 6, 5, 3, 2);
    TestImages.write(dir.resolve("b/1.png"), 4, 4, 1, 3);
    Files.writeString(dir.resolve("b/broken.png"), "not a png");
    return dir;
  }

  @Test
  void loadsSortedClassesSkippingBadFiles() throws Exception {
    ImageFolder f = ImageData.scanForTraining(folder(), "--train");
    assertEquals(List.of("a", "b"), f.classes());
    ClassLabels labels = ClassLabels.of(f.classes(), "a", false);
    ImageData.Loaded l = ImageData.load(f.samples(), InputFormat.scaled(4, 4, 3), labels, new ImageReader(), 3);
    assertEquals(1, l.failures().size());
    assertTrue(l.failures().get(0).getMessage().contains("broken.png"));
    assertEquals(3, l.kept().size());
    assertArrayEquals(new double[] {1, 1, 0}, l.data().y().data);
    assertEquals(48, l.data().features());
    // gray image replicated into R = G = B
    DMatrixRMaj x = l.data().x();
    assertEquals(x.get(0, 2), x.get(1, 2), 0);
    assertEquals(x.get(1, 2), x.get(2, 2), 0);
  }

  @Test
  void refusesEmptyFolderAndEmptyClass() throws Exception {
    AugregException empty = assertThrows(AugregException.class, () -> ImageData.scanForTraining(dir, "--train"));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    folder();
    Files.createDirectories(dir.resolve("c"));
    Files.writeString(dir.resolve("c/readme.txt"), "x");
    AugregException e = assertThrows(AugregException.class, () -> ImageData.scanForTraining(dir, "--train"));
    assertTrue(e.getMessage().contains("[c]") && e.getMessage().contains("no images"), e.getMessage());
  }

  @Test
  void relabelRefusesUnknownClass() throws Exception {
    ImageFolder f = ImageData.scanForTraining(folder(), "--dev");
    assertEquals(1, ImageData.relabel(f, List.of("a", "b", "z"), "--dev").get(3).label());
    assertThrows(AugregException.class, () -> ImageData.relabel(f, List.of("a"), "--dev"));
  }

  @Test
  void channelStatisticsAndStandardize() {
    // 2 pixels x 2 channels (features: p0c0, p0c1, p1c0, p1c1), 2 examples
    DMatrixRMaj x = new DMatrixRMaj(4, 2, true, 0.0, 1.0, 0.5, 0.5, 1.0, 0.0, 0.5, 0.5);
    double[][] s = ImageData.channelStatistics(x, 2);
    assertArrayEquals(new double[] {0.5, 0.5}, s[0], 1e-12);
    assertArrayEquals(new double[] {0.5, 1.0}, s[1], 1e-12);
    ImageData.standardize(x, s[0], s[1]);
    assertEquals(-1.0, x.get(0, 0), 1e-12);
    assertEquals(0.0, x.get(1, 0), 1e-12);
  }
}
