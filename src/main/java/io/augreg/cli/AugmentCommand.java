package io.augreg.cli;

import io.augreg.augment.Pipeline;
import io.augreg.image.ImageWriter;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentJob;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.Failure;
import io.augreg.offline.OutputFormat;
import io.augreg.offline.Size;
import io.augreg.offline.SourceOutcome;
import io.augreg.report.AugmentPage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
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

  @Mixin PipelineOptions pipelineOptions;

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
      names = "--copies",
      paramLabel = "N",
      defaultValue = "5",
      description = "Augmented copies per input image (default: ${DEFAULT-VALUE}).")
  int copies;

  @Option(
      names = "--keep-original",
      description =
          "Also write each original (copied as-is, or re-encoded/resized for --format/--size).")
  boolean keepOriginal;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: all cores, ${sys:augreg.cores} here).")
  Integer threads;

  @Option(
      names = "--format",
      paramLabel = "same|png|jpg",
      defaultValue = "same",
      description =
          "Output format; 'same' keeps png/jpg/webp/bmp/tiff, else png (default:"
              + " ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--quality",
      paramLabel = "Q",
      defaultValue = "" + ImageWriter.DEFAULT_QUALITY,
      description = "JPEG/WebP quality 1..100 (default: ${DEFAULT-VALUE}).")
  int quality;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      converter = SizeConverter.class,
      description = "Resize every output to WxH after augmenting (default: keep the size).")
  Size size;

  @Option(
      names = "--resume",
      description =
          "Keep outputs that an earlier run with the same settings completed; redo the rest.")
  boolean resume;

  @Option(names = "--overwrite", description = "Allow a non-empty OUTPUT and replace its files.")
  boolean overwrite;

  static {
    System.setProperty(
        "augreg.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  /** Converts {@code WxH} option values. */
  static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Size> {
    @Override
    public Size convert(String value) {
      try {
        return Size.parse(value);
      } catch (io.augreg.core.AugregException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() {
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Pipeline p = pipelineOptions.parsePipeline();
    AugmentConfig config =
        new AugmentConfig(
            input,
            output,
            copies,
            keepOriginal,
            p,
            pipelineOptions.seed,
            nThreads,
            format,
            quality,
            size,
            resume,
            overwrite,
            pipelineOptions.maxPixels);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AugmentReport report;
    try (Progress progress = new Progress()) {
      report = new AugmentJob(config).run(progress);
    }
    for (Failure f : report.failures()) {
      err.println("augreg augment: failed: " + f);
    }
    err.flush();
    out.printf(
        Locale.ROOT,
        "augment: %d written, %d skipped, %d failed (%d input files) in %.1f s, %.1f files/s%n",
        report.written(),
        report.skipped(),
        report.failures().size(),
        report.sources(),
        report.seconds(),
        report.sources() / Math.max(report.seconds(), 1e-9));
    out.println("manifest: " + report.manifest());
    out.flush();
    AugmentReport r = report;
    boolean page = reportOptions.write(spec, output.resolve(AugmentJob.REPORT),
        info -> AugmentPage.build(config, r, info), out, err);
    return report.failures().isEmpty() && page ? 0 : 1;
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
