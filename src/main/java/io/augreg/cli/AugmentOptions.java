package io.augreg.cli;

import io.augreg.image.ImageWriter;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.Failure;
import io.augreg.offline.OutputFormat;
import io.augreg.offline.Size;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code augment} that decide its output (a picocli mixin), shared with the Spark
 * job ({@code augreg spark}, module {@code spark/}) so both accept the same options and make the
 * same files, plus the summary both print.
 */
public final class AugmentOptions {
  @Mixin PipelineOptions pipelineOptions;

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
      converter = AugmentOptions.SizeConverter.class,
      description = "Resize every output to WxH after augmenting (default: keep the size).")
  Size size;

  @Option(
      names = "--resume",
      description =
          "Keep outputs that an earlier run with the same settings completed; redo the rest.")
  boolean resume;

  @Option(names = "--overwrite", description = "Allow a non-empty OUTPUT and replace its files.")
  boolean overwrite;

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

  /**
   * The run's settings from these options.
   *
   * @param input INPUT
   * @param output OUTPUT
   * @param threads worker threads
   * @return the validated settings
   * @throws io.augreg.core.AugregException naming the option at fault
   */
  public AugmentConfig config(Path input, Path output, int threads) {
    return new AugmentConfig(
        input,
        output,
        copies,
        keepOriginal,
        pipelineOptions.parsePipeline(),
        pipelineOptions.seed,
        threads,
        format,
        quality,
        size,
        resume,
        overwrite,
        pipelineOptions.maxPixels);
  }

  /**
   * Prints a run's summary: every failure on {@code err}, then the counts and the manifest on
   * {@code out}.
   *
   * @param command the command's name, e.g. "augment"
   * @param report the run's summary
   * @param out standard output
   * @param err standard error
   * @return the exit code: 0, or 1 when some input failed
   */
  public static int summary(
      String command, AugmentReport report, PrintWriter out, PrintWriter err) {
    for (Failure f : report.failures()) {
      err.println("augreg " + command + ": failed: " + f);
    }
    err.flush();
    out.printf(
        Locale.ROOT,
        "%s: %d written, %d skipped, %d failed (%d input files) in %.1f s, %.1f files/s%n",
        command,
        report.written(),
        report.skipped(),
        report.failures().size(),
        report.sources(),
        report.seconds(),
        report.sources() / Math.max(report.seconds(), 1e-9));
    out.println("manifest: " + report.manifest());
    out.flush();
    return report.failures().isEmpty() ? 0 : 1;
  }
}
