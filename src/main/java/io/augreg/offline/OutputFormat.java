package io.augreg.offline;

import io.augreg.image.ImageWriter;
import java.util.Locale;

/** The file format of augmented outputs. */
public enum OutputFormat {
  /**
   * The input's own format when augreg can write it (png, jpg, jpeg, webp, bmp, tif, tiff), else
   * PNG.
   */
  SAME,
  /** PNG (lossless). */
  PNG,
  /** JPEG with {@code --quality}. */
  JPG;

  /**
   * The extension (without dot) of an output made from a source with extension {@code sourceExt}.
   *
   * @param sourceExt the source's lower-case extension, may be ""
   * @return "png", "jpg", or for {@link #SAME} the source's extension when writable
   */
  public String extensionFor(String sourceExt) {
    String ext = sourceExt.toLowerCase(Locale.ROOT);
    return switch (this) {
      case PNG -> "png";
      case JPG -> "jpg";
      case SAME -> ImageWriter.EXTENSIONS.contains(ext) ? ext : "png";
    };
  }
}
