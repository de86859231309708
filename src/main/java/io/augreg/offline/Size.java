package io.augreg.offline;

import io.augreg.core.AugregException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output size in pixels, written {@code WxH} on the command line.
 *
 * @param width 1..65535
 * @param height 1..65535
 */
public record Size(int width, int height) {
  private static final Pattern WXH = Pattern.compile("(\\d{1,5})[xX](\\d{1,5})");

  /** Validates both sides. */
  public Size {
    if (width < 1 || width > 65535 || height < 1 || height > 65535) {
      throw new AugregException("--size sides must be in [1, 65535], got " + width + "x" + height);
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
    return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
