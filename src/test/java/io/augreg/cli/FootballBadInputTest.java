package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jmatio.io.MatFileWriter;
import com.jmatio.types.MLArray;
import com.jmatio.types.MLDouble;
import io.augreg.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2 section 4: every bad input gives one clear line naming the problem, exit code 2 and no
 * stack trace. Bad {@code .mat} files are written with jmatio into a temporary folder.
 */
class FootballBadInputTest {
  @TempDir Path dir;

  /** Runs football on {@code args} and checks the one-line, exit-2, no-trace contract. */
  private CliHarness.Result fails(String... args) {
    List<String> all = new ArrayList<>(List.of("football"));
    all.addAll(List.of(args));
    if (!all.contains("--iterations")) {
      all.add("--iterations");
      all.add("5");
    }
    if (!all.contains("--data")) {
      all.add("--data");
      all.add(TestData.path("football/data.mat").toString());
    }
    all.add("--out");
    all.add(dir.resolve("out").toString());
    CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
    assertEquals(2, r.exitCode(), "exit code; err: " + r.err() + " out: " + r.out());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals("", r.out(), "nothing on stdout");
    return r;
  }

  private static MLDouble var(String name, int rows, int cols, double fill) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = fill == 0.5 ? (i % 2) : fill;
    }
    return new MLDouble(name, v, rows);
  }

  /** A valid small football file with the given variables replaced. */
  private Path mat(String file, MLDouble... overrides) throws IOException {
    return mat(file, List.of(), overrides);
  }

  /** A valid small football file without {@code removed} and with {@code overrides}. */
  private Path mat(String file, List<String> removed, MLDouble... overrides) throws IOException {
    List<MLArray> vars = new ArrayList<>();
    vars.add(var("X", 10, 2, 0.25));
    vars.add(var("y", 10, 1, 0.5));
    vars.add(var("Xval", 6, 2, 0.25));
    vars.add(var("yval", 6, 1, 0.5));
    vars.removeIf(v -> removed.contains(v.getName()));
    for (MLDouble o : overrides) {
      vars.removeIf(v -> v.getName().equals(o.getName()));
      vars.add(o);
    }
    Path p = dir.resolve(file);
    new MatFileWriter(p.toFile(), vars);
    return p;
  }

  private static void says(CliHarness.Result r, String... parts) {
    for (String part : parts) {
      assertTrue(r.err().contains(part), "'" + part + "' in: " + r.err());
    }
  }

  @Test
  void wellFormedSmallFileRuns() throws IOException {
    CliHarness.Result r =
        CliHarness.run(
            "football", "--iterations", "5", "--data", mat("ok.mat").toString(), "--out",
            dir.resolve("out").toString());
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void missingFile() {
    says(fails("--data", dir.resolve("nope.mat").toString()), "nope.mat", "not found");
  }

  @Test
  void corruptFile() throws IOException {
    Path p = dir.resolve("corrupt.mat");
    Files.writeString(p, "this is not a MAT file at all ".repeat(20));
    says(fails("--data", p.toString()), "corrupt.mat", "not a MATLAB v5 .mat file");
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] full = Files.readAllBytes(mat("full.mat"));
    Path p = dir.resolve("cut.mat");
    Files.write(p, java.util.Arrays.copyOf(full, 150));
    says(fails("--data", p.toString()), "cut.mat");
  }

  @Test
  void missingVariable() throws IOException {
    Path p = mat("novar.mat", List.of("yval"));
    says(fails("--data", p.toString()), "novar.mat", "'yval' not found", "expected X, y, Xval, yval");
  }

  @Test
  void wrongShapeOfX() throws IOException {
    says(fails("--data", mat("shape.mat", var("X", 10, 3, 0.25)).toString()), "'X' is 10x3");
  }

  @Test
  void labelCountDoesNotMatchExamples() throws IOException {
    says(
        fails("--data", mat("count.mat", var("y", 9, 1, 0.5)).toString()),
        "'y' has 9 labels, expected 10");
  }

  @Test
  void nanValue() throws IOException {
    MLDouble x = var("Xval", 6, 2, 0.25);
    x.set(Double.NaN, 3, 1);
    says(fails("--data", mat("nan.mat", x).toString()), "nan.mat", "'Xval' has NaN at row 4, column 2");
  }

  @Test
  void labelsOtherThanZeroOrOne() throws IOException {
    MLDouble y = var("y", 10, 1, 0.5);
    y.set(2.0, 4, 0);
    says(fails("--data", mat("labels.mat", y).toString()), "'y' has label 2.0 at position 5");
  }

  @Test
  void keepProbOutsideRange() {
    says(fails("--keep-prob", "1.5"), "--keep-prob must be in (0, 1], got 1.5");
    says(fails("--keep-prob", "0"), "--keep-prob must be in (0, 1], got 0.0");
  }

  @Test
  void negativeLambda() {
    says(fails("--lambda", "-1"), "--lambda must be >= 0, got -1.0");
  }

  @Test
  void nonPositiveLearningRateOrIterations() {
    says(fails("--lr", "0"), "--lr must be > 0");
    says(fails("--lr", "-0.3"), "--lr must be > 0");
    says(fails("--iterations", "0"), "--iterations must be > 0, got 0");
  }

  @Test
  void unknownMode() {
    says(fails("--mode", "l3"), "--mode must be none, l2, dropout, l2+dropout or all");
  }

  @Test
  void baseErrorOutsideZeroToOne() {
    says(fails("--base-error", "-0.1"), "--base-error must be in [0, 1), got -0.1");
    says(fails("--base-error", "1"), "--base-error must be in [0, 1), got 1.0");
    says(fails("--base-error", "NaN"), "--base-error must be in [0, 1), got NaN");
  }

  @Test
  void baseErrorNotANumber() {
    CliHarness.Result r =
        CliHarness.run("football", "--base-error", "abc", "--out", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertEquals(
        "augreg football: Invalid value for option '--base-error': 'abc' is not a double",
        r.err().lines().findFirst().orElse(""));
    assertEquals("", r.out());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  /** A value picocli cannot convert: a usage error (exit 2) whose first line names the option. */
  @Test
  void notANumber() {
    CliHarness.Result r =
        CliHarness.run("football", "--lambda", "abc", "--out", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().lines().findFirst().orElse("").contains("--lambda"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
