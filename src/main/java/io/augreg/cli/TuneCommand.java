package io.augreg.cli;

import io.augreg.core.AugregException;
import io.augreg.report.TunePage;
import io.augreg.train.Diagnosis;
import io.augreg.tune.CellSummary;
import io.augreg.tune.SearchSpace;
import io.augreg.tune.Setting;
import io.augreg.tune.TuneConfig;
import io.augreg.tune.TuneData;
import io.augreg.tune.TuneReport;
import io.augreg.tune.Tuner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code augreg tune}: the bias/variance loop over ordinary {@code train} runs. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Searches train options on the dev set, reads bias/variance, refines, reports.",
    description = {
      "Runs many ordinary 'augreg train' runs (options after -- are fixed for all of them) over"
          + " a grid (--grid) or random settings (--random N), --seeds runs each, in parallel"
          + " within --threads and --memory-mb. The choice uses the dev set only (--dev DIR, or"
          + " a seeded stratified split of --train); the chosen setting is then run on --test"
          + " (--final-seeds runs), reported apart. Each run is a folder with its model,"
          + " history.csv, report.json and train.log; a killed tune continues where it stopped"
          + " when rerun with the same options. --train FILE.mat tunes the football example"
          + " (options after -- are football's; its Xval is the dev set).",
      "",
      "Writes to --out: results.csv and results.json (one row per cell: mean ± sd over seeds of"
          + " train/dev error, stop epochs, verdicts), validation-KEY.png per searched option,"
          + " learning-curve.png with --sizes, and prints the recommendation read from the"
          + " diagnosis of the best dev setting (high variance: higher λ, lower keep-prob, more"
          + " augmentation or data; high bias: a bigger network, less regularization); --rounds"
          + " R runs R such refine steps.",
      "",
      "Grid syntax: KEY=VALUES separated by spaces; KEY is any train option without dashes"
          + " (l2, keep-prob, lr, augment, layers, arch, epochs, ...). VALUES: a list 0,0.01,0.1"
          + " or a range A..B[:N][:log] (N points, default " + SearchSpace.DEFAULT_POINTS
          + "; :log = geometric; with --random sampled, log-uniform with :log); a value with"
          + " commas or spaces in braces: layers={20,7,5},{40,14,10}; files as @light.txt.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  augreg tune --train data/catvnoncat/train --test data/catvnoncat/test --seeds 3 \\",
      "    --grid 'l2=0,0.1,1 augment=none,@light.txt,@strong.txt' -- --arch 'conv filters=8 | pool"
          + " | dense units=32' --epochs 20",
      "  augreg tune --train data/football/data.mat --grid 'l2=0..1.5:16' -- --iterations 30000",
      "  augreg tune --train DIR --random 20 --grid 'lr=1e-4..1e-2:log keep-prob=0.5..1' --rounds 3",
      "",
      "Exit codes: 0 success, 1 some runs failed (see results.json 'failures'), 2 bad usage or input."
    })
public final class TuneCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Option(names = "--train", required = true, paramLabel = "DIR|FILE.mat",
      description = "Training images (one sub-folder per class), or the football .mat.")
  Path train;

  @Option(names = "--dev", paramLabel = "DIR",
      description = "Dev images the choice is made on (default: a split of --train, --dev-share).")
  Path dev;

  @Option(names = "--dev-share", paramLabel = "F",
      description = "Without --dev: share of --train held out as the dev set, stratified, seeded by"
          + " --split-seed, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double devShare = 0.2;

  @Option(names = "--split-seed", paramLabel = "S",
      description = "Seed of the dev split and of the --sizes subsets (default: ${DEFAULT-VALUE}).")
  long splitSeed = 1;

  @Option(names = "--test", paramLabel = "DIR",
      description = "Test images: only the chosen setting is run on them, after the choice"
          + " (default: none).")
  Path test;

  @Option(names = "--grid", paramLabel = "KEY=VALUES ...",
      description = "Options to search (repeatable), e.g. 'l2=0,0.01,0.1,1 keep-prob=1,0.9,0.8"
          + " augment=@light.txt,@strong.txt' (default: none = the fixed options only).")
  List<String> grid = new ArrayList<>();

  @Option(names = "--random", paramLabel = "N",
      description = "Draw N random settings from --grid instead of the whole grid (default: 0 = grid).")
  int random;

  @Option(names = "--seeds", paramLabel = "K",
      description = "Runs per setting, seeds --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
  int seeds = 3;

  @Option(names = "--seed", paramLabel = "S",
      description = "First run seed; also seeds --random (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--final-seeds", paramLabel = "N",
      description = "Runs of the chosen setting evaluated on --test (default: ${DEFAULT-VALUE}).")
  int finalSeeds = 5;

  @Option(names = "--refit",
      description = "The --test runs train on the whole --train folder (the dev split included,"
          + " no dev set, so no --patience) instead of its training part (default: ${DEFAULT-VALUE}).")
  boolean refit;

  @Option(names = "--rounds", paramLabel = "R",
      description = "Search rounds: after the first, each refines around the best dev setting as"
          + " its verdict says (default: ${DEFAULT-VALUE}).")
  int rounds = 1;

  @Option(names = "--sizes", paramLabel = "F,F,...", split = ",",
      description = "Learning curve of the chosen setting: fractions of the training part in (0,"
          + " 1], e.g. 0.1,0.25,0.5,1 (default: none).")
  List<Double> sizes = new ArrayList<>();

  @Option(names = "--max-cells", paramLabel = "N",
      description = "Refuse a search with more settings than N (default: ${DEFAULT-VALUE}).")
  int maxCells = 64;

  @Option(names = "--threads", paramLabel = "N",
      description = "Compute threads for all runs together; runs in parallel ="
          + " min(N, --memory-mb / --cell-mb), each with N / parallel threads (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--memory-mb", paramLabel = "MB",
      description = "Memory all parallel runs may take (default: 3/4 of the Java heap, ${DEFAULT-VALUE}).")
  long memoryMb = Runtime.getRuntime().maxMemory() / 4 * 3 >> 20;

  @Option(names = "--cell-mb", paramLabel = "MB",
      description = "Memory budgeted per run; also caps train's --cache-mb at half of it unless"
          + " fixed after -- (default: ${DEFAULT-VALUE}).")
  long cellMb = 1024;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The tune's folder: data split, run folders, results (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out", "tune");

  @Parameters(paramLabel = "TRAIN-OPTION",
      description = "After --: options of every run (train's, or football's for a .mat), e.g."
          + " -- --arch '...' --epochs 20 --patience 5.")
  List<String> fixed = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter outw = spec.commandLine().getOut();
    int status = execute(outw);
    return writePage(report, spec, out, outw) ? status : AugregException.PARTIAL_FAILURE;
  }

  /** Unless {@code --no-report}: the tune's report.html from what it wrote into {@code out}. */
  static boolean writePage(ReportOptions report, CommandSpec spec, Path out, PrintWriter outw) {
    return report.write(spec, out.resolve("report.html"), info -> TunePage.build(out, info), outw,
        spec.commandLine().getErr());
  }

  /** Runs the tune, printing to {@code outw} (also used by {@code football --sweep}). */
  int execute(PrintWriter outw) {
    boolean football = Files.isRegularFile(train) && train.toString().toLowerCase(Locale.ROOT).endsWith(".mat");
    if (!football && !Files.isDirectory(train)) {
      throw new AugregException("--train: " + train + " is neither an image folder nor a .mat file");
    }
    if (football && (dev != null || test != null || !sizes.isEmpty())) {
      throw new AugregException("--train " + train + " is the football data, which holds its own"
          + " dev set (Xval): --dev, --test and --sizes apply to image folders");
    }
    for (Path in : new Path[] {train, dev, test}) {
      if (in != null && Files.isDirectory(in)
          && out.toAbsolutePath().normalize().startsWith(in.toAbsolutePath().normalize())) {
        throw new AugregException("--out " + out + " is inside the input folder " + in
            + "; choose an output folder outside the inputs");
      }
    }
    TuneRuns runs = football ? new TuneRuns.Football() : new TuneRuns.Train();
    List<String> fixedArgs = new ArrayList<>(fixed);
    if (!football && fixedArgs.stream().noneMatch(a -> a.startsWith("--cache-mb"))) {
      fixedArgs.add("--cache-mb=" + Math.max(1, Math.min(512, cellMb / 2)));
    }
    TuneData data = football ? TuneData.fixed(train, null, null)
        : TuneData.images(train, dev, devShare, splitSeed, test, out.resolve("data"));
    return run(outw, runs, grid, fixedArgs, data,
        probe(football), config(runs, fixedArgs));
  }

  /** The data arguments the options are checked with before the split exists. */
  private TuneData.Parts probe(boolean football) {
    return new TuneData.Parts(train, football ? null : dev == null ? train : dev, null);
  }

  private TuneConfig config(TuneRuns runs, List<String> fixedArgs) {
    SearchSpace space = SearchSpace.parse(grid, "--grid");
    Map<String, String> base = runs.fixedOptions(fixedArgs, probe(runs instanceof TuneRuns.Football));
    runs.checkKeys(space, base);
    double baseError = base.containsKey("base-error") ? Double.parseDouble(base.get("base-error")) : 0;
    double[] fr = sizes.stream().mapToDouble(Double::doubleValue).toArray();
    if (refit && base.containsKey("patience") && !base.get("patience").equals("0")) {
      throw new AugregException("--refit trains without a dev set, so --patience (early stopping)"
          + " cannot be fixed after --");
    }
    return new TuneConfig(space, random, seeds, seed, finalSeeds, refit, maxCells, threads, memoryMb,
        cellMb, fr, rounds, baseError, base, out);
  }

  /**
   * Runs a tune and prints its summary (shared with {@code football --sweep}).
   *
   * @return 0, or 1 when some runs failed
   */
  static int run(PrintWriter outw, TuneRuns runs, List<String> grid, List<String> fixedArgs,
      TuneData data, TuneData.Parts probe, TuneConfig config) {
    // every setting of the first round is checked through the command's options before any run
    List<Setting> first = config.random() > 0
        ? config.space().random(config.random(), config.seed()) : config.space().grid();
    for (Setting s : first) {
      runs.parse(fixedArgs, probe, s);
    }
    outw.printf(Locale.ROOT, "tune: %d setting%s x %d seed%s, %d run%s at once with %d thread%s each;"
        + " data: %s%n", first.size(), plural(first.size()), config.seeds(), plural(config.seeds()),
        config.parallel(), plural(config.parallel()),
        Math.max(1, config.threads() / config.parallel()),
        plural(Math.max(1, config.threads() / config.parallel())), data.describe());
    outw.flush();
    TuneReport r;
    try (Bar bar = new Bar()) {
      r = new Tuner(config, data, runs.runner(fixedArgs), runs.validKeys(), bar).run();
    }
    print(outw, r, config);
    return r.failures().isEmpty() ? 0 : AugregException.PARTIAL_FAILURE;
  }

  private static void print(PrintWriter outw, TuneReport r, TuneConfig config) {
    if (r.kept() > 0) {
      outw.printf(Locale.ROOT, "kept %d finished run%s of an earlier tune in %s%n", r.kept(),
          plural(r.kept()), config.out());
    }
    List<CellSummary> ranked = new ArrayList<>(r.cells());
    ranked.sort(Comparator.comparingDouble(c -> Double.isFinite(c.dev().mean()) ? c.dev().mean() : 2));
    int width = Math.max(7, ranked.stream().mapToInt(c -> c.setting().label().length()).max().orElse(7));
    width = Math.min(width, 60);
    outw.printf(Locale.ROOT, "%-4s %-" + width + "s %-17s %-17s %6s  %s%n", "rank", "setting",
        "train error", "dev error", "stop", "verdict");
    for (int i = 0; i < ranked.size() && i < 15; i++) {
      CellSummary c = ranked.get(i);
      String label = c.setting().label();
      outw.printf(Locale.ROOT, "%-4d %-" + width + "s %-17s %-17s %6s  %s%n", i + 1,
          label.length() > width ? label.substring(0, width - 3) + "..." : label, stat(c.train()),
          stat(c.dev()), num(c.stopEpoch()), verdict(c.diagnosis()));
    }
    if (ranked.size() > 15) {
      outw.printf(Locale.ROOT, "... %d more in results.csv%n", ranked.size() - 15);
    }
    if (r.best() != null) {
      CellSummary b = r.best();
      outw.printf(Locale.ROOT, "best on dev: %s (dev error %s over %d seed%s, train %s): %s%n",
          b.setting().label(), stat(b.dev()), b.runs().size(), plural(b.runs().size()),
          stat(b.train()), verdict(b.diagnosis()));
      outw.println("recommendation: " + r.recommendation());
    }
    for (TuneReport.SizePoint p : r.sizes()) {
      outw.printf(Locale.ROOT, "learning curve: %s of the training part: train error %s, dev error %s%n",
          SearchSpace.format(p.fraction(), 4), stat(p.cell().train()), stat(p.cell().dev()));
    }
    if (r.test() != null) {
      CellSummary.Stat e = r.test().test();
      outw.printf(Locale.ROOT, "test (the chosen setting only, %d run%s, not used for any choice):"
          + " accuracy %.4f ± %.4f (error %s)%n", r.test().runs().size(), plural(r.test().runs().size()),
          1 - e.mean(), e.sd(), stat(e));
    }
    for (String f : r.failures()) {
      outw.println("failed: " + f);
    }
    outw.println("wrote " + config.out().resolve("results.csv") + ", results.json"
        + (r.searched().isEmpty() ? "" : ", validation-{" + String.join(",", r.searched()) + "}.png")
        + (r.sizes().size() >= 2 ? ", learning-curve.png" : ""));
    outw.flush();
  }

  private static String verdict(Diagnosis d) {
    return d.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String stat(CellSummary.Stat s) {
    return Double.isFinite(s.mean()) ? String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.sd()) : "-";
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "-";
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }

  /** The progress bar over a phase's runs (on stderr, only on a terminal). */
  private static final class Bar implements Tuner.Listener, AutoCloseable {
    private ProgressBar bar;
    private String phase;

    @Override
    public synchronized void progress(String p, int done, int total) {
      if (System.console() == null) {
        return;
      }
      if (!p.equals(phase)) {
        close();
        phase = p;
        bar = new ProgressBarBuilder().setTaskName(p).setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(500).build();
      }
      bar.stepTo(done);
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
