package io.augreg.cli;

import io.augreg.core.AugregException;
import io.augreg.imagetrain.TrainOutputs;
import io.augreg.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code train --resume}: the options a run is started with are stored in its checkpoints
 * ({@link #options}); a resumed run takes them back ({@link #restore}), and refuses an option given
 * again with another value, since the run would no longer be the one it continues. The options
 * that do not change the trained weights ({@link #FREE}, {@link #MAY_DIFFER}) may differ.
 */
final class TrainResume {
  /**
   * Options that are not stored: where the run goes, how it is shown, this invocation's mode.
   */
  static final Set<String> FREE = Set.of("--resume", "--out", "--overwrite", "--no-progress",
      "--no-report", "--help", "--version");

  /**
   * Options that are stored and taken back when not given, but may be given with another value:
   * they change how fast the images are prepared or how often a checkpoint is written, not the
   * weights.
   */
  static final Set<String> MAY_DIFFER = Set.of("--cache-mb", "--prefetch", "--checkpoint-every");

  private TrainResume() {}

  /**
   * The options that make the run, as text: every option outside {@link #FREE} with a value,
   * paths absolute (a run may be resumed from another folder).
   *
   * @param spec the command
   * @return option name to value, in the command's order
   */
  static Map<String, String> options(CommandSpec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String v = text(o);
      if (!FREE.contains(o.longestName()) && v != null) {
        out.put(o.longestName(), v);
      }
    }
    return out;
  }

  private static String text(OptionSpec o) {
    Object v = o.getValue();
    if (v instanceof Path p) {
      return p.toAbsolutePath().normalize().toString();
    }
    return v == null ? null : v.toString();
  }

  /**
   * Reads the checkpoint in {@code out}, refuses options given with another value than the
   * checkpoint's, and sets every stored option of {@code spec} to the checkpoint's value.
   *
   * @param spec the resumed command (parsed)
   * @param out the {@code --out} folder
   * @return the checkpoint's state
   * @throws AugregException (exit 2) without a checkpoint or naming the differing option
   */
  static TrainingState restore(CommandSpec spec, Path out) {
    Path file = out.resolve(TrainOutputs.CHECKPOINT);
    if (!TrainingState.exists(file)) {
      throw new AugregException("--resume: --out " + out + " holds no checkpoint ("
          + TrainOutputs.CHECKPOINT + ")" + (Files.exists(out.resolve("report.json"))
              ? "; the run there has finished (report.json)" : "")
          + "; start a run with --out " + out + " instead");
    }
    TrainingState state = TrainingState.load(file);
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : state.run().entrySet()) {
      OptionSpec o = spec.findOption(e.getKey());
      if (o == null) {
        throw new AugregException(file + ": the checkpoint has option " + e.getKey()
            + ", which this augreg train does not know");
      }
      if (o.arity().max() == 0) {
        if (Boolean.parseBoolean(e.getValue())) {
          args.add(e.getKey());
        }
      } else {
        args.add(e.getKey() + "=" + e.getValue());
      }
    }
    CommandSpec saved = new CommandLine(new TrainCommand()).parseArgs(args.toArray(String[]::new))
        .commandSpec();
    ParseResult given = spec.commandLine().getParseResult();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName();
      if (FREE.contains(name)) {
        continue;
      }
      OptionSpec was = saved.findOption(name);
      String then = text(was);
      if (given.hasMatchedOption(o) && MAY_DIFFER.contains(name)) {
        continue;
      }
      if (given.hasMatchedOption(o) && !String.valueOf(text(o)).equals(String.valueOf(then))) {
        throw new AugregException("--resume: " + name + " " + text(o) + " differs from the"
            + " checkpoint's " + name + " " + (then == null ? "(not given)" : then) + "; a resumed"
            + " run continues with the options it was started with: leave " + name + " out, or"
            + " start a new run (another --out, or --overwrite)");
      }
      o.setValue(was.getValue());
    }
    return state;
  }
}
