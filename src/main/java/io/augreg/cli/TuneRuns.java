package io.augreg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.nn.Architecture;
import io.augreg.tune.CellRunner;
import io.augreg.tune.SearchSpace;
import io.augreg.tune.Setting;
import io.augreg.tune.TuneData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * How {@code augreg tune} runs one training: through a command's own option layer, in this
 * process, so that every option of the command can be searched (a new option of {@code train}
 * joins the search without a change here). Two commands: {@code train} (image folders) and
 * {@code football} (the lesson's {@code .mat}).
 */
abstract class TuneRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The command's name, e.g. {@code train}. */
  abstract String command();

  /** A fresh instance of the command object (picocli fills its fields). */
  abstract Supplier<Object> factory();

  /** Options the tune sets itself (names without dashes); neither searched nor fixed by the user. */
  abstract Set<String> controlled();

  /** The command option a search key stands for (without dashes). */
  String option(String key) {
    return key;
  }

  /** The data arguments of a run. */
  abstract List<String> dataArgs(TuneData.Parts data);

  /** Extra arguments of every run (output quiet, threads, ...). */
  abstract List<String> runArgs(Setting s, List<String> fixed, int threads, Path dir);

  /** Checks one run's options beyond parsing (the command's own validation), or does nothing. */
  abstract void validate(CommandLine parsed);

  /** Writes {@code dir/report.json} after the command ran, when the command does not itself. */
  void afterRun(String stdout, Path dir) {
    // train writes its own report.json
  }

  /** The searchable keys: the command's visible options minus {@link #controlled()}. */
  Set<String> validKeys() {
    Set<String> keys = new TreeSet<>();
    for (OptionSpec o : new CommandLine(factory().get()).getCommandSpec().options()) {
      String name = o.longestName().replaceFirst("^-+", "");
      if (!o.hidden() && !o.usageHelp() && !o.versionHelp() && !controlled().contains(name)) {
        keys.add(name);
      }
    }
    return keys;
  }

  /**
   * Parses the fixed options (given after {@code --}) into name → value, refusing the options the
   * tune sets itself.
   */
  Map<String, String> fixedOptions(List<String> fixed, TuneData.Parts probe) {
    CommandLine.Model.CommandSpec spec = new CommandLine(factory().get()).getCommandSpec();
    for (String a : fixed) {
      OptionSpec o = a.startsWith("-") ? spec.findOption(a.split("=", 2)[0]) : null;
      if (o != null && controlled().contains(o.longestName().replaceFirst("^-+", ""))) {
        throw new AugregException("after --: " + o.longestName() + " is set by tune itself (use"
            + " tune's own options for data, seeds, threads and the output folder)");
      }
    }
    ParseResult pr = parse(fixed, probe, Setting.of(Map.of()));
    Set<String> dataOptions = new TreeSet<>();
    for (String a : dataArgs(probe)) {
      dataOptions.add(a.split("=", 2)[0]);
    }
    Map<String, String> base = new LinkedHashMap<>();
    for (OptionSpec o : pr.matchedOptions()) {
      if (!dataOptions.contains(o.longestName())) {
        base.put(o.longestName().replaceFirst("^-+", ""),
            o.arity().max() == 0 ? "true" : String.join(",", o.originalStringValues()));
      }
    }
    return base;
  }

  /** Checks the search keys: known options of the command, not fixed after {@code --} too. */
  void checkKeys(SearchSpace space, Map<String, String> base) {
    Set<String> valid = validKeys();
    for (SearchSpace.Axis a : space.axes()) {
      if (!valid.contains(a.key())) {
        throw new AugregException("--grid: unknown " + command() + " option '" + a.key() + "'"
            + (controlled().contains(a.key()) ? " (the tune sets it itself)" : "")
            + "; valid: " + String.join(", ", valid));
      }
      if (base.containsKey(a.key())) {
        throw new AugregException("--grid: '" + a.key() + "' is also fixed after --; give it in"
            + " one place");
      }
    }
  }

  /** Parses one run's full argument list through the command (a bad value is exit 2, named). */
  ParseResult parse(List<String> fixed, TuneData.Parts data, Setting s) {
    CommandLine cl = new CommandLine(factory().get());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      ParseResult pr = cl.parseArgs(args(fixed, data, s).toArray(String[]::new));
      validate(cl);
      return pr;
    } catch (CommandLine.ParameterException e) {
      throw new AugregException((s.values().isEmpty() ? "after --" : "setting " + s.label()) + ": "
          + e.getMessage(), e);
    } catch (AugregException e) {
      throw new AugregException((s.values().isEmpty() ? "" : "setting " + s.label() + ": ")
          + e.getMessage(), e);
    }
  }

  /** The fixed options, the setting's options as {@code --key=value}, then the data. */
  List<String> args(List<String> fixed, TuneData.Parts data, Setting s) {
    List<String> a = new ArrayList<>(fixed);
    for (Map.Entry<String, String> e : s.values().entrySet()) {
      // one token "--key=value": an "@file" value stays a value (picocli expands lone @files)
      a.add("--" + option(e.getKey()) + "=" + e.getValue());
    }
    a.addAll(dataArgs(data));
    return a;
  }

  /** The runner: the command in this process, its output in {@code train.log} of the run folder. */
  CellRunner runner(List<String> fixed) {
    return (s, seed, data, threads, dir) -> {
      List<String> a = new ArrayList<>();
      a.add(command());
      a.addAll(args(fixed, data, s));
      a.add("--seed=" + seed);
      a.addAll(runArgs(s, fixed, threads, dir));
      StringWriter stdout = new StringWriter();
      int code;
      try (Writer log = Files.newBufferedWriter(dir.resolve("train.log"), StandardCharsets.UTF_8);
          PrintWriter err = new PrintWriter(log, true)) {
        err.println("augreg " + String.join(" ", a.stream().map(TuneRuns::quote).toList()));
        String[] argv = a.toArray(String[]::new);
        CommandLine cl = Main.commandLine(argv);
        cl.setOut(new PrintWriter(new TeeWriter(stdout, log), true));
        cl.setErr(err);
        code = cl.execute(argv);
      } catch (IOException e) {
        throw new AugregException(dir + ": cannot write train.log (" + e.getMessage() + ")", e);
      }
      if (code <= 1) {
        afterRun(stdout.toString(), dir);
      }
      return code;
    };
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./=:,@+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Writes to two writers. */
  private static final class TeeWriter extends Writer {
    private final Writer a;
    private final Writer b;

    TeeWriter(Writer a, Writer b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      a.write(cbuf, off, len);
      b.write(cbuf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** {@code augreg train} on image folders. */
  static final class Train extends TuneRuns {
    @Override
    String command() {
      return "train";
    }

    @Override
    Supplier<Object> factory() {
      return TrainCommand::new;
    }

    @Override
    Set<String> controlled() {
      return Set.of(
          "train", "dev", "test", "split", "out", "seed", "threads", "no-progress", "overwrite");
    }

    @Override
    List<String> dataArgs(TuneData.Parts d) {
      List<String> a = new ArrayList<>(List.of("--train=" + d.train()));
      if (d.dev() != null) {
        a.add("--dev=" + d.dev());
      }
      if (d.test() != null) {
        a.add("--test=" + d.test());
      }
      return a;
    }

    @Override
    List<String> runArgs(Setting s, List<String> fixed, int threads, Path dir) {
      return List.of("--threads=" + threads, "--out=" + dir, "--no-progress");
    }

    @Override
    void validate(CommandLine parsed) {
      TrainCommand t = parsed.getCommand();
      ImageTrainConfig c = t.config();
      t.checkOptionsApply(c);
      if (t.arch != null) {
        Architecture.parse(t.arch);
      }
    }
  }

  /** {@code augreg football} on the lesson's {@code .mat}: its dev set is the lesson's Xval. */
  static final class Football extends TuneRuns {
    @Override
    String command() {
      return "football";
    }

    @Override
    Supplier<Object> factory() {
      return FootballCommand::new;
    }

    @Override
    Set<String> controlled() {
      return Set.of(
          "data", "mode", "out", "json", "pictures", "no-pictures", "no-report", "threads", "seed",
          "sweep");
    }

    /** {@code l2} is football's {@code --lambda}. */
    @Override
    String option(String key) {
      return key.equals("l2") ? "lambda" : key;
    }

    @Override
    Set<String> validKeys() {
      Set<String> keys = new TreeSet<>(super.validKeys());
      keys.add("l2");
      return keys;
    }

    @Override
    List<String> dataArgs(TuneData.Parts d) {
      return List.of("--data=" + d.train());
    }

    /** The mode follows from what is set: L2 with {@code l2}/{@code lambda}, dropout with {@code keep-prob}. */
    @Override
    List<String> runArgs(Setting s, List<String> fixed, int threads, Path dir) {
      boolean l2 = s.get("l2") != null || s.get("lambda") != null
          || fixed.stream().anyMatch(a -> a.startsWith("--lambda"));
      boolean dropout = s.get("keep-prob") != null
          || fixed.stream().anyMatch(a -> a.startsWith("--keep-prob"));
      String mode = l2 && dropout ? "l2+dropout" : l2 ? "l2" : dropout ? "dropout" : "none";
      return List.of(
          "--mode=" + mode, "--json", "--no-pictures", "--no-report", "--threads=1", "--out=" + dir);
    }

    @Override
    void validate(CommandLine parsed) {
      FootballCommand f = parsed.getCommand();
      f.config();
    }

    /**
     * Writes {@code report.json} from football's {@code --json} line (the lesson's test set Xval
     * is the dev set here) and the stop/best epochs its model file records.
     */
    @Override
    void afterRun(String stdout, Path dir) {
      try {
        JsonNode run = JSON.readTree(stdout.strip()).get("runs").get(0);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("train_accuracy", run.get("train_accuracy").asDouble());
        report.put("dev_accuracy", run.get("test_accuracy").asDouble());
        report.put("test_accuracy", null);
        try (DirectoryStream<Path> models = Files.newDirectoryStream(dir, "model-*.json")) {
          for (Path m : models) {
            JsonNode metrics = JSON.readTree(Files.readString(m)).path("metrics");
            for (String k : List.of("stop_epoch", "best_epoch")) {
              if (metrics.has(k)) {
                report.put(k, metrics.get(k).asDouble());
              }
            }
          }
        }
        report.put("mode", run.get("mode").asText());
        Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(report) + "\n");
      } catch (IOException | RuntimeException e) {
        throw new AugregException(dir + ": cannot read football's --json output (" + e.getMessage() + ")", e);
      }
    }
  }
}
