package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AidsOptionsTest {
  private static final String DATA = Path.of("samples", "shapes").toString();

  private static CliHarness.Result train(Path out, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("train", "--train", DATA, "--size", "8x8",
        "--gray", "--arch", "conv filters=2 k=3 | pool k=2 | dense units=4", "--epochs", "4",
        "--batch", "4", "--threads", "1", "--no-report", "--out", out.toString()));
    a.addAll(List.of(more));
    return CliHarness.run(a.toArray(String[]::new));
  }

  @Test
  void badValuesAreOneLineUsageErrorsNamingTheOption(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Path out = tmp.resolve("out");
    CliHarness.assertUsageError(train(out, "--mixup", "-1"), "--mixup must be a finite α > 0");
    CliHarness.assertUsageError(train(out, "--label-smoothing", "1"),
        "--label-smoothing must be in [0, 1), got 1.0");
    CliHarness.assertUsageError(train(out, "--lr-schedule", "linear"),
        "--lr-schedule must be constant, step, cosine or plateau, got 'linear'");
    CliHarness.assertUsageError(train(out, "--lr-schedule", "cosine", "--lr-step", "3"),
        "--lr-step applies to --lr-schedule step");
    CliHarness.assertUsageError(train(out, "--mix-prob", "0.5"),
        "--mix-prob applies to --mixup and --cutmix");
    CliHarness.assertUsageError(train(out, "--max-norm", "-2"), "--max-norm must be");
    CliHarness.assertUsageError(train(out, "--lr-schedule", "plateau"),
        "--lr-schedule plateau needs a dev set (--dev or --split)");
    CliHarness.assertUsageError(train(out, "--optimizer", "adamx"),
        "--optimizer must be gd, sgd, momentum, adam or adamw, got 'adamx'");
    assertTrue(Files.notExists(out.resolve("model.json")));
  }

  @Test
  void aRunWithEveryAidRecordsTheScheduledRates(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("out");
    CliHarness.Result r = train(out, "--optimizer", "adamw", "--weight-decay", "0.01", "--lr",
        "0.01", "--label-smoothing", "0.1", "--mixup", "0.4", "--cutmix", "1", "--mix-prob",
        "0.8", "--max-norm", "3", "--lr-schedule", "cosine", "--warmup", "1");
    assertEquals(0, r.exitCode(), r.err());
    List<String> h = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy,lr", h.get(0));
    // warm-up 0.01·1/1, then cosine over 3 epochs: 0.01, 0.0075, 0.0025
    double[] want = {0.01, 0.01, 0.0075, 0.0025};
    for (int e = 1; e <= 4; e++) {
      String[] f = h.get(e).split(",", -1);
      assertEquals(want[e - 1], Double.parseDouble(f[5]), 1e-12, h.get(e));
    }
    String model = Files.readString(out.resolve("model.json"));
    assertTrue(model.contains("\"labelSmoothing\" : 0.1") && model.contains("\"ADAMW\""), model);
  }

  @Test
  void theLayersMlpTrainsWithTheAidsToo(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("out");
    CliHarness.Result r = CliHarness.run("train", "--train", DATA, "--size", "8x8", "--gray",
        "--layers", "6", "--epochs", "3", "--batch", "4", "--threads", "1", "--no-report",
        "--optimizer", "adamw", "--weight-decay", "0.01", "--label-smoothing", "0.2", "--mixup",
        "0.4", "--max-norm", "1", "--lr-schedule", "step", "--lr-step", "2", "--lr-gamma", "0.5",
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> h = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(List.of("0.001", "0.001", "5.0E-4"),
        h.subList(1, 4).stream().map(l -> l.substring(l.lastIndexOf(',') + 1))
            .map(v -> String.valueOf(Double.parseDouble(v))).toList());
  }

  @Test
  void tuneCanSweepEveryAid() {
    Set<String> keys = new TuneRuns.Train().validKeys();
    assertTrue(keys.containsAll(List.of("label-smoothing", "mixup", "cutmix", "mix-prob",
        "max-norm", "lr-schedule", "lr-step", "lr-gamma", "warmup", "lr-factor", "lr-patience")),
        keys.toString());
  }
}
