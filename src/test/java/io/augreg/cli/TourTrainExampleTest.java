package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README tour's {@code train} example learns: it must end clearly above the test set's
 * majority share (33 cats of 50 = 0.66; a constant classifier scores 0.66 or 0.34), and the
 * tour's {@code evaluate}/{@code predict} on its model must tell cats from non-cats. The MLP with
 * the defaults it replaced ends as a constant non-cat classifier (test 0.34).
 */
class TourTrainExampleTest {
  /** The tour's network and augmentation, as printed in README.md and docs/train.md. */
  static final String ARCH =
      "conv filters=16 | pool | conv filters=32 | pool | conv filters=64 | pool | dropout | dense units=64 | dropout";
  static final String AUGMENT = "@bench/tune/strong.txt";

  @TempDir Path tmp;

  @Test
  void theTourCnnLearnsAndItsModelTellsCatsFromNonCats() throws Exception {
    Path root = TestData.path("catvnoncat");
    Path out = tmp.resolve("cats");
    CliHarness.Result r = CliHarness.run("train", "--train", root.resolve("train").toString(),
        "--test", root.resolve("test").toString(), "--arch", ARCH, "--augment", AUGMENT,
        "--weight-decay", "5e-4", "--epochs", "40", "--precision", "float", "--threads", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    double test = report.path("test_accuracy").asDouble();
    double train = report.path("train_accuracy").asDouble();
    assertTrue(test >= 0.70, "test accuracy " + test + " is not above the majority share 0.66");
    assertTrue(train > 0.70, "train accuracy " + train + " is not above the non-cat share 0.65");

    CliHarness.Result e = CliHarness.run("evaluate", "--model", out.toString(),
        "--data", root.resolve("test").toString(), "--json");
    assertEquals(0, e.exitCode(), e.err());
    JsonNode cm = new ObjectMapper().readTree(e.out()).path("confusion_matrix");
    // rows true, columns predicted: each class is predicted for some images, and mostly right
    for (int c = 0; c < 2; c++) {
      int predicted = cm.get(0).get(c).asInt() + cm.get(1).get(c).asInt();
      assertTrue(predicted >= 5, "class " + c + " predicted for " + predicted + " images: " + cm);
      assertTrue(cm.get(c).get(c).asInt() * 2 > cm.get(c).get(0).asInt() + cm.get(c).get(1).asInt(),
          "class " + c + " mostly misclassified: " + cm);
    }

    Path cat = root.resolve("test/cat/test-000.png");
    CliHarness.Result p = CliHarness.run("predict", "--model", out.toString(), cat.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().startsWith(cat + ": cat "), p.out());
  }
}
