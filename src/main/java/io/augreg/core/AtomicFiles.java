package io.augreg.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a whole file so that it is never seen half-written: to {@code .NAME.tmp} beside it, then
 * renamed over it (atomically where the file system can).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code text} as UTF-8 to {@code file}, creating its folder.
   *
   * @param file the destination
   * @param text the contents
   * @throws IOException when the folder, the temporary file or the rename fails
   */
  public static void writeString(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    Files.createDirectories(abs.getParent());
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * {@link #writeString} for outputs of a run: a failure becomes the user-facing error {@code FILE:
   * cannot write (reason)}.
   *
   * @param file the destination
   * @param text the contents
   * @throws AugregException when it cannot be written
   */
  public static void writeOutput(Path file, String text) {
    try {
      writeString(file, text);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }
}
