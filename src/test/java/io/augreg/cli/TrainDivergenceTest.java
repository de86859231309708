package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * One behaviour on divergence (issue 12 §2) on every path of {@code train}, and the up-front
 * sizing check of {@code --layers} (issue 19 item 6).
 */
class TrainDivergenceTest {
  private static final Path SHAPES = Path.of("samples", "shapes");

  /**
   * lr 1e300 makes the first step's loss non-finite: the run ends as "diverged" with the initial
   * weights, writes the model, history and report (no learning curves: nothing finite to draw),
   * says so with a smaller --lr to try, and exits 0. Before: exit 2 with "loss.png: no finite
   * value to plot" (--layers), "training diverged at epoch 1 before any finite cost" (--augment,
   * --arch).
   */
  @ParameterizedTest
  @ValueSource(strings = {"layers", "augment", "arch"})
  void aNonFiniteLossEndsTheRunAsDivergedWithExit0(String path, @org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of("train", "--train", SHAPES.toString(),
        "--size", "8x8", "--epochs", "3", "--optimizer", "sgd", "--lr", "1e300", "--batch", "4",
        "--out", out.toString()));
    switch (path) {
      case "layers" -> args.addAll(List.of("--layers", "6,3"));
      case "augment" -> args.addAll(List.of("--layers", "6,3", "--augment", "hflip p=0.5"));
      default -> args.addAll(List.of("--arch", "conv filters=2 k=3 | pool k=2 | dense units=4"));
    }
    CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err() + r.out());
    assertTrue(r.out().contains("stopped: diverged at epoch 1 (weights of epoch 0)"), r.out());
    assertTrue(r.out().contains("kept the initial weights; try a smaller --lr"), r.out());
    assertTrue(r.out().contains("no learning curves"), r.out());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("diverged", report.path("stop_reason").asText());
    assertEquals(0, report.path("best_epoch").asInt());
    for (String f : List.of("model.mat", "model.json", "history.csv")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertFalse(Files.exists(out.resolve("loss.png")));
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(List.of("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy,lr", "1,,,,,"), history);
  }

  /** Before: NegativeArraySizeException, "internal error", exit 3. */
  @Test
  void layersTooLargeForAJavaArrayIsAUsageError(@org.junit.jupiter.api.io.TempDir Path tmp) {
    CliHarness.Result r = CliHarness.run("train", "--train", SHAPES.toString(), "--size", "8x8",
        "--layers", "100000000", "--out", tmp.resolve("out").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("augreg train: --layers: dense units=100000000 after a 8×8×3 input needs"
        + " 19,200,000,000 weights, more than a Java array holds (2,147,483,639): use fewer units"
        + " or a smaller --size", r.err().strip());
  }

  /** Before: an OutOfMemoryError stack trace while decoding the images. */
  @Test
  void aSizeTooLargeForTheHeapIsAUsageErrorBeforeDecoding(@org.junit.jupiter.api.io.TempDir Path tmp) {
    CliHarness.Result r = CliHarness.run("train", "--train", SHAPES.toString(), "--size",
        "2000x2000", "--out", tmp.resolve("out").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("augreg train: --layers: dense units="), r.err());
    assertTrue(r.err().contains("a smaller --size"), r.err());
  }
}
