package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.augment.AugmentBench;
import io.augreg.image.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchAugmentCommandTest {
  @TempDir Path dir;

  @Test
  void jsonNamesEveryCaseAtEverySize() throws Exception {
    TestImages.write(dir.resolve("a.png"), 40, 30, 3, 1);
    TestImages.write(dir.resolve("sub/b.png"), 20, 20, 1, 2);
    Files.writeString(dir.resolve("notes.txt"), "skipped");
    CliHarness.Result r =
        CliHarness.run(
            "bench",
            "augment",
            "--images",
            dir.toString(),
            "--sizes",
            "16,24",
            "--seconds",
            "0.1",
            "--threads",
            "2",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals(2, doc.path("threads").asInt());
    assertEquals("wall", doc.path("clock").asText());
    List<String> seen = new ArrayList<>();
    for (JsonNode n : doc.path("results")) {
      seen.add(n.path("name").asText() + "@" + n.path("size").asInt());
      assertTrue(n.path("images_per_second").asDouble() > 0, n.toString());
    }
    List<String> expected = new ArrayList<>();
    for (int size : new int[] {16, 24}) {
      for (String c :
          List.of("hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline")) {
        expected.add(c + "@" + size);
      }
    }
    assertEquals(expected, seen);
    assertEquals(
        List.of("hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline"),
        List.copyOf(AugmentBench.CASES.keySet()));
  }

  @Test
  void tableAndBadOptions() throws Exception {
    TestImages.write(dir.resolve("a.png"), 10, 10, 3, 1);
    CliHarness.Result r =
        CliHarness.run(
            "bench",
            "augment",
            "--images",
            dir.toString(),
            "--sizes",
            "16",
            "--seconds",
            "0.02",
            "--cases",
            "vflip");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("vflip\\s+16\\s+\\d+")), r.out());
    assertEquals(
        2,
        CliHarness.run("bench", "augment", "--images", dir.toString(), "--cases", "wobble")
            .exitCode());
    assertEquals(
        2,
        CliHarness.run("bench", "augment", "--images", dir.toString(), "--seconds", "0")
            .exitCode());
    assertEquals(
        2,
        CliHarness.run("bench", "augment", "--images", dir.resolve("none").toString()).exitCode());
    CliHarness.Result clock =
        CliHarness.run("bench", "augment", "--images", dir.toString(), "--clock", "sundial");
    assertEquals(2, clock.exitCode());
    // the message names the full command, not just its last word
    assertTrue(
        clock.err().startsWith("augreg bench augment: --clock must be wall or cpu"), clock.err());
  }

  @Test
  void cpuClockReportsItInJson() throws Exception {
    TestImages.write(dir.resolve("a.png"), 12, 12, 3, 1);
    CliHarness.Result r =
        CliHarness.run(
            "bench",
            "augment",
            "--images",
            dir.toString(),
            "--sizes",
            "16",
            "--seconds",
            "0.05",
            "--cases",
            "hflip,noise",
            "--clock",
            "cpu",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals("cpu", doc.path("clock").asText());
    assertEquals(2, doc.path("results").size());
    for (JsonNode n : doc.path("results")) {
      assertTrue(n.path("images_per_second").asDouble() > 0, n.toString());
    }
  }
}
