package io.augreg.image;

import java.nio.file.Path;

/**
 * One file found under an input root.
 *
 * @param path the file (as found, resolved against the root)
 * @param relative its path relative to the root with {@code /} separators, e.g. {@code
 *     "cat/img001.png"}; for a root that is itself a file, the file name
 */
public record SourceFile(Path path, String relative) {

  /** The folder part of {@link #relative()} ("" for a file directly under the root). */
  public String folder() {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** The file name without its last extension, e.g. "img001". */
  public String stem() {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  /** The lower-case extension without the dot, or "". */
  public String extension() {
    return ImageWriter.extensionOf(path);
  }
}
