package io.augreg.tune;

import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The run folders of a tune and their completion rule: a run trains in {@code NAME.part/}, which
 * is renamed to {@code NAME/} (one atomic rename) only after its {@code report.json} is written.
 * So a folder without {@code .part} is a finished run, kept by a rerun; a {@code .part} folder
 * is what a killed tune left behind, and is started again from scratch.
 */
public final class RunStore {
  private RunStore() {}

  /** True when {@code dir} is a finished run. */
  public static boolean finished(Path dir) {
    return Files.isRegularFile(dir.resolve("report.json"));
  }

  /**
   * Runs {@code task} into {@code dir.part/} and renames it to {@code dir} when it wrote its
   * report; a leftover {@code .part} folder is removed first.
   *
   * @param dir the run's final folder
   * @param task writes the run into the folder it is given and returns the run's exit code
   * @return the exit code
   * @throws AugregException when the run wrote no report (its folder stays {@code .part})
   */
  public static int run(Path dir, java.util.function.ToIntFunction<Path> task) {
    Path part = dir.resolveSibling(dir.getFileName() + ".part");
    deleteTree(part);
    try {
      Files.createDirectories(part);
    } catch (IOException e) {
      throw new AugregException(part + ": cannot create the run folder (" + e.getMessage() + ")", e);
    }
    int code = task.applyAsInt(part);
    if (!finished(part)) {
      throw new AugregException(part + ": the run failed (exit " + code + "), see its train.log");
    }
    move(part, dir);
    return code;
  }

  /** Renames {@code from} to {@code to}, atomically where the file system can. */
  static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.toAbsolutePath().getParent());
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to);
      }
    } catch (IOException e) {
      throw new AugregException(to + ": cannot rename " + from + " (" + e.getMessage() + ")", e);
    }
  }

  /** Deletes {@code dir} and everything below it (links are removed, never followed). */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          if (exc != null) {
            throw exc;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new AugregException(dir + ": cannot remove (" + e.getMessage() + ")", e);
    }
  }
}
