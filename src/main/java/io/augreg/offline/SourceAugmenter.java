package io.augreg.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.augment.AppliedStep;
import io.augreg.core.AugregException;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageReader;
import io.augreg.image.ImageWriter;
import io.augreg.image.SourceFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The work an augment run does for one input file: keeps the outputs an earlier run completed
 * ({@code --resume}), decodes the source once, makes every planned output, writes it through a
 * {@link Sink} and returns its manifest lines. {@link AugmentJob} runs it on a thread pool over a
 * local folder; the Spark job runs it in its tasks over any Hadoop file system. Both therefore
 * write the same bytes and the same manifest lines, and report the same failure reasons.
 *
 * <p>Only the settings of the {@link AugmentConfig} are used (copies, pipeline, seed, format,
 * quality, size, pixel limit); its INPUT and OUTPUT paths are not: the caller supplies the bytes
 * and the sink. One instance may serve many threads.
 */
public final class SourceAugmenter {
  /** Supplies the encoded bytes of a source, read only when some output must be made. */
  @FunctionalInterface
  public interface Bytes {
    /**
     * Reads the file.
     *
     * @return its content
     * @throws BadImageException when it cannot be read (empty, too large, unreadable)
     */
    byte[] read();
  }

  /** Where the outputs go, by their path relative to OUTPUT ({@link PlannedOutput#relative()}). */
  public interface Sink {
    /**
     * Whether an output already exists (asked only for outputs an earlier manifest lists).
     *
     * @param relative the output's relative path
     * @return true when the file is there
     */
    boolean exists(String relative);

    /**
     * Writes one output atomically (a reader never sees a partial file).
     *
     * @param relative the output's relative path
     * @param bytes its content
     * @throws UncheckedIOException for a storage fault the caller should retry: it is passed on,
     *     not recorded as the source's failure
     */
    void write(String relative, byte[] bytes);
  }

  private final AugmentConfig config;
  private final ImageReader reader;
  private final ImageWriter writer;

  /**
   * An augmenter with the settings of {@code config}.
   *
   * @param config the run's settings
   */
  public SourceAugmenter(AugmentConfig config) {
    this.config = config;
    this.reader = new ImageReader(config.maxPixels());
    this.writer = new ImageWriter(config.quality());
  }

  /**
   * Makes the outputs of one source.
   *
   * @param src the source (its path is used for its extension and in messages)
   * @param bytes reads its content
   * @param outs its planned outputs ({@link OutputPlan})
   * @param earlier manifest lines of an earlier run by output path (empty unless resuming)
   * @param sink where the outputs are written
   * @return the manifest lines (kept or new, in plan order), counts, and the failure if any
   */
  public SourceOutcome process(
      SourceFile src,
      Bytes bytes,
      List<PlannedOutput> outs,
      Map<String, String> earlier,
      Sink sink) {
    String[] lines = new String[outs.size()];
    int skipped = 0;
    for (int j = 0; j < outs.size(); j++) {
      PlannedOutput p = outs.get(j);
      String raw = earlier.get(p.relative());
      if (raw != null && kept(raw, p) && sink.exists(p.relative())) {
        lines[j] = raw;
        skipped++;
      }
    }
    if (skipped == outs.size()) {
      return new SourceOutcome(src, List.of(lines), 0, skipped, null);
    }
    int written = 0;
    Failure failure = null;
    try {
      byte[] content = bytes.read();
      try (Mat image = reader.decode(src.path(), content);
          Mat aug = new Mat();
          Mat scratch = new Mat()) {
        for (int j = 0; j < outs.size(); j++) {
          if (lines[j] != null) {
            continue;
          }
          PlannedOutput p = outs.get(j);
          String ext = ImageWriter.extensionOf(Path.of(p.relative()));
          List<AppliedStep> steps;
          Mat result;
          if (p.isOriginal()) {
            steps = List.of();
            result = image;
          } else {
            steps = config.pipeline().apply(image, aug, config.seed(), 0, p.key(), p.copy());
            result = aug;
          }
          int w = config.size() == null ? result.cols() : config.size().width();
          int h = config.size() == null ? result.rows() : config.size().height();
          boolean sameSize = w == image.cols() && h == image.rows();
          byte[] encoded =
              p.isOriginal() && Renderer.copyOriginal(src.extension(), ext, sameSize)
                  ? content
                  : Renderer.render(result, w, h, ext, writer, scratch);
          sink.write(p.relative(), encoded);
          lines[j] = ManifestLine.of(p, config, steps, w, h);
          written++;
        }
      }
    } catch (BadImageException e) {
      failure = new Failure(src.path(), e.reason());
    } catch (AugregException e) {
      failure = new Failure(src.path(), e.getMessage());
    } catch (UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      failure = new Failure(src.path(), "failed (" + e + ")");
    }
    List<String> done = new ArrayList<>();
    for (String l : lines) {
      if (l != null) {
        done.add(l);
      }
    }
    return new SourceOutcome(src, done, written, skipped, failure);
  }

  private boolean kept(String raw, PlannedOutput p) {
    JsonNode old;
    try {
      old = ManifestLine.parse(raw);
    } catch (AugregException torn) {
      return false;
    }
    return ManifestLine.sameSettings(old, p, config);
  }
}
