package io.augreg.offline;

import io.augreg.image.SourceFile;
import java.util.List;

/**
 * What happened to one input file.
 *
 * @param source the input
 * @param manifestLines the manifest lines of its outputs, in plan order (written or kept)
 * @param written outputs written now
 * @param skipped outputs kept from an earlier run ({@code --resume})
 * @param failure why the file failed, or null
 */
public record SourceOutcome(
    SourceFile source, List<String> manifestLines, int written, int skipped, Failure failure) {
  /** Copies the list. */
  public SourceOutcome {
    manifestLines = List.copyOf(manifestLines);
  }
}
