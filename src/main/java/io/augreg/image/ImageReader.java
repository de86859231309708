package io.augreg.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads image files safely into 8-bit OpenCV Mats (BGR/BGRA order; 1, 3 or 4 channels).
 *
 * <p>Order of checks, each failure a {@link BadImageException} naming the file and the reason:
 *
 * <ol>
 *   <li>the file is read into memory by this class (not by OpenCV), refusing empty files and files
 *       over {@link #MAX_FILE_BYTES};
 *   <li>the header is parsed by {@link ImageHeader} (format by content, not by extension; truncated
 *       PNG/JPEG detected) and the pixel count {@code width * height} is compared with the limit
 *       <em>before</em> any pixel is decoded — the decompression-bomb guard;
 *   <li>the bytes are decoded with {@code opencv_imgcodecs.imdecode}: JPEG with {@code
 *       IMREAD_ANYCOLOR} (EXIF orientation applied; grey stays 1 channel), other formats with
 *       {@code IMREAD_UNCHANGED} (alpha kept). An empty result means corrupt data;
 *   <li>depth and channels are checked: only 8-bit images with 1, 3 or 4 channels are accepted.
 *       16-bit and floating-point images are <em>refused</em>, not silently converted: an
 *       augmentation run should not quietly throw away bits of a scientific or HDR image; convert
 *       such files to 8 bits deliberately first.
 * </ol>
 *
 * <p>Thread-safe (immutable). The caller owns (and must close) the returned Mat.
 */
public final class ImageReader {
  /** Default pixel limit: 50 megapixels (150 MB as 8-bit BGR). */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  /** Largest file this reader loads into memory: 1 GiB. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private final long maxPixels;

  /** A reader with the {@link #DEFAULT_MAX_PIXELS default pixel limit}. */
  public ImageReader() {
    this(DEFAULT_MAX_PIXELS);
  }

  /**
   * A reader that refuses images with more than {@code maxPixels} pixels.
   *
   * @param maxPixels the largest accepted {@code width * height}; must be positive
   */
  public ImageReader(long maxPixels) {
    if (maxPixels <= 0) {
      throw new io.augreg.core.AugregException(
          "--max-pixels must be a positive number of pixels, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  /** The largest accepted {@code width * height}. */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Reads the bytes of {@code path}, refusing missing, unreadable, empty or oversized files.
   *
   * @param path the file
   * @return its content
   * @throws BadImageException when the file cannot be read
   */
  public static byte[] readBytes(Path path) {
    try {
      if (!Files.isRegularFile(path)) {
        throw new BadImageException(
            path, Files.exists(path) ? "not a regular file" : "no such file");
      }
      checkFileSize(path, Files.size(path));
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BadImageException(path, "cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * Refuses a file by its size before it is read: empty, or over {@link #MAX_FILE_BYTES}.
   *
   * @param path the file, named in the message
   * @param size its length in bytes
   * @throws BadImageException when the size is refused
   */
  public static void checkFileSize(Path path, long size) {
    if (size == 0) {
      throw new BadImageException(path, "empty file");
    }
    if (size > MAX_FILE_BYTES) {
      throw new BadImageException(
          path, "file too large (" + size + " bytes, limit " + MAX_FILE_BYTES + ")");
    }
  }

  /**
   * Parses the header of {@code path} and applies the pixel limit, without decoding pixels.
   *
   * @param path the file
   * @return format and dimensions
   * @throws BadImageException when the file is not a usable image
   */
  public ImageHeader probe(Path path) {
    return checkedHeader(path, readBytes(path));
  }

  /**
   * Reads and decodes {@code path}.
   *
   * @param path the file
   * @return a new 8-bit Mat with 1, 3 or 4 channels (caller closes it)
   * @throws BadImageException when the file is not a usable image
   */
  public Mat read(Path path) {
    return decode(path, readBytes(path));
  }

  /**
   * Decodes {@code bytes} (the content of {@code path}, used only in messages).
   *
   * @param path the file name to use in messages
   * @param bytes the encoded image
   * @return a new 8-bit Mat with 1, 3 or 4 channels (caller closes it)
   * @throws BadImageException when the bytes are not a usable image
   */
  public Mat decode(Path path, byte[] bytes) {
    ImageHeader header = checkedHeader(path, bytes);
    int flags =
        header.format().equals("jpeg")
            ? opencv_imgcodecs.IMREAD_ANYCOLOR
            : opencv_imgcodecs.IMREAD_UNCHANGED;
    Mat image;
    try (BytePointer data = new BytePointer(bytes);
        Mat buf = new Mat(1, bytes.length, CV_8UC1, data)) {
      image = opencv_imgcodecs.imdecode(buf, flags);
    } catch (RuntimeException e) {
      throw new BadImageException(
          path,
          "cannot decode "
              + header.format().toUpperCase(java.util.Locale.ROOT)
              + " ("
              + e.getMessage()
              + ")");
    }
    if (image == null || image.empty()) {
      if (image != null) {
        image.close();
      }
      throw new BadImageException(
          path,
          "corrupt "
              + header.format().toUpperCase(java.util.Locale.ROOT)
              + " (OpenCV could not decode it)");
    }
    if (image.depth() != CV_8U) {
      String depth = depthName(image.depth());
      image.close();
      throw new BadImageException(
          path,
          "unsupported depth "
              + depth
              + " (augreg reads 8-bit images only; convert the file to 8 bits first)");
    }
    int c = image.channels();
    if (c != 1 && c != 3 && c != 4) {
      image.close();
      throw new BadImageException(path, "unsupported channel count " + c + " (expected 1, 3 or 4)");
    }
    return image;
  }

  private ImageHeader checkedHeader(Path path, byte[] bytes) {
    ImageHeader h;
    try {
      h = ImageHeader.parse(bytes);
    } catch (ImageHeader.HeaderException e) {
      throw new BadImageException(path, e.getMessage());
    }
    if (h.pixels() > maxPixels) {
      throw new BadImageException(
          path,
          "too many pixels: "
              + h.width()
              + "x"
              + h.height()
              + " = "
              + h.pixels()
              + " exceeds the limit of "
              + maxPixels
              + " (--max-pixels)");
    }
    return h;
  }

  private static String depthName(int depth) {
    return switch (depth) {
      case 1 -> "8-bit signed";
      case 2 -> "16-bit unsigned";
      case 3 -> "16-bit signed";
      case 4 -> "32-bit integer";
      case 5 -> "32-bit float";
      case 6 -> "64-bit float";
      case 7 -> "16-bit float";
      default -> "code " + depth;
    };
  }
}
