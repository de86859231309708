package io.augreg.offline;

import io.augreg.core.AugregException;
import io.augreg.core.RealPaths;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a run's output away from its input: compares real paths (symbolic links resolved; for a
 * not-yet-existing output, its nearest existing ancestor resolved) and refuses OUTPUT equal to,
 * inside, or containing a folder INPUT. An output folder inside the input would be read back as
 * input by the next run; an input inside the output could be overwritten by outputs named after its
 * own sub-folders.
 */
public final class PathGuard {
  private PathGuard() {}

  /**
   * Checks {@code input} and {@code output}.
   *
   * @throws AugregException (exit 2) when the two overlap or OUTPUT is a file
   */
  public static void check(Path input, Path output) {
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new AugregException("OUTPUT " + output + " exists and is not a folder");
    }
    Path in = RealPaths.of(input);
    Path out = RealPaths.of(output);
    if (Files.isDirectory(input)) {
      if (out.equals(in)) {
        throw new AugregException(
            "OUTPUT " + output + " is the INPUT folder; choose a folder outside the input");
      }
      if (out.startsWith(in)) {
        throw new AugregException(
            "OUTPUT "
                + output
                + " is inside INPUT "
                + input
                + "; choose a folder outside the input (a later run would read the outputs as"
                + " inputs)");
      }
      if (in.startsWith(out)) {
        throw new AugregException(
            "INPUT "
                + input
                + " is inside OUTPUT "
                + output
                + "; choose an output folder that does not contain the input");
      }
    }
  }

  /** Whether {@code target} is the same file as {@code input} (for single-file inputs). */
  static boolean sameFile(Path target, Path input) {
    return RealPaths.of(target).equals(RealPaths.of(input));
  }
}
