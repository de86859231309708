package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.augment.Pipeline;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.image.InputFormat;
import io.augreg.train.BatchStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentedBatchesTest {
  private static final Path SHAPES = Path.of("samples", "shapes");
  private static final Pipeline PIPE = Pipeline.parse("hflip p=0.5 | rotate deg=-20..20 | noise sigma=0..8");

  private static AugmentedBatches source(int workers, long cacheBytes) {
    ImageFolder f = ImageFolder.scan(SHAPES);
    ClassLabels labels = ClassLabels.of(f.classes(), null, false);
    InputFormat format = InputFormat.scaled(16, 16, 3);
    DecodedCache cache = new DecodedCache(new ImageReader(), 16, 16, cacheBytes);
    return new AugmentedBatches(f.samples(), labels, format, PIPE, cache, 3, 42, workers, 2);
  }

  /** Every batch of an epoch: x data (first size columns) followed by y. */
  private static List<double[]> collect(BatchStream.Epoch e) {
    List<double[]> out = new ArrayList<>();
    for (BatchStream.Batch b = e.next(); b != null; b = e.next()) {
      double[] x = Arrays.copyOf(b.x().data, b.x().numRows * b.size());
      double[] row = Arrays.copyOf(x, x.length + b.size());
      System.arraycopy(b.y(), 0, row, x.length, b.size());
      out.add(row);
    }
    e.close();
    return out;
  }

  @Test
  void sameSeedSameBatchesWhateverTheWorkerCount() {
    List<double[]> one;
    List<double[]> epoch2;
    try (AugmentedBatches s = source(1, 1 << 20)) {
      one = collect(s.epoch(1));
      epoch2 = collect(s.epoch(2));
    }
    List<double[]> three;
    try (AugmentedBatches s = source(3, 0)) {
      three = collect(s.epoch(1));
    }
    assertEquals(3, one.size()); // 8 images in batches of 3: 3, 3, 2
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), three.get(i));
    }
    assertFalse(Arrays.equals(one.get(0), epoch2.get(0)), "a new epoch gives a new order/augmentation");
  }

  @Test
  void cleanPassIsNotAugmentedAndEqualsInMemoryLoading() {
    ImageFolder f = ImageFolder.scan(SHAPES);
    ClassLabels labels = ClassLabels.of(f.classes(), null, false);
    ImageData.Loaded loaded = ImageData.load(f.samples(), InputFormat.scaled(16, 16, 3), labels, new ImageReader(), 2);
    try (AugmentedBatches s = source(2, 1 << 20)) {
      BatchStream.Epoch clean = s.clean();
      int col = 0;
      int m = loaded.data().size();
      for (BatchStream.Batch b = clean.next(); b != null; b = clean.next()) {
        for (int c = 0; c < b.size(); c++, col++) {
          for (int feature = 0; feature < s.features(); feature++) {
            assertEquals(loaded.data().x().data[feature * m + col], b.x().data[feature * b.size() + c], 0.0);
          }
          assertEquals(loaded.data().y().data[col], b.y()[c]);
        }
      }
      clean.close();
      assertEquals(m, col);
      // the augmented pass differs from the clean one
      List<double[]> aug = collect(s.epoch(1));
      assertEquals(3, aug.size());
    }
  }

  @Test
  void augmentedColumnIsTheMirroredCleanColumnOfTheSameSample() {
    ImageFolder f = ImageFolder.scan(SHAPES);
    ClassLabels labels = ClassLabels.of(f.classes(), null, false);
    InputFormat format = InputFormat.scaled(16, 16, 3);
    ImageData.Loaded clean = ImageData.load(f.samples(), format, labels, new ImageReader(), 1);
    int m = clean.data().size();
    try (AugmentedBatches s = new AugmentedBatches(f.samples(), labels, format, Pipeline.parse("hflip p=1"),
        new DecodedCache(new ImageReader(), 16, 16, 1 << 20), 3, 9, 2, 2)) {
      int[] order = s.order(1);
      BatchStream.Epoch e = s.epoch(1);
      int k = 0;
      for (BatchStream.Batch b = e.next(); b != null; b = e.next()) {
        for (int c = 0; c < b.size(); c++, k++) {
          int id = order[k];
          assertEquals(clean.data().y().data[id], b.y()[c]);
          for (int r = 0; r < 16; r++) {
            for (int col = 0; col < 16; col++) {
              for (int ch = 0; ch < 3; ch++) {
                int fa = (r * 16 + col) * 3 + ch;
                int fb = (r * 16 + (15 - col)) * 3 + ch;
                assertEquals(clean.data().x().data[fb * m + id], b.x().data[fa * b.size() + c], 0.0);
              }
            }
          }
        }
      }
      e.close();
      assertEquals(m, k);
    }
  }

  @Test
  void cacheRespectsItsBudgetAndRereadsBeyondIt() {
    int imageBytes = 16 * 16 * 3;
    try (AugmentedBatches s = source(2, 3L * imageBytes + 10)) {
      collect(s.epoch(1));
      collect(s.epoch(2));
      DecodedCache c = s.cache();
      assertTrue(c.bytesUsed() <= 3L * imageBytes + 10);
      assertEquals(3, c.cachedImages());
      assertEquals(3 + 2 * 5, c.reads(), "3 cached images read once, the other 5 in both epochs");
    }
  }

  @Test
  void earlyCloseReturnsBuffers() {
    try (AugmentedBatches s = source(2, 1 << 20)) {
      for (int e = 1; e <= 6; e++) {
        BatchStream.Epoch ep = s.epoch(e);
        ep.next();
        ep.close(); // stop after one batch; the next epochs must not starve
      }
      BatchStream.Epoch ep = s.epoch(7);
      int n = 0;
      while (ep.next() != null) {
        n++;
      }
      assertNull(ep.next());
      ep.close();
      assertEquals(3, n);
    }
  }
}
