package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.augreg.TestData;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
    assertEquals(0.6115068816101354, r.result().model().cost(data), 1e-9);
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
}
