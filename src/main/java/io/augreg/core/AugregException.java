package io.augreg.core;

/**
 * A problem the user can fix: a bad option value, a missing or malformed input file, an
 * inconsistent configuration. The CLI prints {@link #getMessage()} on one line (no stack trace)
 * and exits with {@link #exitCode()}.
 *
 * <p>The message must name the offending file or option and say what was expected, e.g. {@code
 * "--keep-prob must be in (0, 1], got 1.5"} or {@code "data/football/data.mat: variable 'yval'
 * not found (expected X, y, Xval, yval)"}.
 */
public class AugregException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for bad usage or configuration (see DESIGN.md). */
  public static final int USAGE = 2;

  /** Exit code when the work ran but some inputs failed. */
  public static final int PARTIAL_FAILURE = 1;

  private final int exitCode;

  /** A user error with exit code {@link #USAGE}. */
  public AugregException(String message) {
    this(message, USAGE, null);
  }

  /** A user error with exit code {@link #USAGE} caused by {@code cause}. */
  public AugregException(String message, Throwable cause) {
    this(message, USAGE, cause);
  }

  /** A user error with an explicit exit code. */
  public AugregException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code the CLI should return. */
  public int exitCode() {
    return exitCode;
  }
}
