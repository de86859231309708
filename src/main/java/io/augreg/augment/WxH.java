package io.augreg.augment;

import io.augreg.core.AugregException;
import io.augreg.image.ImageReader;

/**
 * A size in pixels, written {@code WxH} in a spec (e.g. {@code 224x224}).
 *
 * @param width width, 1..65535
 * @param height height, 1..65535
 */
public record WxH(int width, int height) {
  /** Validates both sides in 1..65535. */
  public WxH {
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
      throw new AugregException("bad size " + width + "x" + height + " (each side 1..65535)");
    }
  }

  /**
   * Parses {@code WxH}.
   *
   * @param text e.g. {@code "224x224"}
   * @return the size
   * @throws IllegalArgumentException when malformed or out of range
   */
  static WxH parse(String text) {
    int x = text.toLowerCase(java.util.Locale.ROOT).indexOf('x');
    if (x > 0) {
      try {
        int w = Integer.parseInt(text.substring(0, x));
        int h = Integer.parseInt(text.substring(x + 1));
        if (w >= 1 && h >= 1 && w <= 65535 && h <= 65535) {
          // the decode guard's limit holds for outputs too: no step makes an unreadable image
          if ((long) w * h > ImageReader.DEFAULT_MAX_PIXELS) {
            throw new TooManyPixels((long) w * h);
          }
          return new WxH(w, h);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("WIDTHxHEIGHT, e.g. 224x224, each 1..65535");
  }

  /** A well-formed size with more pixels than the decode guard allows ({@link #parse}). */
  static final class TooManyPixels extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooManyPixels(long pixels) {
      super("at most " + ImageReader.DEFAULT_MAX_PIXELS + " pixels, the decode guard's limit; this"
          + " is " + pixels);
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
