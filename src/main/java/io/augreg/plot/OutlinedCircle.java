package io.augreg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scatter marker: a circle filled with the series colour and ringed in dark grey.
 *
 * <p>The circle is drawn with anti-aliasing once per colour and size into a small image (a
 * sprite), then copied to every point at the nearest whole pixel: a scatter of hundreds of points
 * costs hundreds of image copies instead of hundreds of anti-aliased shape fills and strokes.
 */
final class OutlinedCircle {
  private static final Color EDGE = new Color(0x22, 0x22, 0x22);
  private static final BasicStroke EDGE_STROKE = new BasicStroke(1.1f);

  /** Sprites by (ARGB colour, marker size), shared by all charts. */
  private static final Map<Long, BufferedImage> SPRITES = new ConcurrentHashMap<>();

  private OutlinedCircle() {}

  /**
   * Draws the marker centred at the pixel nearest to (x, y).
   *
   * @param g graphics
   * @param fill the fill colour
   * @param markerSize diameter in pixels
   * @param x centre column
   * @param y centre row
   */
  static void draw(Graphics2D g, Color fill, int markerSize, double x, double y) {
    BufferedImage sprite = sprite(fill, markerSize);
    int centre = sprite.getWidth() / 2;
    g.drawImage(sprite, (int) Math.round(x) - centre, (int) Math.round(y) - centre, null);
  }

  /** The marker of one colour and size, centred in a square image with room for the ring. */
  static BufferedImage sprite(Color fill, int markerSize) {
    long key = ((long) fill.getRGB() << 32) | (markerSize & 0xFFFFFFFFL);
    return SPRITES.computeIfAbsent(key, k -> draw(fill, markerSize));
  }

  private static BufferedImage draw(Color fill, int markerSize) {
    // odd side, so the circle's centre is the centre of a pixel
    int side = (markerSize + 4) | 1;
    BufferedImage sprite = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = sprite.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      double c = side / 2.0;
      double half = markerSize / 2.0;
      Ellipse2D.Double circle = new Ellipse2D.Double(c - half, c - half, markerSize, markerSize);
      g.setColor(fill);
      g.fill(circle);
      g.setColor(EDGE);
      g.setStroke(EDGE_STROKE);
      g.draw(circle);
    } finally {
      g.dispose();
    }
    return sprite;
  }
}
