package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augreg.TestData;
import io.augreg.data.SplitRatios;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.image.TestImages;
import io.augreg.nn.Architecture;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course reference on cat/non-cat: 12288-20-7-5-1, full-batch GD, lr 0.0075, numpy seed 1,
 * cat positive. Expected numbers come from {@code peers/numpy_cats.py} at the same iteration
 * count. The suite runs 300 iterations (~10 s); {@code -Dcats.full=true} runs the full 2 500.
 */
class ImageTrainingTest {

  private static ImageTraining.Result run(int iterations) {
    Path root = TestData.path("catvnoncat");
    ImageTrainConfig c = ImageTrainConfig.builder(root.resolve("train"))
        .test(root.resolve("test"))
        .size(64, 64)
        .hidden(20, 7, 5)
        .positiveClass("cat")
        .init("numpy")
        .threads(2)
        .trainConfig(TrainConfig.builder().optimizer(Optimizer.GD).learningRate(0.0075)
            .epochs(iterations).evalEvery(iterations).seed(1).build())
        .build();
    return ImageTraining.run(c, null);
  }

  @Test
  void matchesNumpyAfter300Iterations() {
    ImageTraining.Result r = run(300);
    // numpy_cats.py with 300 iterations: train 163/209, test 24/50, cost 0.6115068816101354
    assertEquals(163.0 / 209, r.trainAccuracy(), 1e-12);
    assertEquals(24.0 / 50, r.testAccuracy(), 1e-12);
    Path root = TestData.path("catvnoncat");
    ImageFolder f = ImageFolder.scan(root.resolve("train"));
    var data = ImageData.load(f.samples(), r.format(), r.labels(), new ImageReader(), 2).data();
    assertEquals(0.6115068816101354, r.result().model().cost(data, new JavaGemm()), 1e-9);
    assertEquals(209, r.trainCount());
    assertEquals("cat", r.labels().classes().get(r.labels().positive()));
  }

  @Test
  void courseNumbersAfter2500Iterations() {
    assumeTrue(Boolean.getBoolean("cats.full"), "full run only with -Dcats.full=true (about 1-2 min)");
    ImageTraining.Result r = run(2500);
    assertEquals(206.0 / 209, r.trainAccuracy(), 1e-12); // 0.9856
    assertEquals(0.80, r.testAccuracy(), 1e-12);
  }

  /**
   * onStart comes once, before the first epoch, with the prepared data and the initialized
   * network (8 shapes, 8x8 gray, --layers 3: 64-3-1, 3·65 + 4 = 199 parameters) as its canonical
   * spec; then every epoch.
   */
  @Test
  void tellsWhatItTrainsBeforeTheFirstEpoch() {
    ImageTrainConfig c = ImageTrainConfig.builder(Path.of("samples", "shapes"))
        .size(8, 8).channels(1).hidden(3).threads(1)
        .trainConfig(TrainConfig.builder().epochs(3).batchSize(4).seed(2).build())
        .build();
    List<Object> events = new ArrayList<>();
    ImageTraining.Result r = ImageTraining.run(c, null, 1, io.augreg.nn.linalg.Precision.DOUBLE,
        events::add, rec -> events.add(rec.epoch()));
    assertEquals(4, events.size(), events.toString());
    RunStart s = (RunStart) events.get(0);
    assertEquals(List.of(1, 2, 3), events.subList(1, 4));
    assertEquals(List.of("circles", "squares"), s.labels().classes());
    assertEquals(8, s.trainCount());
    assertEquals(0, s.devCount());
    assertEquals(0, s.testCount());
    assertEquals(r.format(), s.format());
    assertEquals("dense units=3 act=relu", s.network());
    assertEquals(199, s.parameters());
    assertEquals(r.result().model().parameterCount(), s.parameters());
  }

  /**
   * onStart comes once, before the first epoch, with the prepared data (a TRAIN/DEV/TEST split of
   * the 8 shapes: 4/2/2) and the network as its canonical spec: conv 2·(9 + 1) = 20 parameters,
   * output unit on the pooled 4x4x2 = 32 + 1, 53 in all.
   */
  @Test
  void tellsWhatAnArchNetworkTrainsBeforeTheFirstEpoch() {
    ImageTrainConfig c = ImageTrainConfig.builder(Path.of("samples", "shapes"))
        .size(8, 8).channels(1).threads(1).split(io.augreg.data.SplitRatios.parse("50/25/25"))
        .trainConfig(TrainConfig.builder().epochs(2).batchSize(4).seed(2).build())
        .build();
    List<Object> events = new ArrayList<>();
    ImageTraining.Result r = ImageTraining.run(c, io.augreg.nn.Architecture.parse("conv filters=2 k=3 | pool k=2"),
        1, io.augreg.nn.linalg.Precision.DOUBLE, events::add, rec -> events.add(rec.epoch()));
    assertEquals(3, events.size(), events.toString());
    RunStart s = (RunStart) events.get(0);
    assertEquals(List.of(1, 2), events.subList(1, 3));
    assertEquals(4, s.trainCount());
    assertEquals(2, s.devCount());
    assertEquals(2, s.testCount());
    assertEquals(r.format(), s.format());
    assertEquals("conv filters=2 k=3 stride=1 pad=1 act=relu | pool k=2 stride=2", s.network());
    assertEquals(53, s.parameters());
    assertEquals(r.result().model().parameterCount(), s.parameters());
  }

  /**
   * Issue 19 item 7: with --split, unreadable files are reported and left out before the split,
   * so 10 good + 3 broken images split exactly as the 10 good ones alone (6/2/2, the same files),
   * not 7/2/1.
   */
  @Test
  void unreadableFilesDoNotMoveTheSplit(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good");
    Path mixed = dir.resolve("mixed");
    for (int i = 0; i < 5; i++) {
      for (Path root : List.of(good, mixed)) {
        TestImages.write(root.resolve("a/a" + i + ".png"), 6, 6, 3, i);
        TestImages.write(root.resolve("b/b" + i + ".png"), 6, 6, 3, 10 + i);
      }
    }
    for (String bad : List.of("a/a0x.png", "a/a2x.png", "b/b1x.png")) {
      Files.writeString(mixed.resolve(bad), "not a png");
    }
    ImageTraining.Prepared g = prepareSplit(good);
    ImageTraining.Prepared m = prepareSplit(mixed);
    assertEquals(List.of(6, 2, 2), List.of(g.kept().size(), g.devCount(), g.testCount()));
    assertEquals(List.of(6, 2, 2), List.of(m.kept().size(), m.devCount(), m.testCount()));
    assertEquals(names(good, g.kept()), names(mixed, m.kept()));
    assertEquals(0, g.failures().size());
    assertEquals(3, m.failures().size());
  }

  private static ImageTraining.Prepared prepareSplit(Path root) {
    ImageTrainConfig c = ImageTrainConfig.builder(root).size(6, 6).hidden(2).threads(2)
        .split(SplitRatios.parse("60/20/20"))
        .trainConfig(TrainConfig.builder().epochs(1).seed(0).build())
        .build();
    return ImageTraining.prepare(c, (outputs, examples) -> { });
  }

  private static List<String> names(Path root, List<ImageFolder.Sample> samples) {
    return samples.stream().map(s -> root.relativize(s.file().path()).toString()).toList();
  }
}
