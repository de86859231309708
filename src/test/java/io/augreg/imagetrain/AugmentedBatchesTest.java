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
import org.bytedeco.opencv.opencv_core.Mat;
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

  /**
   * Every augmented column against Pipeline.apply + InputFormat.encode of the same generator:
   * {largest, mean} absolute difference.
   */
  private static double[] differenceFromPipelineApply(Pipeline pipe, boolean singleWarp, int workers) {
    ImageFolder f = ImageFolder.scan(SHAPES);
    ClassLabels labels = ClassLabels.of(f.classes(), null, false);
    InputFormat format = InputFormat.scaled(16, 16, 3);
    DecodedCache cache = new DecodedCache(new ImageReader(), 16, 16, 1 << 20);
    double worst = 0;
    double sum = 0;
    long count = 0;
    try (AugmentedBatches s = new AugmentedBatches(f.samples(), labels, format, pipe, cache, 3, 5, workers, 2,
        singleWarp)) {
      int[] order = s.order(2);
      BatchStream.Epoch e = s.epoch(2);
      int k = 0;
      for (BatchStream.Batch b = e.next(); b != null; b = e.next()) {
        for (int c = 0; c < b.size(); c++, k++) {
          double[] ref = new double[format.features()];
          try (Mat img = cache.get(order[k], f.samples().get(order[k]).file().path());
              Mat out = new Mat()) {
            pipe.apply(img, out, 5, 2, order[k], 0);
            format.encode(out, ref, 1, 0);
          }
          for (int feature = 0; feature < ref.length; feature++) {
            double d = Math.abs(ref[feature] - b.x().data[feature * b.size() + c]);
            worst = Math.max(worst, d);
            sum += d;
            count++;
          }
        }
      }
      e.close();
      assertEquals(f.samples().size(), k);
    }
    return new double[] {worst, sum / count};
  }

  @Test
  void defaultPathIsBitForBitPipelineApplyThroughTheJavaPointTail() {
    Pipeline pipe = Pipeline.parse(
        "hflip p=0.5 | rotate deg=-15..15 | crop scale=0.7..1 | contrast factor=0.8..1.2 | noise sigma=10");
    assertEquals(0.0, differenceFromPipelineApply(pipe, false, 2)[0]);
    // a pipeline whose point steps are not all at the end goes through the transforms
    assertEquals(0.0, differenceFromPipelineApply(Pipeline.parse("noise sigma=5 | hflip | contrast"), false, 1)[0]);
  }

  @Test
  void singleWarpIsExactForFlipsAndCloseForRotationAndCrop() {
    assertEquals(0.0, differenceFromPipelineApply(Pipeline.parse("hflip | vflip | noise sigma=4"), true, 1)[0]);
    double[] d = differenceFromPipelineApply(
        Pipeline.parse("hflip p=0.5 | rotate deg=-15..15 | crop scale=0.7..1 | contrast"), true, 2);
    assertTrue(d[0] > 0, "one resampling instead of two changes some bytes");
    // same geometry: on average within a few gray levels (hard edges of the shapes differ most)
    assertTrue(d[1] < 4 / 255., "mean difference " + d[1] * 255 + " gray levels");
  }

  @Test
  void singleWarpBatchesDoNotDependOnTheWorkerCount() {
    Pipeline pipe = Pipeline.parse("rotate deg=-30..30 border=constant | crop scale=0.5..1 | noise sigma=3");
    ImageFolder f = ImageFolder.scan(SHAPES);
    ClassLabels labels = ClassLabels.of(f.classes(), null, false);
    InputFormat format = InputFormat.scaled(16, 16, 3);
    List<double[]> one;
    List<double[]> three;
    try (AugmentedBatches s = new AugmentedBatches(f.samples(), labels, format, pipe,
        new DecodedCache(new ImageReader(), 16, 16, 1 << 20), 3, 8, 1, 2, true)) {
      one = collect(s.epoch(3));
    }
    try (AugmentedBatches s = new AugmentedBatches(f.samples(), labels, format, pipe,
        new DecodedCache(new ImageReader(), 16, 16, 0), 3, 8, 3, 2, true)) {
      three = collect(s.epoch(3));
    }
    assertEquals(one.size(), three.size());
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), three.get(i));
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
