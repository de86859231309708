package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
  @TempDir Path tmp;

  /** samples/shapes (8 images, 2 classes): tune only reads its inputs (links or copies them). */
  private static final Path SHAPES = Path.of("samples", "shapes");

  private CliHarness.Result tune(Path data, String... more) {
    List<String> a = new ArrayList<>(List.of("tune", "--train", data.toString(), "--out",
        tmp.resolve("out").toString()));
    a.addAll(List.of(more));
    return CliHarness.run(a.toArray(String[]::new));
  }

  @Test
  void tunesTinyMlpRunsChoosesOnDevAndReportsTheTestApart() throws Exception {
    Path data = SHAPES;
    Path test = SHAPES;
    CliHarness.Result r = tune(data, "--test", test.toString(), "--dev-share", "0.25",
        "--grid", "l2=0,0.5", "--seeds", "2", "--final-seeds", "1", "--sizes", "0.5,1",
        "--threads", "2", "--memory-mb", "4096", "--", "--size", "8x8", "--layers", "4", "--epochs", "2", "--batch", "4");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("tune: 2 settings x 2 seeds, 2 runs at once with 1 thread each"), r.out());
    assertTrue(r.out().contains("best on dev: l2="), r.out());
    assertTrue(r.out().contains("recommendation: "), r.out());
    assertTrue(r.out().contains("test (the chosen setting only, 1 run, not used for any choice)"), r.out());
    Path out = tmp.resolve("out");
    JsonNode j = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals(2 + 2 + 1, j.path("cells").size()); // 2 cells, 2 learning-curve points, the test
    String best = j.path("best").path("setting").path("l2").asText();
    Path cell = out.resolve(j.path("cells").get(best.equals("0") ? 0 : 1).path("folder").asText());
    for (String f : List.of("model.json", "model.mat", "history.csv", "report.json", "train.log")) {
      assertTrue(Files.size(cell.resolve("seed-1").resolve(f)) > 0, f);
    }
    // an ordinary train run: its log starts with the train command it ran
    String log = Files.readString(cell.resolve("seed-2/train.log"));
    assertTrue(log.startsWith("augreg train --size 8x8 --layers 4 --epochs 2 --batch 4 --cache-mb=512 --l2="), log);
    assertTrue(log.contains("--dev=" + out.resolve("data/dev")) && log.contains("--seed=2"), log);
    assertFalse(log.contains("--test="), log);
    String finalLog = Files.readString(out.resolve("final").resolve(cell.getFileName()).resolve("seed-1/train.log"));
    assertTrue(finalLog.contains("--test=" + test), finalLog);
    assertTrue(Files.size(out.resolve("validation-l2.png")) > 1000);
    assertTrue(Files.size(out.resolve("learning-curve.png")) > 1000);
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(6, csv.size());

    // rerun: every run is kept, nothing is trained again
    CliHarness.Result again = tune(data, "--test", test.toString(), "--dev-share", "0.25",
        "--grid", "l2=0,0.5", "--seeds", "2", "--final-seeds", "1", "--sizes", "0.5,1",
        "--threads", "2", "--memory-mb", "4096", "--", "--size", "8x8", "--layers", "4", "--epochs", "2", "--batch", "4");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("kept 7 finished runs of an earlier tune"), again.out());
    assertEquals(csv, Files.readAllLines(out.resolve("results.csv")));
  }

  @Test
  void badInputIsExitTwoWithOneLineNamingTheProblemAndNothingRuns() throws Exception {
    Path data = SHAPES;
    String[][] cases = {
      {"--grid", "l2=0 dropout=0.5", "unknown train option 'dropout'; valid: "},
      {"--grid", "seed=1,2", "unknown train option 'seed' (the tune sets it itself)"},
      {"--grid", "l2=1..0", "empty range 'l2=1..0'"},
      {"--grid", "l2=0..1:10 lr=0.1..1:10", "--grid has 100 settings, more than --max-cells 64"},
      {"--sizes", "0,0.5", "--sizes must be fractions in (0, 1], got 0"},
      {"--sizes", "1.5", "--sizes must be fractions in (0, 1], got 1.5"},
      {"--grid", "keep-prob=0.5,2", "setting keep-prob=2: --keep-prob"},
      {"--grid", "l2=0,1", "--", "--l2", "0.1", "'l2' is also fixed after --"},
      {"--", "--seed", "3", "--seed is set by tune itself"},
      {"--", "--bogus", "after --: Unknown option: '--bogus'"},
    };
    for (String[] c : cases) {
      String expected = c[c.length - 1];
      CliHarness.Result r = tune(data, java.util.Arrays.copyOf(c, c.length - 1));
      assertEquals(2, r.exitCode(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(expected), expected + " in " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(tmp.resolve("out/cells")), String.join(" ", c));
    }
    Path in = Files.createDirectories(tmp.resolve("in/cats"));
    CliHarness.Result inside = CliHarness.run("tune", "--train", in.getParent().toString(), "--out",
        in.resolve("tune").toString());
    assertEquals(2, inside.exitCode());
    assertTrue(inside.err().contains("is inside the input folder"), inside.err());
    assertFalse(Files.exists(in.resolve("tune")));
    CliHarness.Result unknown = tune(data, "--grid", "dropout=0.5");
    assertTrue(unknown.err().contains("keep-prob") && unknown.err().contains("l2")
        && !unknown.err().contains("no-progress"), unknown.err());
  }

  @Test
  void helpExplainsTheGridAndTheExitCodes() {
    CliHarness.Result r = CliHarness.run("tune", "--help");
    assertEquals(0, r.exitCode());
    for (String s : List.of("--grid", "--random", "--seeds", "--sizes", "--rounds", "--max-cells",
        "--refit", "A..B[:N][:log]", "Exit codes")) {
      assertTrue(r.out().contains(s), s);
    }
  }

  @Test
  void footballSweepDrawsTheLambdaValidationCurve() throws Exception {
    Path mat = TestData.pathOrSkip("football/data.mat");
    Path out = tmp.resolve("fb");
    CliHarness.Result r = CliHarness.run("football", "--data", mat.toString(), "--sweep", "l2=0..1:3",
        "--sweep-seeds", "1", "--iterations", "300", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> csv = Files.readAllLines(out.resolve("sweep/results.csv"));
    assertEquals(4, csv.size());
    assertTrue(csv.get(1).startsWith("search,1,0,1,"), csv.get(1));
    String log = Files.readString(out.resolve("sweep/cells").resolve(
        io.augreg.tune.Setting.of(java.util.Map.of("l2", "0.5")).id()).resolve("seed-1/train.log"));
    assertTrue(log.contains("--iterations=300") && log.contains("--lambda=0.5") && log.contains("--mode=l2"), log);
    assertTrue(Files.size(out.resolve("sweep/validation-l2.png")) > 1000);

    CliHarness.Result bad = CliHarness.run("football", "--data", mat.toString(), "--sweep",
        "keep-prob=0,0.5", "--out", tmp.resolve("fb2").toString());
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("setting keep-prob=0: "), bad.err());
    assertFalse(Files.exists(tmp.resolve("fb2/sweep/cells")));
  }
}
