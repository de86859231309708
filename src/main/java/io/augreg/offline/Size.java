package io.augreg.offline;

import io.augreg.core.AugregException;
import io.augreg.image.ImageReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output size in pixels, written {@code WxH} on the command line.
 *
 * @param width 1..65535
 * @param height 1..65535
 */
public record Size(int width, int height) {
  private static final Pattern WXH = Pattern.compile("(\\d+)[xX](\\d+)");

  /**
   * Most pixels an output may have: the decode guard's default ({@link
   * ImageReader#DEFAULT_MAX_PIXELS}), so that no resizing step makes an image the reader would
   * refuse to read.
   */
  public static final long MAX_PIXELS = ImageReader.DEFAULT_MAX_PIXELS;

  /** Validates both sides and the pixel count. */
  public Size {
    check(width, height);
  }

  private static void check(long width, long height) {
    if (width < 1 || width > 65535 || height < 1 || height > 65535) {
      throw new AugregException("--size sides must be in [1, 65535], got " + width + "x" + height);
    }
    if (width * height > MAX_PIXELS) {
      throw new AugregException(
          "--size " + width + "x" + height + " is " + width * height + " pixels, more than the "
              + MAX_PIXELS + " an image may have (the decode guard's limit)");
    }
  }

  /**
   * Parses {@code "WxH"}, e.g. {@code "256x256"}.
   *
   * @param text the option value
   * @return the size
   * @throws AugregException naming the option when the text is malformed
   */
  public static Size parse(String text) {
    Matcher m = WXH.matcher(text.trim());
    if (!m.matches()) {
      throw new AugregException(
          "--size must be WxH with positive integers, e.g. 256x256, got '" + text + "'");
    }
    check(side(m.group(1)), side(m.group(2)));
    return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** A side's digits as a number; more digits than a long holds read as {@code Long.MAX_VALUE}. */
  private static long side(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
