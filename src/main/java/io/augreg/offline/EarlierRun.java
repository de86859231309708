package io.augreg.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.core.AugregException;
import io.augreg.image.ImageWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code --resume} learns from the manifest lines an earlier run into OUTPUT left: which
 * outputs it completed, and with which options. A resume with other options would mix two runs in
 * one folder (e.g. 20 copies on disk, 3 in the manifest), so it is refused.
 */
public final class EarlierRun {
  private EarlierRun() {}

  /**
   * Adds one line of an earlier manifest to {@code byOutput} (the first line of an output wins); a
   * torn last line of an interrupted run is ignored, so that its output is simply redone.
   *
   * @param line a manifest line
   * @param byOutput lines by their {@code output} field
   */
  public static void index(String line, Map<String, String> byOutput) {
    if (line.isBlank()) {
      return;
    }
    try {
      byOutput.putIfAbsent(ManifestLine.parse(line).path("output").asText(), line);
    } catch (AugregException torn) {
      // redone
    }
  }

  /**
   * Refuses a resume whose options differ from the earlier run's, as far as its lines tell: seed,
   * pipeline, copies, keep-original, format, size and quality.
   *
   * @param lines the earlier run's manifest lines (any order)
   * @param config this run's settings
   * @throws AugregException (exit 2) naming the first differing option and suggesting {@code
   *     --overwrite}
   */
  public static void checkSameOptions(Collection<String> lines, AugmentConfig config) {
    Map<String, Integer> copiesBySource = new HashMap<>();
    int earlierCopies = 0;
    boolean earlierKeep = false;
    for (String line : lines) {
      JsonNode n = ManifestLine.parse(line);
      String source = n.path("source").asText();
      boolean original = n.path("copy").isNull();
      if (n.path("seed").asLong() != config.seed()) {
        refuse("--seed", n.path("seed").asText(), Long.toString(config.seed()));
      }
      if (!original && !n.path("pipeline").asText().equals(config.pipeline().toSpec())) {
        refuse(
            "--pipeline",
            "'" + n.path("pipeline").asText() + "'",
            "'" + config.pipeline().toSpec() + "'");
      }
      if (original) {
        earlierKeep = true;
      } else {
        int c = copiesBySource.merge(source, 1, Integer::sum);
        earlierCopies = Math.max(earlierCopies, Math.max(c, n.path("copy").asInt() + 1));
      }
      String sourceExt = ImageWriter.extensionOf(Path.of(source));
      String outputExt = ImageWriter.extensionOf(Path.of(n.path("output").asText()));
      if (!config.format().extensionFor(sourceExt).equals(outputExt)) {
        refuse(
            "--format",
            "a ." + outputExt + " output for " + source,
            "--format " + config.format().name().toLowerCase(java.util.Locale.ROOT));
      }
      String size = n.path("size").isNull() ? null : n.path("size").asText();
      String wanted = config.size() == null ? null : config.size().toString();
      if (!Objects.equals(size, wanted)) {
        refuse(
            "--size",
            size == null ? "no --size" : size,
            wanted == null ? "no --size" : wanted);
      }
      if (n.path("quality").asInt() != config.quality()) {
        refuse("--quality", n.path("quality").asText(), Integer.toString(config.quality()));
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    if (earlierCopies != config.copies()) {
      refuse("--copies", Integer.toString(earlierCopies), Integer.toString(config.copies()));
    }
    if (earlierKeep != config.keepOriginal()) {
      refuse(
          "--keep-original",
          earlierKeep ? "with it" : "without it",
          config.keepOriginal() ? "with it" : "without it");
    }
  }

  private static void refuse(String option, String earlier, String now) {
    throw new AugregException(
        "--resume: "
            + option
            + " differs from the earlier run's in OUTPUT ("
            + earlier
            + " then, "
            + now
            + " now); rerun with the earlier options, or pass --overwrite instead of --resume to"
            + " replace its files");
  }
}
