package io.augreg.image;

import io.augreg.core.AugregException;
import java.nio.file.Path;

/**
 * An input file that cannot be used as an image: empty, not an image, truncated or corrupt, of an
 * unsupported depth or channel count, or over the pixel limit. The message is {@code "PATH:
 * REASON"}; {@link #reason()} is the part after the path. Folder-level commands catch it, list it
 * and go on with the other files; single-image commands let it reach the CLI (exit code 2).
 */
public final class BadImageException extends AugregException {
  private static final long serialVersionUID = 1L;

  /** The offending file. */
  private final transient Path path;

  /** Why the file was refused, without the path. */
  private final String reason;

  /**
   * A refusal of {@code path} for {@code reason}.
   *
   * @param path the file that was refused
   * @param reason a short human-readable reason, e.g. "truncated PNG (file ends inside a chunk)"
   */
  public BadImageException(Path path, String reason) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /** The file that was refused. */
  public Path path() {
    return path;
  }

  /** Why the file was refused, without the path. */
  public String reason() {
    return reason;
  }
}
