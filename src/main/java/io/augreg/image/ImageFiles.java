package io.augreg.image;

import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks an input folder recursively and lists its files in a deterministic order.
 *
 * <p>Rules: regular files only; symbolic links to files and to folders are followed (a class
 * folder may be a link to images kept elsewhere), a link that leads back into one of its own
 * ancestors is an error naming it (it would loop), and a link to nothing is listed so that reading
 * it reports it; hidden names (starting with {@code .}) and the desktop litter {@code
 * Thumbs.db} / {@code desktop.ini} are skipped, files and folders alike; every other file is
 * listed, whatever its extension, so that a stray non-image is reported instead of silently
 * ignored. Order: by relative path, compared folder component by component (so {@code a/z.png}
 * comes before {@code a-b/x.png}), each component by Unicode code points — the same on every
 * machine and file system.
 */
public final class ImageFiles {
  private static final Set<String> LITTER = Set.of("thumbs.db", "desktop.ini");

  /** Extensions treated as images when listing class folders (see {@link ImageFolder}). */
  public static final Set<String> IMAGE_EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "bmp", "gif", "webp", "tif", "tiff", "pbm", "pgm", "ppm", "pnm");

  /** Compares relative paths folder component by component. */
  public static final Comparator<String> PATH_ORDER = ImageFiles::compareRelative;

  private ImageFiles() {}

  /**
   * Lists the files under {@code root}, or {@code root} itself when it is a file.
   *
   * @param root a folder or a file
   * @return the files in {@link #PATH_ORDER}
   * @throws AugregException (exit 2) when {@code root} does not exist or cannot be walked
   */
  public static List<SourceFile> walk(Path root) {
    if (!Files.exists(root)) {
      throw new AugregException(root + ": no such file or folder");
    }
    if (Files.isRegularFile(root)) {
      return List.of(new SourceFile(root, root.getFileName().toString()));
    }
    List<SourceFile> files = new ArrayList<>();
    try {
      // a root that is itself a link to a folder is followed, and so are the links below it
      Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
      Files.walkFileTree(
          start,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(start) && skipped(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              // attrs of a followed link are its target's; a dangling link keeps its own
              if (!skipped(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                String rel = relative(start, file);
                files.add(new SourceFile(root.resolve(rel), rel));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                throw new AugregException(
                    root.resolve(relative(start, file))
                        + ": a symbolic link back to a folder above it (it would loop); remove"
                        + " it or point it elsewhere");
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new AugregException(root + ": cannot list files (" + e + ")", e);
    }
    files.sort(Comparator.comparing(SourceFile::relative, PATH_ORDER));
    return files;
  }

  /** Whether {@code relativeOrName}'s extension is one of {@link #IMAGE_EXTENSIONS}. */
  public static boolean hasImageExtension(String relativeOrName) {
    int dot = relativeOrName.lastIndexOf('.');
    return dot > 0
        && IMAGE_EXTENSIONS.contains(relativeOrName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean skipped(Path p) {
    return skippedName(p.getFileName().toString());
  }

  /**
   * Whether a file or folder of this name is left out of a walk: hidden, or desktop litter.
   *
   * @param name a file or folder name
   * @return true to skip it
   */
  public static boolean skippedName(String name) {
    return name.startsWith(".") || LITTER.contains(name.toLowerCase(Locale.ROOT));
  }

  private static String relative(Path root, Path file) {
    Path rel = root.relativize(file);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  private static int compareRelative(String a, String b) {
    String[] pa = a.split("/", -1);
    String[] pb = b.split("/", -1);
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      int c = pa[i].compareTo(pb[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }
}
