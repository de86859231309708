package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --data}: a class of the model with no folder or with an empty folder just has no
 * examples, the same either way; a folder that is not a class of the model is refused, empty or
 * not (issue 19 item 12).
 */
class EvaluateClassFoldersTest {
  private static final Path SHAPES = Path.of("samples", "shapes");
  @TempDir Path tmp;

  private CliHarness.Result evaluate(Path model, Path data) {
    return CliHarness.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
  }

  private Path circlesOnly(String name) throws Exception {
    Path d = tmp.resolve(name);
    Files.createDirectories(d.resolve("circles"));
    for (int i = 0; i < 4; i++) {
      Files.copy(SHAPES.resolve("circles/circle" + i + ".png"), d.resolve("circles/circle" + i + ".png"));
    }
    return d;
  }

  @Test
  void aMissingAndAnEmptyClassFolderAreTheSame() throws Exception {
    Path model = tmp.resolve("m");
    CliHarness.Result t = CliHarness.run("train", "--train", SHAPES.toString(), "--size", "8x8",
        "--layers", "3", "--epochs", "1", "--no-report", "--out", model.toString());
    assertEquals(0, t.exitCode(), t.err());

    CliHarness.Result missing = evaluate(model, circlesOnly("missing"));
    assertEquals(0, missing.exitCode(), missing.err());
    Path emptyDir = circlesOnly("empty");
    Files.createDirectories(emptyDir.resolve("squares"));
    CliHarness.Result empty = evaluate(model, emptyDir);
    assertEquals(0, empty.exitCode(), empty.err());
    assertEquals(missing.out(), empty.out());
    assertEquals(4, new com.fasterxml.jackson.databind.ObjectMapper().readTree(empty.out()).path("images").asInt());

    Files.createDirectories(emptyDir.resolve("zeta"));
    CliHarness.assertUsageError(evaluate(model, emptyDir), "--data " + emptyDir
        + ": folder(s) [zeta] are not classes of the model (its classes: [circles, squares])");
    Path none = tmp.resolve("none");
    Files.createDirectories(none.resolve("circles"));
    Files.createDirectories(none.resolve("squares"));
    CliHarness.assertUsageError(evaluate(model, none),
        "--data " + none + ": class folder(s) [circles, squares] contain no images");
  }
}
