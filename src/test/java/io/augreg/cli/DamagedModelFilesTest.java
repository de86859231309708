package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged {@code model.json} is reported by {@code evaluate} and {@code predict} in one line
 * naming the file and the key, never as an option error (issue 19 item 12).
 */
class DamagedModelFilesTest {
  private static final Path DATA = Path.of("samples", "shapes");
  @TempDir static Path tmp;
  static Path mlp;
  static Path conv;

  @BeforeAll
  static void trainTinyModels() {
    mlp = tmp.resolve("mlp");
    conv = tmp.resolve("conv");
    CliHarness.Result r = CliHarness.run("train", "--train", DATA.toString(), "--size", "8x8",
        "--layers", "3", "--epochs", "1", "--no-report", "--out", mlp.toString());
    assertEquals(0, r.exitCode(), r.err());
    r = CliHarness.run("train", "--train", DATA.toString(), "--size", "8x8",
        "--arch", "flatten | dense units=3", "--epochs", "1", "--no-report", "--out", conv.toString());
    assertEquals(0, r.exitCode(), r.err());
  }

  /** A copy of {@code model} whose model.json is {@code edit} applied to the original text. */
  private static Path damaged(Path model, String name, java.util.function.UnaryOperator<String> edit)
      throws Exception {
    Path bad = tmp.resolve(name);
    Files.createDirectories(bad);
    Files.copy(model.resolve("model.mat"), bad.resolve("model.mat"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String json = Files.readString(model.resolve("model.json"));
    String changed = edit.apply(json);
    assertFalse(changed.equals(json), "the edit changed nothing");
    Files.writeString(bad.resolve("model.json"), changed);
    return bad;
  }

  /** evaluate and predict both fail with exit 2 and one line starting with {@code expected}. */
  private static void assertRefused(Path model, String expected) {
    CliHarness.Result ev = CliHarness.run("evaluate", "--model", model.toString(), "--data", DATA.toString());
    CliHarness.assertUsageError(ev, "augreg evaluate: " + model.resolve("model.json") + ": " + expected);
    CliHarness.Result p = CliHarness.run("predict", "--model", model.toString(),
        DATA.resolve("squares/square0.png").toString());
    CliHarness.assertUsageError(p, "augreg predict: " + model.resolve("model.json") + ": " + expected);
    assertFalse(ev.err().contains("--size") || p.err().contains("--size"), ev.err() + p.err());
  }

  @Test
  void aDamagedInputWidthNamesTheFileAndTheKey() throws Exception {
    for (Path model : new Path[] {mlp, conv}) {
      assertRefused(damaged(model, "w-3", s -> s.replace("\"width\" : 8", "\"width\" : -3")),
          "input.width must be an integer in [1, 65535], got -3");
      assertRefused(damaged(model, "w0", s -> s.replace("\"width\" : 8", "\"width\" : 0")),
          "input.width must be an integer in [1, 65535], got 0");
      assertRefused(damaged(model, "h", s -> s.replace("\"height\" : 8", "\"height\" : \"eight\"")),
          "input.height must be an integer in [1, 65535], got \"eight\"");
    }
  }

  @Test
  void anEmptyClassListNamesTheFile() throws Exception {
    for (Path model : new Path[] {mlp, conv}) {
      assertRefused(damaged(model, "classes",
              s -> s.replaceAll("\"classes\" : \\[[^\\]]*\\]", "\"classes\" : [ ]")),
          "classes must list at least 2 class names, got []");
    }
  }

  @Test
  void truncatedJsonIsOneLineNamingTheFile() throws Exception {
    for (Path model : new Path[] {mlp, conv}) {
      Path bad = damaged(model, "cut", s -> s.substring(0, s.length() / 2));
      assertRefused(bad, "not valid JSON (Unexpected end-of-input");
      CliHarness.Result p = CliHarness.run("predict", "--model", bad.toString(),
          DATA.resolve("squares/square0.png").toString());
      assertFalse(p.err().contains("Source:") || !p.err().contains("; line "), p.err());
    }
  }
}
