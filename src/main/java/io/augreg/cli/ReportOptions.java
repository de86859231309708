package io.augreg.cli;

import io.augreg.report.Block;
import io.augreg.report.Page;
import io.augreg.report.PageWriter;
import io.augreg.report.RunInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

/** {@code --no-report}, and the command line and settings a report page shows. */
final class ReportOptions {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

  @Option(names = "--no-report", description = "Do not write report.html (default: write it).")
  boolean off;

  /**
   * Unless {@code --no-report}: builds the page and writes it to {@code file}, then names the file
   * on {@code console} ({@code report: FILE}). A page that cannot be built or written is reported
   * on {@code err} in one line; the run's other outputs stay valid.
   *
   * @param spec the command (its command line and settings)
   * @param file where the page goes
   * @param page builds the page from the run's description
   * @param console where the file is named
   * @param err where a failure is reported
   * @return false when the page was wanted but not written
   */
  boolean write(CommandSpec spec, Path file, Function<RunInfo, Page> page, PrintWriter console,
      PrintWriter err) {
    if (off) {
      return true;
    }
    try {
      Path written = PageWriter.write(page.apply(info(spec)), file);
      console.println("report: " + written);
      console.flush();
      return true;
    } catch (RuntimeException e) {
      err.println("augreg " + spec.name() + ": report not written: " + e.getMessage());
      err.flush();
      return false;
    }
  }

  /**
   * The command line as typed (arguments with spaces or quotes in single quotes) and every option
   * and positional parameter with the value it ran with, defaults included.
   *
   * @param spec the command
   * @return the run's description
   */
  static RunInfo info(CommandSpec spec) {
    StringBuilder cmd = new StringBuilder(spec.root().name());
    for (String a : spec.commandLine().getParseResult().originalArgs()) {
      cmd.append(' ').append(PLAIN.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    List<Block.Fact> settings = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      settings.add(new Block.Fact(p.paramLabel(), Objects.toString(p.getValue(), "-")));
    }
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || o.longestName().equals("--no-report")) {
        continue;
      }
      Object v = o.getValue();
      // a negatable flag (--no-pictures) is shown by what it turns on, with its value
      String name = o.negatable() ? o.longestName().replaceFirst("^--no-", "--") : o.longestName();
      settings.add(new Block.Fact(name, v == null ? "(none)" : String.valueOf(v)));
    }
    return new RunInfo(cmd.toString(), settings);
  }
}
