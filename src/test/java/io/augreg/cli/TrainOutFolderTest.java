package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A safe {@code train --out} (issue 18): a folder holding an earlier run is refused unless {@code
 * --overwrite}, which leaves none of the earlier run's files behind. Before: the second run
 * replaced the model without a word, and {@code --overwrite} was an unknown option.
 */
class TrainOutFolderTest {
  private static final Path SHAPES = Path.of("samples", "shapes");

  @TempDir Path tmp;

  private static CliHarness.Result train(Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("train", "--train", SHAPES.toString(), "--size", "8x8",
        "--layers", "6,3", "--epochs", "2", "--threads", "1", "--out", out.toString()));
    a.addAll(List.of(more));
    return CliHarness.run(a.toArray(String[]::new));
  }

  /** The refusal: exit 2, one line naming --out and the files; the earlier run is untouched. */
  @Test
  void aFolderHoldingAnEarlierRunIsRefusedBeforeAnyDataIsRead() throws Exception {
    Path out = tmp.resolve("cats");
    CliHarness.Result first = train(out);
    assertEquals(0, first.exitCode(), first.err());
    byte[] mat = Files.readAllBytes(out.resolve("model.mat"));
    byte[] json = Files.readAllBytes(out.resolve("model.json"));
    byte[] history = Files.readAllBytes(out.resolve("history.csv"));

    // another seed would train other weights; the run must not even start
    CliHarness.Result second = train(out, "--lr", "0.5");
    assertEquals(2, second.exitCode(), second.err());
    assertEquals("augreg train: --out " + out + " holds an earlier run (model.json, model.mat,"
        + " history.csv, report.json); pass --overwrite to replace its files, or choose another"
        + " --out", second.err().strip());
    assertEquals("", second.out());
    assertArrayEquals(mat, Files.readAllBytes(out.resolve("model.mat")));
    assertArrayEquals(json, Files.readAllBytes(out.resolve("model.json")));
    assertArrayEquals(history, Files.readAllBytes(out.resolve("history.csv")));

    // checked before the data are read: an empty --train would otherwise be the error
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliHarness.Result noData = CliHarness.run("train", "--train", empty.toString(), "--out",
        out.toString());
    assertEquals(2, noData.exitCode(), noData.err());
    assertTrue(noData.err().startsWith("augreg train: --out " + out + " holds an earlier run"),
        noData.err());

    // one marker is enough: a folder with only report.json of a run is an earlier run too
    Path partial = Files.createDirectories(tmp.resolve("partial"));
    Files.writeString(partial.resolve("report.json"), "{}\n");
    CliHarness.Result r = train(partial);
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("holds an earlier run (report.json)"), r.err());
    assertEquals("{}\n", Files.readString(partial.resolve("report.json")));
  }

  /**
   * --overwrite replaces the run; the earlier run's curves and page, which a diverged run with
   * --no-report does not write, are gone; a file that is not augreg's stays.
   */
  @Test
  void overwriteReplacesTheRunAndLeavesNoStaleFileOfTheEarlierOne() throws Exception {
    Path out = tmp.resolve("cats");
    CliHarness.Result first = train(out);
    assertEquals(0, first.exitCode(), first.err());
    for (String f : List.of("loss.png", "accuracy.png", "report.html")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    Files.writeString(out.resolve("notes.txt"), "mine\n");
    Files.writeString(out.resolve(".loss.png.tmp"), "a half curve of a killed run");

    CliHarness.Result second = train(out, "--overwrite", "--optimizer", "sgd", "--lr", "1e300", "--batch", "4",
        "--no-report");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("stopped: diverged at epoch 1"), second.out());
    for (String f : List.of("loss.png", "accuracy.png", "report.html", ".loss.png.tmp")) {
      assertFalse(Files.exists(out.resolve(f)), f);
    }
    assertEquals("diverged", new ObjectMapper().readTree(out.resolve("report.json").toFile())
        .path("stop_reason").asText());
    assertEquals(List.of("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy,lr", "1,,,,,"),
        Files.readAllLines(out.resolve("history.csv")));
    assertEquals("mine\n", Files.readString(out.resolve("notes.txt")));
    try (var files = Files.list(out)) {
      assertEquals(List.of("history.csv", "model.json", "model.mat", "notes.txt", "report.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /** A folder that exists but is empty, or holds only files that are not a run's, is fine. */
  @Test
  void anEmptyExistingFolderIsAccepted() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    CliHarness.Result r = train(out, "--no-report");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.size(out.resolve("model.mat")) > 0);
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine\n");
    CliHarness.Result o = train(other, "--no-report");
    assertEquals(0, o.exitCode(), o.err());
    assertEquals("mine\n", Files.readString(other.resolve("notes.txt")));
  }
}
