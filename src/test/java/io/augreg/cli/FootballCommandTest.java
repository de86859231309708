package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.TestData;
import io.augreg.football.FootballData;
import io.augreg.football.FootballExperiment;
import io.augreg.football.FootballFigures;
import io.augreg.football.FootballMode;
import io.augreg.football.FootballRun;
import io.augreg.train.ModelFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The football command end to end: the lesson's exact numbers, output formats, files written. */
class FootballCommandTest {
  @TempDir Path dir;

  private static String data() {
    return TestData.path("football/data.mat").toString();
  }

  private static String four(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** The lesson's table, exactly, and everything the run writes. One full run (3 × 30 000). */
  @Test
  void referenceJsonReproducesTheLessonAndWritesPicturesAndModels() throws IOException {
    Path out = dir.resolve("out");
    CliHarness.Result r =
        CliHarness.run("football", "--reference", "--json", "--data", data(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out()); // the whole of stdout is one JSON document
    assertEquals(1, root.size(), "only 'runs' at the top level");
    JsonNode runs = root.get("runs");
    assertEquals(3, runs.size());
    String[][] expected = {
      {"none", "0.9479", "0.9150"}, {"l2", "0.9384", "0.9300"}, {"dropout", "0.9289", "0.9500"}
    };
    for (int i = 0; i < 3; i++) {
      JsonNode run = runs.get(i);
      assertEquals(expected[i][0], run.get("mode").asText());
      assertEquals(expected[i][1], four(run.get("train_accuracy").asDouble()), expected[i][0]);
      assertEquals(expected[i][2], four(run.get("test_accuracy").asDouble()), expected[i][0]);
      assertTrue(run.get("final_cost").asDouble() > 0, run.toString());
      assertTrue(run.get("seconds").asDouble() > 0, run.toString());
      assertEquals("max_epochs", run.get("stop_reason").asText(), run.toString());
      assertEquals(30_000, run.get("kept_iteration").asInt(), run.toString());
    }
    assertEquals(r.out().strip(), r.out().strip().lines().findFirst().orElseThrow());

    for (String name :
        new String[] {"boundary-none.png", "boundary-l2.png", "boundary-dropout.png", "cost.png"}) {
      Path png = out.resolve(name);
      assertTrue(Files.size(png) > 20_000, name + " is " + Files.size(png) + " bytes");
      BufferedImage img = ImageIO.read(png.toFile());
      assertNotNull(img, name + " decodes");
      assertTrue(img.getWidth() >= 700 && img.getHeight() >= 500, name);
    }
    ModelFiles.Loaded l2 = ModelFiles.load(out, "model-l2");
    assertEquals(0.7, l2.config().l2());
    assertEquals("0.9384", four(l2.metrics().get("train_accuracy")));
    assertEquals("dense units=20 act=relu | dense units=3 act=relu",
        l2.network().architecture().toSpec());
    try (var files = Files.list(out)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files");
    }
  }

  /**
   * The command draws its pictures on a pool, several at once and while other runs still train:
   * each is the same, byte for byte, as when drawn alone after training (short runs, default
   * seed).
   */
  @Test
  void picturesDrawnAtOnceEqualThoseDrawnOneByOne() throws IOException {
    Path together = dir.resolve("together");
    CliHarness.Result r =
        CliHarness.run("football", "--iterations", "300", "--no-report", "--data", data(), "--out",
            together.toString());
    assertEquals(0, r.exitCode(), r.err());
    FootballCommand options = new FootballCommand();
    options.iterations = 300;
    FootballExperiment experiment = new FootballExperiment(options.config());
    FootballData data = FootballData.load(Path.of(data()));
    Path alone = dir.resolve("alone");
    List<FootballRun> runs = new ArrayList<>();
    for (FootballMode mode : experiment.config().modes()) {
      FootballRun run = experiment.runOne(data, mode, null);
      FootballFigures.writeBoundary(alone, run, data.train());
      runs.add(run);
    }
    FootballFigures.writeCostCurves(alone, runs);
    for (String name :
        new String[] {"boundary-none.png", "boundary-l2.png", "boundary-dropout.png", "cost.png"}) {
      assertArrayEquals(Files.readAllBytes(alone.resolve(name)),
          Files.readAllBytes(together.resolve(name)), name);
    }
  }

  @Test
  void tableSaysDropoutIsRealAndShowsEveryRunWithDiagnosis() {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--iterations", "300", "--mode", "all", "--data", data(),
            "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.contains("Dropout is real dropout"), out);
    assertTrue(out.contains("fresh masks every iteration"), out);
    assertTrue(out.contains("train accuracy"), out);
    for (String run : new String[] {"none", "L2 (λ = 0.7)", "dropout (keep 0.86)", "+ dropout"}) {
      assertTrue(out.contains(run), run + " in\n" + out);
    }
    assertTrue(out.contains("Diagnosis"), out);
    assertTrue(out.contains("(183/200)") || out.contains("/211)"), out);
    assertTrue(Files.exists(dir.resolve("boundary-l2-dropout.png")));
    assertTrue(Files.exists(dir.resolve("model-l2-dropout.mat")));
  }

  @Test
  void earlyStoppingReportsWhereItStopped() {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--mode", "none", "--iterations", "400", "--early-stopping",
            "--patience", "100", "--eval-every", "50", "--data", data(), "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("early stopping on the dev loss"), r.out());
    assertTrue(r.out().contains("stopped at iteration"), r.out());
  }

  @Test
  void modeSelectsRunsInModeOrder() throws IOException {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--json", "--mode", "dropout,none", "--iterations", "50", "--data", data(),
            "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode runs = new ObjectMapper().readTree(r.out()).get("runs");
    assertEquals(2, runs.size());
    assertEquals("none", runs.get(0).get("mode").asText());
    assertEquals("dropout", runs.get(1).get("mode").asText());
  }

  /**
   * A huge λ: the cost overflows. The run ends (the cost chart once hung in its tick labels) and
   * says that it diverged, in the table and in --json.
   */
  @Test
  @org.junit.jupiter.api.Timeout(60)
  void hugeLambdaEndsAndReportsTheDivergence() throws IOException {
    CliHarness.Result json =
        CliHarness.run(
            "football", "--iterations", "100", "--lambda", "1e20", "--mode", "l2", "--json",
            "--data", data(), "--out", dir.resolve("a").toString());
    assertEquals(0, json.exitCode(), json.err());
    JsonNode run = new ObjectMapper().readTree(json.out()).get("runs").get(0);
    assertEquals("diverged", run.get("stop_reason").asText(), run.toString());
    assertTrue(run.get("kept_iteration").asInt() < run.get("stop_iteration").asInt(), run.toString());
    assertTrue(Files.isRegularFile(dir.resolve("a/cost.png")));
    // the outputs of a diverged gradient-descent run are written: the kept weights' model files
    assertTrue(Files.isRegularFile(dir.resolve("a/model-l2.json")));
    assertTrue(Files.isRegularFile(dir.resolve("a/model-l2.mat")));
    CliHarness.Result diverged =
        CliHarness.run(
            "football", "--iterations", "100", "--lambda", "1e20", "--mode", "l2", "--no-pictures",
            "--data", data(), "--out", dir.resolve("c").toString());
    assertTrue(diverged.out().contains("(diverged), kept the weights of iteration"), diverged.out());

    CliHarness.Result table =
        CliHarness.run(
            "football", "--iterations", "1", "--lambda", "1e100", "--data", data(), "--out",
            dir.resolve("b").toString());
    assertEquals(0, table.exitCode(), table.err());
    // one iteration: the cost 5.5e98 is still finite, printed short
    assertTrue(table.out().contains("5.5266e+98"), table.out());
    assertFalse(table.out().contains("0000000000"), "no 100-digit cost: " + table.out());
    assertTrue(Files.isRegularFile(dir.resolve("b/cost.png")));
  }

  /**
   * Early stopping keeps an earlier iteration's weights: the printed cost is theirs (checked
   * against the saved model), not the cost of the later weights it threw away.
   */
  @Test
  void earlyStoppingPrintsTheKeptWeightsCost() throws IOException {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--iterations", "3000", "--early-stopping", "--patience", "1", "--mode",
            "none", "--json", "--no-pictures", "--data", data(), "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode run = new ObjectMapper().readTree(r.out()).get("runs").get(0);
    double saved =
        ModelFiles.load(dir, "model-none").network()
            .cost(io.augreg.football.FootballData.load(Path.of(data())).train(),
                new io.augreg.nn.linalg.JavaGemm());
    assertEquals(saved, run.get("final_cost").asDouble(), 1e-12, run.toString());
    assertEquals("patience", run.get("stop_reason").asText(), run.toString());
    assertTrue(run.get("kept_iteration").asInt() < run.get("stop_iteration").asInt(), run.toString());
  }

  @Test
  void noPicturesWritesOnlyTheModels() {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--no-pictures", "--mode", "l2", "--iterations", "20", "--data", data(),
            "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(Files.exists(dir.resolve("boundary-l2.png")));
    assertFalse(Files.exists(dir.resolve("cost.png")));
    assertTrue(Files.exists(dir.resolve("model-l2.mat")));
    assertTrue(Files.exists(dir.resolve("model-l2.json")));
    assertFalse(r.out().contains("Pictures"), r.out());
    assertTrue(r.out().contains("Models in " + dir + "/: model-MODE.mat + .json"), r.out());
  }

  @Test
  void helpDescribesEveryOptionWithItsDefault() {
    CliHarness.Result r = CliHarness.run("football", "--help");
    assertEquals(0, r.exitCode());
    for (String option :
        new String[] {
          "--data", "--mode", "--lambda", "--keep-prob", "--iterations", "--lr", "--seed",
          "--reference", "--early-stopping", "--out", "--json", "--[no-]pictures"
        }) {
      assertTrue(r.out().contains(option), option + " in\n" + r.out());
    }
    String flat = r.out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("(default: 0.86)"), flat);
    assertTrue(flat.contains("(default: 30000)"), flat);
  }

  /**
   * The lesson's dropout run, stopped after 1 000 iterations (train error 7.1%, test 7.0%): high
   * bias against base error 0, fine against 0.05. The table's numbers stay the same.
   */
  @Test
  void baseErrorChangesTheVerdictAndTheHeading() {
    String[] run = {
      "football", "--reference", "--mode", "dropout", "--iterations", "1000", "--no-pictures",
      "--data", data(), "--out", dir.toString()
    };
    CliHarness.Result zero = CliHarness.run(run);
    List<String> withBase = new ArrayList<>(List.of(run));
    withBase.addAll(List.of("--base-error", "0.05"));
    CliHarness.Result five = CliHarness.run(withBase.toArray(String[]::new));
    assertEquals(0, zero.exitCode(), zero.err());
    assertEquals(0, five.exitCode(), five.err());
    String row = "0.9289 (196/211)   0.930 (186/200)";
    assertTrue(zero.out().contains(row), zero.out());
    assertTrue(five.out().contains(row), five.out());

    String flatZero = zero.out().replaceAll("\\s+", " ");
    assertTrue(flatZero.contains("Diagnosis (train error vs test error, base error 0):"), flatZero);
    assertTrue(
        flatZero.contains(
            "dropout (keep 0.86): high bias (underfitting) — train error 7.1%, test error 7.0%,"
                + " base error 0.0% try: bigger network"),
        flatZero);

    String flatFive = five.out().replaceAll("\\s+", " ");
    assertTrue(flatFive.contains("Diagnosis (train error vs test error, base error 0.05):"), flatFive);
    assertTrue(
        flatFive.contains(
            "dropout (keep 0.86): fine (low bias, low variance) — train error 7.1%, test error"
                + " 7.0%, base error 5.0% Models in"),
        flatFive);
    assertFalse(flatFive.contains("try:"), flatFive);
    // The saved model's training config records the base error its verdict was judged against.
    assertEquals(0.05, ModelFiles.load(dir, "model-dropout").config().baseError());
  }

  @Test
  void helpShowsTheBaseErrorAndItsDefault() {
    String flat = CliHarness.run("football", "--help").out().replaceAll("\\s+", " ");
    assertTrue(
        flat.contains(
            "--base-error=E Base (Bayes/human) error the bias/variance diagnosis measures avoidable"
                + " bias from, in [0, 1)"),
        flat);
    assertTrue(flat.contains("irreducible (default: 0.0)."), flat);
  }

  @Test
  void missingDefaultDatasetSaysWhereItIsExpected() {
    CliHarness.Result r =
        CliHarness.run("football", "--data", "data/football/data.mat.absent", "--out", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("not found"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
