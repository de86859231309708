package io.augreg.image;

import io.augreg.core.AugregException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes Mats with OpenCV and writes files safely: every file is first written under a temporary
 * name in the target folder ({@code .NAME.part}) and then renamed (atomically where the file system
 * allows it), so an interrupted run never leaves a half-written file under a final name.
 *
 * <p>The format follows the target's extension: {@code png} (zlib level 3), {@code jpg}/{@code
 * jpeg} and {@code webp} (with the configured quality), {@code bmp}, {@code tif}/{@code tiff}.
 * Encoding is deterministic: the same Mat gives the same bytes. Thread-safe (immutable).
 */
public final class ImageWriter {
  /** Extensions this writer can encode. */
  public static final Set<String> EXTENSIONS =
      Set.of("png", "jpg", "jpeg", "webp", "bmp", "tif", "tiff");

  /** Default JPEG/WebP quality. */
  public static final int DEFAULT_QUALITY = 95;

  private static final int PNG_LEVEL = 3;

  private final int quality;

  /** A writer with {@link #DEFAULT_QUALITY}. */
  public ImageWriter() {
    this(DEFAULT_QUALITY);
  }

  /**
   * A writer with the given JPEG/WebP quality.
   *
   * @param quality 1..100
   */
  public ImageWriter(int quality) {
    if (quality < 1 || quality > 100) {
      throw new AugregException("--quality must be in [1, 100], got " + quality);
    }
    this.quality = quality;
  }

  /** The JPEG/WebP quality. */
  public int quality() {
    return quality;
  }

  /**
   * Encodes {@code image} in the format named by {@code extension}.
   *
   * @param image an 8-bit Mat with 1, 3 or 4 channels
   * @param extension one of {@link #EXTENSIONS} (case-insensitive, without dot)
   * @return the encoded bytes
   */
  public byte[] encode(Mat image, String extension) {
    String ext = extension.toLowerCase(Locale.ROOT);
    if (!EXTENSIONS.contains(ext)) {
      throw new AugregException(
          "cannot write '."
              + extension
              + "' files (supported: png, jpg, jpeg, webp, bmp, tif, tiff)");
    }
    int[] params =
        switch (ext) {
          case "png" -> new int[] {opencv_imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_LEVEL};
          case "jpg", "jpeg" -> new int[] {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality};
          case "webp" -> new int[] {opencv_imgcodecs.IMWRITE_WEBP_QUALITY, quality};
          default -> new int[0];
        };
    try (BytePointer out = new BytePointer();
        IntPointer p = new IntPointer(params)) {
      if (!opencv_imgcodecs.imencode("." + ext, image, out, p)) {
        throw new IllegalStateException(
            "OpenCV could not encode a " + image.cols() + "x" + image.rows() + " image as " + ext);
      }
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  /**
   * Encodes {@code image} by the extension of {@code target} and writes it atomically.
   *
   * @param image the image
   * @param target the final file name; its parent folders are created
   */
  public void write(Mat image, Path target) {
    writeAtomically(target, encode(image, extensionOf(target)));
  }

  /**
   * Writes {@code bytes} to {@code .NAME.part} beside {@code target}, then renames it to {@code
   * target} (replacing an existing file).
   *
   * @param target the final file name; its parent folders are created
   * @param bytes the content
   */
  public static void writeAtomically(Path target, byte[] bytes) {
    Path tmp = tempName(target);
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      try (OutputStream os =
          Files.newOutputStream(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        os.write(bytes);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
      throw new AugregException(target + ": cannot write (" + e + ")", e);
    }
  }

  /**
   * The temporary name used while writing {@code target}: {@code .NAME.part} in the same folder.
   */
  public static Path tempName(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".part");
  }

  /** The lower-case extension of {@code path} without the dot, or "" when it has none. */
  public static String extensionOf(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
