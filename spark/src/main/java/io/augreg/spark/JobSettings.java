package io.augreg.spark;

import io.augreg.augment.Pipeline;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.OutputFormat;
import io.augreg.offline.Size;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What the executors need to rebuild the run's {@link AugmentConfig}: the validated augment
 * options as plain values (a {@link Pipeline} or a {@link Path} does not travel).
 *
 * @param input INPUT as given (any Hadoop path)
 * @param output OUTPUT as given (any Hadoop path)
 * @param copies augmented copies per input
 * @param keepOriginal whether originals are written too
 * @param pipeline the pipeline spec ({@link Pipeline#toSpec()})
 * @param seed the run seed
 * @param format the output format
 * @param quality JPEG/WebP quality
 * @param size the output size as {@code WxH}, or null
 * @param resume keep outputs an earlier run completed
 * @param overwrite allow a non-empty OUTPUT
 * @param maxPixels the reader's pixel limit (bomb guard)
 * @param failOnceAt for tests: the task holding this input (relative path) fails once, on its first
 *     attempt, after writing that input's outputs; null in real runs
 */
public record JobSettings(
    String input,
    String output,
    int copies,
    boolean keepOriginal,
    String pipeline,
    long seed,
    OutputFormat format,
    int quality,
    String size,
    boolean resume,
    boolean overwrite,
    long maxPixels,
    String failOnceAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The settings of a validated config.
   *
   * @param input INPUT as given
   * @param output OUTPUT as given
   * @param config the validated options
   * @param failOnceAt the test hook, null in real runs
   * @return the settings
   */
  public static JobSettings of(
      String input, String output, AugmentConfig config, String failOnceAt) {
    return new JobSettings(
        input,
        output,
        config.copies(),
        config.keepOriginal(),
        config.pipeline().toSpec(),
        config.seed(),
        config.format(),
        config.quality(),
        config.size() == null ? null : config.size().toString(),
        config.resume(),
        config.overwrite(),
        config.maxPixels(),
        failOnceAt);
  }

  /**
   * The augment settings (its INPUT and OUTPUT paths are placeholders: the job reads and writes
   * through Hadoop's file systems).
   *
   * @return the config
   */
  public AugmentConfig config() {
    return new AugmentConfig(
        Path.of("."),
        Path.of("."),
        copies,
        keepOriginal,
        Pipeline.parse(pipeline),
        seed,
        1,
        format,
        quality,
        size == null ? null : Size.parse(size),
        resume,
        overwrite,
        maxPixels);
  }
}
