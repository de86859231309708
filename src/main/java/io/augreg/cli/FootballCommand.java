package io.augreg.cli;

import io.augreg.core.AugregException;
import io.augreg.football.FootballConfig;
import io.augreg.football.FootballData;
import io.augreg.football.FootballExperiment;
import io.augreg.football.FootballFigures;
import io.augreg.football.FootballMode;
import io.augreg.football.FootballReport;
import io.augreg.football.FootballRun;
import io.augreg.plot.Plots;
import io.augreg.report.FootballPage;
import io.augreg.report.Page;
import io.augreg.report.PageWriter;
import io.augreg.report.RunInfo;
import io.augreg.train.ModelFiles;
import io.augreg.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augreg football}: the lesson's goalkeeper example, end to end. */
@Command(
    name = "football",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "The lesson's football example: no regularization vs L2 vs dropout, with diagnosis.",
    description =
        "Runs the regularization lesson's worked example: where should the goalkeeper kick so"
            + " that a French player heads the ball? A 2-20-3-1 network is trained without"
            + " regularization, with L2 and with dropout; the table shows train/test accuracy,"
            + " final cost, time and the bias/variance diagnosis of each run. Pictures (decision"
            + " boundaries, cost curves) and model files (.mat + .json) go to --out.")
public final class FootballCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  /** Pictures that could not be drawn (guarded by itself). */
  private final List<String> pictureProblems = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = "The goalkeeper data (.mat with X, y, Xval, yval) (default: ${DEFAULT-VALUE}).")
  Path data = FootballData.DEFAULT_PATH;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "Runs: none, l2, dropout, l2+dropout, all, or a comma list (default: ${DEFAULT-VALUE}).")
  String mode = "none,l2,dropout";

  @Option(
      names = "--lambda",
      paramLabel = "λ",
      description = "L2 strength for l2 runs, >= 0 (default: ${DEFAULT-VALUE}).")
  double lambda = FootballConfig.LESSON_LAMBDA;

  @Option(
      names = "--keep-prob",
      paramLabel = "P",
      description = "Dropout keep probability for dropout runs, in (0, 1] (default: ${DEFAULT-VALUE}).")
  double keepProb = FootballConfig.LESSON_KEEP_PROB;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Full-batch gradient-descent iterations, > 0 (default: ${DEFAULT-VALUE}).")
  int iterations = FootballConfig.LESSON_ITERATIONS;

  @Option(
      names = "--lr",
      paramLabel = "RATE",
      description = "Learning rate, > 0 (default: ${DEFAULT-VALUE}).")
  double learningRate = FootballConfig.LESSON_LEARNING_RATE;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description =
          "Seed of the initialization and the dropout masks; ignored with --reference"
              + " (default: ${DEFAULT-VALUE}).")
  long seed = FootballConfig.DEFAULT_SEED;

  @Option(
      names = "--reference",
      description =
          "Reproduce the lesson exactly: numpy initialization (seed 3) and the reference's"
              + " dropout masks (re-seeded with 1 before every forward pass) (default: ${DEFAULT-VALUE}).")
  boolean reference;

  @Option(
      names = "--early-stopping",
      description =
          "Stop when the dev loss stops improving and keep the best weights; the dev set is the"
              + " lesson's test set Xval (default: ${DEFAULT-VALUE}).")
  boolean earlyStopping;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description = "Early-stopping patience in iterations, > 0 (default: ${DEFAULT-VALUE}).")
  int patience = 1_000;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      description = "Record the cost every N iterations, > 0 (default: ${DEFAULT-VALUE}).")
  int evalEvery = 100;

  @Option(
      names = "--base-error",
      paramLabel = "E",
      description =
          "Base (Bayes/human) error the bias/variance diagnosis measures avoidable bias from,"
              + " in [0, 1); the goalkeeper data are not separable, so some test error is"
              + " irreducible (default: ${DEFAULT-VALUE}).")
  double baseError = 0.0;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Runs trained at once, > 0 (default: all runs at once, which on 2 cores finished the"
              + " three lesson runs 0.1-0.2 s sooner than 2 threads).")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for pictures and model files (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("out", "football");

  @Option(
      names = "--no-pictures",
      negatable = true,
      description =
          "Draw the decision boundaries and cost curves into --out; --no-pictures skips them"
              + " (default: draw them).")
  boolean pictures = true;

  @Option(
      names = "--json",
      description =
          "Print only JSON on stdout: one object per run with mode, train_accuracy,"
              + " test_accuracy, final_cost and seconds, as {\"runs\": [...]}"
              + " (default: ${DEFAULT-VALUE}).")
  boolean json;

  @Option(
      names = "--sweep",
      paramLabel = "KEY=VALUES",
      description =
          "Instead of the three runs: a validation curve, e.g. --sweep l2=0..1.5 (16 points:"
              + " l2=0..1.5:16) or --sweep keep-prob=0.5..1; the other options stay fixed; runs"
              + " 'augreg tune' on --data (its grid syntax; l2 is --lambda, the mode follows),"
              + " --sweep-seeds runs per value, results and validation-KEY.png in --out/sweep"
              + " (default: none).")
  List<String> sweep = new ArrayList<>();

  @Option(
      names = "--sweep-seeds",
      paramLabel = "K",
      description = "With --sweep: runs per value, seeds --seed, --seed + 1, ... (default: ${DEFAULT-VALUE}).")
  int sweepSeeds = 3;

  @Override
  public Integer call() {
    if (!sweep.isEmpty()) {
      return sweep();
    }
    if (threads != null && threads <= 0) {
      throw new AugregException("--threads must be > 0, got " + threads);
    }
    FootballConfig config = config();
    // Pictures, model files and the page's warm-up are made on a small pool while the data are
    // read and training goes on: first AWT and the fonts, and the page's classes and layout,
    // are loaded and compiled (so that the drawing and the page after the last run take tens of
    // milliseconds, not half a second each); then each run's decision boundary and model files
    // as soon as it finishes, on as many threads as there are cores (the runs of the lesson
    // finish at about the same time, and their boundaries are independent), and the cost curves
    // once all are done.
    AtomicInteger figureThreads = new AtomicInteger();
    ExecutorService figures =
        Executors.newFixedThreadPool(
            figureThreads(),
            r -> {
              Thread t = new Thread(r, "football-figures-" + figureThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> pending = new ArrayList<>(); // appended to by the training threads too
    if (pictures) {
      pending.add(figures.submit(() -> picture("warm-up", Plots::warmUp)));
    }
    if (!report.off) {
      pending.add(figures.submit(FootballCommand::warmUpPage));
    }
    FootballData footballData;
    try {
      footballData = FootballData.load(data);
    } catch (RuntimeException e) {
      figures.shutdownNow();
      throw e;
    }
    String description =
        data + " (" + footballData.train().size() + " train, " + footballData.test().size() + " test)";
    FootballExperiment experiment = new FootballExperiment(config);
    int runs = config.modes().size();

    PrintWriter stdout = spec.commandLine().getOut();
    ProgressBar bar = null;
    if (System.console() != null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("football")
              .setInitialMax((long) runs * iterations)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
              .setUpdateIntervalMillis(200)
              .clearDisplayOnFinish()
              .build();
    }
    AtomicLongArray done = new AtomicLongArray(runs);
    ProgressBar progress = bar;
    List<FootballRun> results;
    Function<RunInfo, Page> page;
    try {
      results =
          experiment.runAll(
              footballData,
              threads == null ? runs : threads,
              (m, index) -> progress == null ? null : progressListener(progress, done, index),
              run -> {
                synchronized (pending) {
                  if (pictures) {
                    pending.add(figures.submit(() -> picture(
                        FootballFigures.boundaryFileName(run.mode()),
                        () -> FootballFigures.writeBoundary(out, run, footballData.train()))));
                  }
                  pending.add(figures.submit(() -> writeModelFiles(run)));
                }
              });
      List<FootballRun> finished = results;
      synchronized (pending) {
        if (pictures) {
          pending.add(figures.submit(() -> picture(FootballFigures.COST_FILE,
              () -> FootballFigures.writeCostCurves(out, finished))));
        }
      }
      // the page's layout that needs only the numbers is made here while the pool draws
      page = report.off ? null : page(finished, description);
      for (Future<?> f : List.copyOf(pending)) {
        await(f);
      }
    } finally {
      figures.shutdownNow();
      if (bar != null) {
        bar.close();
      }
    }

    if (json) {
      stdout.println(FootballReport.json(results));
    } else {
      stdout.print(FootballReport.table(config, description, results));
      stdout.println();
      stdout.println(
          pictures
              ? "Pictures and models in " + out + "/: " + FootballFigures.COST_FILE
                  + ", boundary-MODE.png, model-MODE.mat + .json"
              : "Models in " + out + "/: model-MODE.mat + .json (no pictures: --no-pictures)");
    }
    stdout.flush();
    // with --json stdout holds only the JSON document, so the report's file is named on stderr
    boolean written = report.write(spec, out.resolve("report.html"), page,
        json ? spec.commandLine().getErr() : stdout, spec.commandLine().getErr());
    if (!pictureProblems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "augreg football: some pictures were not drawn (results and model files are complete): "
              + String.join("; ", pictureProblems));
      err.flush();
      return AugregException.PARTIAL_FAILURE;
    }
    return written ? 0 : AugregException.PARTIAL_FAILURE;
  }

  /** The configuration the options give (validated by its constructor). */
  FootballConfig config() {
    return new FootballConfig(
        FootballMode.parse(mode),
        lambda,
        keepProb,
        iterations,
        learningRate,
        seed,
        reference,
        earlyStopping,
        patience,
        evalEvery,
        baseError);
  }

  /**
   * {@code --sweep}: an {@code augreg tune} over football runs, with every other option given here
   * fixed for all of them.
   */
  private int sweep() {
    TuneCommand t = new TuneCommand();
    t.train = data;
    t.grid = sweep;
    t.seeds = sweepSeeds;
    t.seed = seed;
    t.out = out.resolve("sweep");
    if (threads != null) {
      t.threads = threads;
    }
    Set<String> own = Set.of("--sweep", "--sweep-seeds", "--seed", "--out", "--threads", "--data",
        "--json", "--no-pictures", "--pictures", "--no-report");
    for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (own.contains(o.longestName())) {
        continue;
      }
      t.fixed.add(o.arity().max() == 0 ? o.longestName()
          : o.longestName() + "=" + String.join(",", o.originalStringValues()));
    }
    int status = t.execute(spec.commandLine().getOut());
    boolean page = TuneCommand.writePage(report, spec, t.out, spec.commandLine().getOut());
    return page ? status : AugregException.PARTIAL_FAILURE;
  }

  /**
   * Draws one picture; a failure of the graphics environment (for example no fonts on a
   * minimal server) is remembered and reported at the end instead of aborting the results.
   */
  private void picture(String name, Runnable draw) {
    try {
      draw.run();
    } catch (AugregException e) {
      throw e;
    } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
      synchronized (pictureProblems) {
        pictureProblems.add(name + ": " + e);
      }
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("football: interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static TrainingListener progressListener(ProgressBar bar, AtomicLongArray done, int index) {
    return r -> {
      long previous = done.getAndSet(index, r.epoch());
      if (r.epoch() > previous) {
        bar.stepBy(r.epoch() - previous);
      }
    };
  }

  /**
   * Threads of the pool that draws the pictures and writes the model files: one per core, at
   * most four (three boundaries and the cost curves are the most that can be drawn at once).
   */
  static int figureThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Loads and compiles the report page's code ({@link PageWriter#warmUp}) on a pool thread. A
   * failure here is not reported: the real page is rendered later and reports its own.
   */
  private static void warmUpPage() {
    try {
      PageWriter.warmUp();
    } catch (RuntimeException | LinkageError e) {
      // the real page reports the problem when it is rendered
    }
  }

  /**
   * The report page of {@code runs}: its sections that need only the numbers are laid out now
   * ({@link FootballPage#sections}); the function adds the boundaries drawn into {@code --out} and
   * the settings. A layout failure is thrown when the page is built, where {@link ReportOptions}
   * reports it like any other.
   */
  private Function<RunInfo, Page> page(List<FootballRun> runs, String description) {
    List<Page.Section> sections;
    try {
      sections = FootballPage.sections(runs, description);
    } catch (RuntimeException e) {
      return info -> {
        throw e;
      };
    }
    return info -> FootballPage.build(sections, runs, out, info);
  }

  /** The run's model files (.mat and .json), written on a pool thread. */
  private void writeModelFiles(FootballRun run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", run.trainAccuracy());
    metrics.put("test_accuracy", run.testAccuracy());
    metrics.put("final_cost", run.finalCost());
    metrics.put("seconds", run.seconds());
    metrics.put("best_epoch", (double) run.result().bestEpoch());
    metrics.put("stop_epoch", (double) run.result().stopEpoch());
    ModelFiles.save(out, "model-" + FootballFigures.fileLabel(run.mode()), run.result().model(),
        run.config(), metrics, java.util.Map.of());
  }
}
