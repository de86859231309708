package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.cli.CliHarness;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.train.Diagnosis;
import io.augreg.train.EpochRecord;
import io.augreg.train.History;
import io.augreg.train.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.json}'s diagnosis names the hold-out set and never calls a test error a dev error;
 * {@code augreg train} end to end: outputs, model reload, evaluate and predict.
 */
class TrainOutputsTest {
  @TempDir Path tmp;

  private JsonNode diagnosis(String name, double holdOutError, String holdOut) throws Exception {
    History h = new History(List.of(new EpochRecord(1, 0.7, Double.NaN, 0.6, Double.NaN),
        new EpochRecord(2, 0.5, Double.NaN, 0.8, Double.NaN)));
    TrainOutputs.RunSummary s = new TrainOutputs.RunSummary(0.8, Double.NaN, Double.NaN, h, 2, 2,
        StopReason.MAX_EPOCHS, Diagnosis.of(0.2, holdOutError, 0.0), holdOut, 100, 1.5);
    Path dir = tmp.resolve(name);
    TrainOutputs.writeRun(dir, s, Map.of());
    return new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("diagnosis");
  }

  @Test
  void withADevSetBothErrorFieldsHoldTheDevError() throws Exception {
    JsonNode d = diagnosis("dev", 0.35, "dev");
    assertEquals("dev", d.path("hold_out").asText());
    assertEquals(0.35, d.path("hold_out_error").asDouble(), 0.0);
    assertEquals(0.35, d.path("dev_error").asDouble(), 0.0);
    assertEquals(0.2, d.path("train_error").asDouble(), 0.0);
    assertEquals("HIGH_BIAS_AND_VARIANCE", d.path("verdict").asText());
  }

  @Test
  void withTheTestSetAsHoldOutDevErrorIsNull() throws Exception {
    JsonNode d = diagnosis("test", 0.35, "test");
    assertEquals("test", d.path("hold_out").asText());
    assertEquals(0.35, d.path("hold_out_error").asDouble(), 0.0);
    assertTrue(d.has("dev_error") && d.path("dev_error").isNull(), d.toString());
    assertTrue(d.path("summary").asText().contains("test error 35.0%"), d.toString());
  }

  @Test
  void withoutAnyHoldOutAllThreeAreNull() throws Exception {
    JsonNode d = diagnosis("none", Double.NaN, "dev");
    assertTrue(d.path("hold_out").isNull(), d.toString());
    assertTrue(d.path("hold_out_error").isNull(), d.toString());
    assertTrue(d.path("dev_error").isNull(), d.toString());
  }

  @Test
  void trainsAConvNetWithAugmentationThenEvaluatesAndPredicts() throws Exception {
    Path data = Path.of("samples", "shapes");
    Path out = tmp.resolve("out");
    String arch = "conv filters=4 k=3 | pool k=2 | dropout keep=0.8 spatial=true | dense units=8";
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--dev", data.toString(),
        "--size", "16x16", "--arch", arch, "--epochs", "4", "--batch", "4", "--lr", "0.01",
        "--augment", "hflip p=0.5", "--l2", "0.01", "--threads", "2", "--seed", "3",
        "--precision", "float", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("network: conv filters=4"), r.out());
    for (String f : List.of("model.mat", "model.json", "history.csv", "report.json", "loss.png", "accuracy.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("stack", model.path("architecture").path("kind").asText());
    assertTrue(model.path("architecture").path("spec").asText().startsWith("conv filters=4 k=3 stride=1 pad=1"));
    assertEquals(5, Files.readAllLines(out.resolve("history.csv")).size());
    // the parameter count is the console's; float vs double and the threads change the weights
    long count = model.path("architecture").path("parameters").asLong();
    assertTrue(r.out().contains("(" + count + " parameters)"), r.out());
    assertEquals(4 * 27 + 4 + 8 * 8 * 4 * 8 + 8 + 8 + 1, count);
    assertEquals(6, model.path("architecture").path("parameter_arrays").asInt());
    assertEquals("float", model.path("compute").path("precision").asText());
    assertEquals(2, model.path("compute").path("threads").asInt());
    assertTrue(model.path("compute").path("openblas").isBoolean(), model.toString());

    ImageModel loaded = ImageModel.load(out);
    assertEquals(count, loaded.network().parameterCount());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    // the reloaded model reproduces the reported dev accuracy (dev = the 8 training images)
    io.augreg.image.ImageData.Loaded d = io.augreg.image.ImageData.load(
        io.augreg.image.ImageData.scanForTraining(data, "--data").samples(), loaded.format(),
        loaded.labels(), new io.augreg.image.ImageReader(), 1);
    int[] pred = loaded.labelsOf(loaded.probabilities(d.data().x(), new JavaGemm()));
    int correct = 0;
    for (int j = 0; j < pred.length; j++) {
      correct += pred[j] == (int) d.data().y().data[j] ? 1 : 0;
    }
    assertEquals(report.path("dev_accuracy").asDouble(), correct / (double) pred.length, 1e-12);

    CliHarness.Result ev = CliHarness.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json");
    assertEquals(0, ev.exitCode(), ev.err());
    assertEquals(report.path("dev_accuracy").asDouble(),
        new ObjectMapper().readTree(ev.out()).path("accuracy").asDouble(), 1e-12);
    CliHarness.Result p = CliHarness.run("predict", "--model", out.toString(),
        data.resolve("squares/square0.png").toString(), "--json");
    assertEquals(0, p.exitCode(), p.err());
    JsonNode probs = new ObjectMapper().readTree(p.out()).get(0).path("probabilities");
    assertEquals(1.0, probs.path("circles").asDouble() + probs.path("squares").asDouble(), 1e-12);
    assertEquals("float", report.path("compute").path("precision").asText());

    // a damaged copy: evaluate and predict name its files, not --arch
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad);
    Files.copy(out.resolve("model.mat"), bad.resolve("model.mat"));
    Files.writeString(bad.resolve("model.json"), Files.readString(out.resolve("model.json"))
        .replace("\"spec\" : \"conv filters=4", "\"spec\" : \"convv filters=4"));
    ev = CliHarness.run("evaluate", "--model", bad.toString(), "--data", data.toString());
    assertEquals(2, ev.exitCode(), ev.err());
    assertTrue(ev.err().startsWith("augreg evaluate: " + bad.resolve("model.json")
        + ": its architecture 'convv filters=4"), ev.err());
    assertTrue(ev.err().contains("is not valid: unknown step 'convv'") && !ev.err().contains("--arch"),
        ev.err());
    Files.writeString(bad.resolve("model.json"), Files.readString(out.resolve("model.json"))
        .replace("\"spec\" : \"conv filters=4", "\"spec\" : \"conv filters=5"));
    p = CliHarness.run("predict", "--model", bad.toString(), data.resolve("squares/square0.png").toString());
    assertEquals(2, p.exitCode(), p.err());
    assertEquals("augreg predict: " + bad.resolve("model.mat") + ": variable 'W1' is 4x27, expected"
        + " 5x27", p.err().strip());
  }

  @Test
  void aNetworkTooLargeForTheHeapIsAUsageError() {
    Path data = Path.of("samples", "shapes");
    // 2.1 G weights: a valid array length, 150 GB to train (the test JVM has 2 GB)
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--size", "64x64",
        "--arch", "conv filters=64 | dense units=8000", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("augreg train: --arch: dense units=8000 after a 64×64×64 input needs"
        + " 2,097,152,000 weights; that network (2097.2 M parameters, 16.8 GB in doubles) needs about"), r.err());
    assertTrue(r.err().contains("to train with 2 threads") && r.err().contains("Java heap"), r.err());
    assertFalse(Files.exists(tmp.resolve("o").resolve("model.json")));
    r = CliHarness.run("train", "--train", data.toString(), "--size", "64x64",
        "--arch", "conv filters=100000 | dense units=100000", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--arch: dense units=100000 after a 64×64×100000 input needs"
        + " 40,960,000,000,000 weights, more than a Java array holds"), r.err());
  }

  @Test
  void batchNormModelIsSavedAndEvaluatedWithItsRunningStatistics() throws Exception {
    Path data = Path.of("samples", "shapes");
    Path out = tmp.resolve("bn");
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--dev", data.toString(),
        "--size", "16x16", "--arch", "conv filters=4 k=3 bn=true | pool k=2 | dense units=8 bn=true",
        "--epochs", "3", "--batch", "4", "--lr", "0.01", "--threads", "2", "--seed", "3",
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertTrue(model.path("architecture").path("spec").asText().contains("| bn momentum=0.1 eps=1.0E-5 act=relu"));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    CliHarness.Result ev = CliHarness.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json");
    assertEquals(0, ev.exitCode(), ev.err());
    assertEquals(report.path("dev_accuracy").asDouble(),
        new ObjectMapper().readTree(ev.out()).path("accuracy").asDouble(), 1e-12);
  }

  @Test
  void badArchitecturesAreUsageErrors() {
    Path data = Path.of("samples", "shapes");
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--size", "16x16",
        "--arch", "conv filters=4 | pooling k=2", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("'pooling'") && r.err().contains("valid steps"), r.err());
    r = CliHarness.run("train", "--train", data.toString(), "--size", "16x16",
        "--arch", "pool k=8 | pool k=8", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("does not fit"), r.err());
    r = CliHarness.run("train", "--train", data.toString(), "--size", "16x16",
        "--arch", "dense units=4", "--keep-prob", "0.5", "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("dropout keep=P"), r.err());
  }

  /**
   * Issue 19 item 12: report.json keeps one key order. Its last keys came from a {@code Map.of},
   * whose order is drawn per JVM; the order must be the written one, in every run and every JVM.
   */
  @Test
  void reportJsonKeysComeInTheSameOrderInEveryRun() throws Exception {
    List<List<String>> orders = new java.util.ArrayList<>();
    for (String name : List.of("r1", "r2")) {
      Path out = tmp.resolve(name);
      CliHarness.Result r = CliHarness.run("train", "--train", "samples/shapes", "--size", "4x4",
          "--arch", "flatten | dense units=2", "--epochs", "1", "--seed", "5", "--no-report",
          "--out", out.toString());
      assertEquals(0, r.exitCode(), r.err());
      List<String> keys = new java.util.ArrayList<>();
      keyPaths(new ObjectMapper().readTree(out.resolve("report.json").toFile()), "", keys);
      orders.add(keys);
    }
    assertEquals(orders.get(0), orders.get(1));
    List<String> top = orders.get(0).stream().filter(k -> k.indexOf('.', 1) < 0).toList();
    assertEquals(List.of(".train_accuracy", ".dev_accuracy", ".test_accuracy", ".best_epoch",
        ".stop_epoch", ".stop_reason", ".diagnosis", ".samples_per_second", ".seconds",
        ".architecture", ".compute"), top);
  }

  /** Every object key of {@code n}, depth first, in document order, as dotted paths. */
  private static void keyPaths(JsonNode n, String at, List<String> out) {
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(k -> {
        out.add(at + "." + k);
        keyPaths(n.get(k), at + "." + k, out);
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        keyPaths(n.get(i), at + "[" + i + "]", out);
      }
    }
  }
}
