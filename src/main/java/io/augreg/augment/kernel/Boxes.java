package io.augreg.augment.kernel;

import java.util.SplittableRandom;

/** Filling rectangles of packed pixels (occlusion steps); alpha is never changed. */
public final class Boxes {
  private Boxes() {}

  /** How a box is filled. */
  public enum Fill {
    /** A constant value. */
    CONSTANT,
    /** An independent uniform value 0..255 per pixel and colour channel. */
    RANDOM,
    /** One uniform value 0..255 per colour channel for the whole box. */
    CHANNEL
  }

  /**
   * Fills the colour channels of the box {@code [x, x+bw) × [y, y+bh)} (clipped to the image).
   *
   * @param b packed pixels, modified
   * @param w image width
   * @param h image height
   * @param ch channels
   * @param value the constant (for {@link Fill#CONSTANT})
   * @param rng the generator of random values (others: unused)
   */
  public static void fill(
      byte[] b, int w, int h, int ch, int x, int y, int bw, int bh, Fill fill, int value,
      SplittableRandom rng) {
    int colours = ch == 4 ? 3 : ch;
    byte[] per = new byte[colours];
    for (int c = 0; c < colours; c++) {
      per[c] = (byte) (fill == Fill.CHANNEL ? rng.nextInt(256) : value);
    }
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(w, x + bw);
    int y1 = Math.min(h, y + bh);
    for (int r = y0; r < y1; r++) {
      for (int c = x0; c < x1; c++) {
        int i = (r * w + c) * ch;
        for (int k = 0; k < colours; k++) {
          b[i + k] = fill == Fill.RANDOM ? (byte) rng.nextInt(256) : per[k];
        }
      }
    }
  }
}
