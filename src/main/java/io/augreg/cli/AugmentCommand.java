package io.augreg.cli;

import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentJob;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.SourceOutcome;
import io.augreg.report.AugmentPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code augreg augment INPUT OUTPUT}: multiplies an image folder on disk. */
@Command(
    name = "augment",
    mixinStandardHelpOptions = true,
    header = "Augment an image folder on disk, keeping its class sub-folders; replayable manifest.",
    description = {
      "Augment every image under INPUT (recursively) into OUTPUT, keeping the sub-folder"
          + " (class) structure: IN/cat/img001.png gives OUT/cat/img001_aug0.png, _aug1, ..."
          + " and, with --keep-original, OUT/cat/img001.png.",
      "OUTPUT/manifest.jsonl gets one line per output with the exact parameters to replay it."
          + " Output bytes are identical for any --threads.",
      "Bad files (not images, truncated, empty, 16-bit, over --max-pixels) are listed and"
          + " skipped; the others are still processed and the exit code is 1.",
      ""
    })
public final class AugmentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin AugmentOptions options;

  @Mixin ReportOptions reportOptions;

  @Parameters(
      index = "0",
      paramLabel = "INPUT",
      description = "Input folder (searched recursively) or one image file.")
  Path input;

  @Parameters(
      index = "1",
      paramLabel = "OUTPUT",
      description = "Output folder; must not overlap INPUT.")
  Path output;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: all cores, ${sys:augreg.cores} here).")
  Integer threads;

  static {
    System.setProperty(
        "augreg.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  @Override
  public Integer call() {
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    AugmentConfig config = options.config(input, output, nThreads);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AugmentReport report;
    try (Progress progress = new Progress()) {
      report = new AugmentJob(config).run(progress);
    }
    int status = AugmentOptions.summary("augment", report, out, err);
    AugmentReport r = report;
    boolean page = reportOptions.write(spec, output.resolve(AugmentJob.REPORT),
        info -> AugmentPage.build(config, r, info), out, err);
    return page ? status : 1;
  }

  /** A progress bar on stderr, only when attached to a terminal. */
  private static final class Progress implements AugmentJob.Listener, AutoCloseable {
    private ProgressBar bar;

    @Override
    public void started(int sources) {
      if (System.console() != null) {
        bar =
            new ProgressBarBuilder()
                .setTaskName("augment")
                .setInitialMax(sources)
                .setUnit(" files", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
      }
    }

    @Override
    public void done(SourceOutcome outcome) {
      if (bar != null) {
        bar.step();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
