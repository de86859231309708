package io.augreg.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real paths for comparing an output location with input folders, whether it exists yet or not. */
public final class RealPaths {
  private RealPaths() {}

  /**
   * The real path of {@code p} (symbolic links resolved), or, when {@code p} does not exist yet,
   * the real path of its nearest existing ancestor with the rest appended.
   *
   * @param p a path, existing or not
   * @return the absolute, normalized real path
   * @throws AugregException when an existing ancestor cannot be resolved
   */
  public static Path of(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    } catch (IOException e) {
      throw new AugregException(p + ": cannot resolve path (" + e.getMessage() + ")", e);
    }
  }
}
