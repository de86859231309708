package io.augreg.offline;

import java.nio.file.Path;

/**
 * An input file that could not be processed.
 *
 * @param path the file
 * @param reason why, e.g. "truncated PNG (file ends inside a chunk)"
 */
public record Failure(Path path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
