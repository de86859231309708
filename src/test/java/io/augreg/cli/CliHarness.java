package io.augreg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code augreg} command in-process and captures exit code, stdout and stderr. */
public final class CliHarness {
  private CliHarness() {}

  /** What one invocation produced. */
  public record Result(int exitCode, String out, String err) {}

  /** Runs {@code augreg args...}. */
  public static Result run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
