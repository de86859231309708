package io.augreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code augreg} command in-process and captures exit code, stdout and stderr. */
public final class CliHarness {
  private CliHarness() {}

  /** What one invocation produced. */
  public record Result(int exitCode, String out, String err) {}

  /**
   * Asserts a usage error as a user sees it: exit code 2, one line naming the problem (containing
   * {@code expected}), at most followed by picocli's "Run '... --help'" hint; no stack trace and
   * no "internal error".
   */
  public static void assertUsageError(Result r, String expected) {
    String all = "exit " + r.exitCode() + ", stderr:\n" + r.err();
    org.junit.jupiter.api.Assertions.assertEquals(2, r.exitCode(), all);
    org.junit.jupiter.api.Assertions.assertTrue(r.err().contains(expected), all);
    org.junit.jupiter.api.Assertions.assertFalse(
        r.err().contains("\tat ") || r.err().contains("internal error"), all);
    java.util.List<String> lines = r.err().strip().lines().toList();
    org.junit.jupiter.api.Assertions.assertTrue(
        lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Run '"), all);
  }

  /** Runs {@code augreg args...} (the command line {@code main} builds for them). */
  public static Result run(String... args) {
    return run(Main.commandLine(args), args);
  }

  /** Runs {@code args} on the command line {@code cl}. */
  public static Result run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
