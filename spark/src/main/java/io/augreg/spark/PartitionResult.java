package io.augreg.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one partition reports to the driver; its manifest lines went to a part file instead.
 *
 * @param partition the partition index
 * @param sources inputs processed
 * @param written outputs written
 * @param skipped outputs kept from an earlier run
 * @param failures each failed input as {relative path, reason}, in input order
 */
record PartitionResult(
    int partition, int sources, int written, int skipped, List<String[]> failures)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
