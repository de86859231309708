package io.augreg.offline;

import io.augreg.image.SourceFile;

/**
 * One file a run will write.
 *
 * @param source the input it is made from
 * @param key the sample key of the source (see {@link OutputPlan#sampleKey(String)})
 * @param copy the copy index 0..copies-1, or {@link #ORIGINAL} for the kept original
 * @param relative the output path relative to OUTPUT, {@code /}-separated
 */
public record PlannedOutput(SourceFile source, long key, int copy, String relative) {
  /** The {@link #copy()} value of a kept original. */
  public static final int ORIGINAL = -1;

  /** Whether this output is the kept original rather than an augmented copy. */
  public boolean isOriginal() {
    return copy == ORIGINAL;
  }
}
