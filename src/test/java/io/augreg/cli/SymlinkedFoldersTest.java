package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class folder that is a symbolic link is read by augment, train and evaluate alike. */
class SymlinkedFoldersTest {
  @TempDir Path tmp;

  /** tmp/in/circles (a copy) and tmp/in/squares, a link to tmp/store/squares. */
  private Path input() throws Exception {
    Path in = tmp.resolve("in");
    copy(Path.of("samples/shapes/circles"), in.resolve("circles"));
    copy(Path.of("samples/shapes/squares"), tmp.resolve("store/squares"));
    Files.createSymbolicLink(in.resolve("squares"), tmp.resolve("store/squares"));
    return in;
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName().toString()));
      }
    }
  }

  private static long count(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".png")).count();
    }
  }

  @Test
  void augmentWritesTheLinkedClass() throws Exception {
    Path in = input();
    Path out = tmp.resolve("out");
    CliHarness.Result r =
        CliHarness.run("augment", in.toString(), out.toString(), "--copies", "1", "--pipeline", "hflip");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(4, count(out.resolve("circles")));
    assertEquals(4, count(out.resolve("squares")), "outputs of the linked class folder");
  }

  @Test
  void trainAndEvaluateReadTheLinkedClass() throws Exception {
    Path in = input();
    Path model = tmp.resolve("model");
    CliHarness.Result r =
        CliHarness.run("train", "--train", in.toString(), "--size", "8x8", "--layers", "4",
            "--epochs", "1", "--out", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("classes [circles, squares]"), r.out());
    assertTrue(r.out().contains("images: train 8"), r.out());
    CliHarness.Result ev =
        CliHarness.run("evaluate", "--model", model.toString(), "--data", in.toString(), "--json");
    assertEquals(0, ev.exitCode(), ev.err());
    long total = 0;
    for (JsonNode row : new ObjectMapper().readTree(ev.out()).path("confusion_matrix")) {
      for (JsonNode v : row) {
        total += v.asLong();
      }
    }
    assertEquals(8, total);
  }
}
