package io.augreg.spark;

import io.augreg.image.BadImageException;
import io.augreg.image.ImageFiles;
import io.augreg.image.ImageReader;
import io.augreg.image.SourceFile;
import io.augreg.offline.SourceAugmenter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, ...): the listing of
 * INPUT by augreg's rules, reading a source with the CLI's size checks, and atomic writes.
 *
 * <p>Atomic write: the bytes go to {@code .NAME.<tag>.part} in the target's folder, then are
 * renamed to {@code NAME}; the tag is unique per task attempt, so two attempts of one task (a
 * retry, or speculation) never share a temporary file, and both rename identical bytes to the same
 * name. On a failure the temporary file is deleted. Local paths go through Hadoop's raw local file
 * system (no {@code .crc} side files) and are written with {@code java.nio}.
 */
final class HadoopStore {
  private HadoopStore() {}

  /**
   * The file system of {@code path} (the raw one for local paths).
   *
   * @param path a path
   * @param conf the Hadoop configuration
   * @return its file system
   */
  static FileSystem fileSystem(Path path, Configuration conf) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs instanceof LocalFileSystem local) {
        // the raw one: no .crc side files
        return local.getRawFileSystem();
      }
      return fs;
    } catch (IOException e) {
      throw new io.augreg.core.AugregException(
          path + ": no file system for it (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Lists INPUT as {@code ImageFiles.walk} does: regular files, hidden names and desktop litter
   * skipped (their folders too), in {@link ImageFiles#PATH_ORDER}; a file INPUT lists itself.
   *
   * @param fs the file system
   * @param root INPUT
   * @return the relative paths, sorted
   * @throws IOException when listing fails
   */
  static List<String> list(FileSystem fs, Path root) throws IOException {
    FileStatus top = fs.getFileStatus(root);
    List<String> files = new ArrayList<>();
    if (top.isFile()) {
      files.add(root.getName());
      return files;
    }
    walk(fs, root, "", files);
    files.sort(Comparator.comparing(s -> s, ImageFiles.PATH_ORDER));
    return files;
  }

  private static void walk(FileSystem fs, Path dir, String prefix, List<String> files)
      throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (ImageFiles.skippedName(name)) {
        continue;
      }
      if (st.isDirectory()) {
        walk(fs, st.getPath(), prefix + name + "/", files);
      } else if (st.isFile()) {
        files.add(prefix + name);
      }
    }
  }

  /**
   * Reads a source, refusing what {@link ImageReader#readBytes} refuses, with the same reasons.
   *
   * @param fs its file system
   * @param file the file
   * @param source the source (named in messages)
   * @return its bytes
   * @throws BadImageException when it cannot be read
   */
  static byte[] read(FileSystem fs, Path file, SourceFile source) {
    java.nio.file.Path name = source.path();
    try {
      FileStatus st = fs.getFileStatus(file);
      if (!st.isFile()) {
        throw new BadImageException(name, "not a regular file");
      }
      ImageReader.checkFileSize(name, st.getLen());
      byte[] bytes = new byte[(int) st.getLen()];
      try (InputStream in = fs.open(file)) {
        int off = 0;
        while (off < bytes.length) {
          int n = in.read(bytes, off, bytes.length - off);
          if (n < 0) {
            throw new BadImageException(name, "cannot read (file shrank while reading)");
          }
          off += n;
        }
      }
      return bytes;
    } catch (FileNotFoundException e) {
      throw new BadImageException(name, "no such file");
    } catch (IOException e) {
      throw new BadImageException(name, "cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * Creates (or truncates) a file for writing, with its folders. Local files are written with
   * {@code java.nio}: Hadoop's local file system forks a {@code chmod} process for every file it
   * creates when its native library is missing (the usual case), which cost more than the image.
   *
   * @param fs the file system
   * @param file the file
   * @return the stream (caller closes it)
   * @throws IOException when it cannot be created
   */
  static OutputStream create(FileSystem fs, Path file) throws IOException {
    if (fs instanceof RawLocalFileSystem raw) {
      java.nio.file.Path f = raw.pathToFile(file).toPath();
      Files.createDirectories(f.getParent());
      return Files.newOutputStream(f);
    }
    return fs.create(file, true);
  }

  /**
   * {@code root/relative}, with {@code relative} taken literally: a file name such as {@code
   * "a:b.png"} is not read as a URI with the scheme {@code a}.
   *
   * @param root a folder
   * @param relative a {@code /}-separated path below it
   * @return the path
   */
  static Path child(Path root, String relative) {
    return new Path(root, new Path(null, null, relative));
  }

  /** The temporary name of {@code target} for one task attempt. */
  static Path tempName(Path target, String tag) {
    return child(target.getParent(), "." + target.getName() + "." + tag + ".part");
  }

  /**
   * Renames a finished temporary file to its target, replacing an older target.
   *
   * @param fs the file system
   * @param tmp the finished temporary file
   * @param target the final name
   * @throws IOException when the rename fails
   */
  static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
    if (fs.rename(tmp, target)) {
      return;
    }
    // HDFS and object stores do not replace on rename: the older file (an earlier run's, or an
    // identical one from another attempt) goes first
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  /** Deletes a temporary file after a failure, keeping the first error. */
  static void discard(FileSystem fs, Path tmp) {
    try {
      fs.delete(tmp, false);
    } catch (IOException ignored) {
      // the original failure is the one to report
    }
  }

  /** The outputs of a run under OUTPUT, written atomically. */
  static final class Sink implements SourceAugmenter.Sink {
    private final FileSystem fs;
    private final Path root;
    private final String tag;

    Sink(FileSystem fs, Path root, String tag) {
      this.fs = fs;
      this.root = root;
      this.tag = tag;
    }

    @Override
    public boolean exists(String relative) {
      try {
        return fs.getFileStatus(child(root, relative)).isFile();
      } catch (FileNotFoundException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void write(String relative, byte[] bytes) {
      Path target = child(root, relative);
      Path tmp = tempName(target, tag);
      try {
        try (OutputStream out = create(fs, tmp)) {
          out.write(bytes);
        }
        commit(fs, tmp, target);
      } catch (IOException e) {
        discard(fs, tmp);
        throw new UncheckedIOException(target + ": cannot write (" + e.getMessage() + ")", e);
      }
    }
  }
}
