package io.augreg.offline;

import java.nio.file.Path;
import java.util.List;

/**
 * The summary of a run.
 *
 * @param sources input files found
 * @param written outputs written
 * @param skipped outputs kept from an earlier run
 * @param failures the inputs that failed, in input order
 * @param manifest the manifest file
 * @param seconds wall-clock duration
 */
public record AugmentReport(
    int sources, int written, int skipped, List<Failure> failures, Path manifest, double seconds) {
  /** Copies the list. */
  public AugmentReport {
    failures = List.copyOf(failures);
  }
}
