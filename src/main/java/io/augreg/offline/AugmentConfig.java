package io.augreg.offline;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one offline augmentation run needs. Validated on construction; immutable.
 *
 * @param input the input folder (searched recursively) or a single image file
 * @param output the output folder (created when missing)
 * @param copies augmented outputs per input, 0..10000 (0 only with {@code keepOriginal})
 * @param keepOriginal also write the (possibly resized/re-encoded) original
 * @param pipeline the augmentation pipeline
 * @param seed the run seed
 * @param threads worker threads, 1..1024
 * @param format the output format
 * @param quality JPEG/WebP quality 1..100
 * @param size resize every output to this size after augmenting, or null to keep the size
 * @param resume skip outputs a previous run with the same settings completed
 * @param overwrite allow writing into a non-empty output folder, replacing files
 * @param maxPixels the pixel limit of the reader (decompression-bomb guard)
 */
public record AugmentConfig(
    Path input,
    Path output,
    int copies,
    boolean keepOriginal,
    Pipeline pipeline,
    long seed,
    int threads,
    OutputFormat format,
    int quality,
    Size size,
    boolean resume,
    boolean overwrite,
    long maxPixels) {

  /**
   * The pipeline {@code augment} and {@code preview} use when none is given: mild, label-preserving
   * changes for photos.
   */
  public static final String DEFAULT_PIPELINE =
      "hflip p=0.5 | rotate deg=-15..15 border=reflect p=0.5 | crop scale=0.7..1 ratio=0.75..1.333"
          + " p=0.5 | contrast factor=0.8..1.2 p=0.5 | brightness delta=-20..20 p=0.5 | noise"
          + " sigma=0..8 p=0.3";

  /** Validates ranges and combinations, naming the option at fault. */
  public AugmentConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(format, "format");
    if (copies < 0 || copies > 10_000) {
      throw new AugregException("--copies must be in [0, 10000], got " + copies);
    }
    if (copies == 0 && !keepOriginal) {
      throw new AugregException(
          "--copies 0 writes nothing; use --copies >= 1 or add --keep-original");
    }
    if (threads < 1 || threads > 1024) {
      throw new AugregException("--threads must be in [1, 1024], got " + threads);
    }
    if (quality < 1 || quality > 100) {
      throw new AugregException("--quality must be in [1, 100], got " + quality);
    }
    if (maxPixels < 1) {
      throw new AugregException("--max-pixels must be positive, got " + maxPixels);
    }
    if (resume && overwrite) {
      throw new AugregException("--resume and --overwrite exclude each other");
    }
  }
}
