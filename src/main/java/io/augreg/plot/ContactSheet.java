package io.augreg.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.imgscalr.Scalr;

/**
 * A contact sheet: a grid of image tiles, each with a few lines of text under it, and an optional
 * title (wrapped at blanks to the sheet width). Rows may have different lengths; the sheet is as
 * wide as the longest row. Every image is scaled (aspect ratio kept) to fit a square cell of {@code
 * tileSize} pixels — shrunk with imgscalr's quality filter, enlarged with nearest neighbour so
 * small images show their real pixels — and centred on a light grey cell (so transparency shows); a
 * highlighted tile gets a blue frame. Text lines that do not fit the cell width are cut with an
 * ellipsis.
 *
 * <p>Layout, in pixels: {@code width = cols * (tileSize + GAP) + GAP}; {@code height = titleHeight
 * + rows * (tileSize + labelLines * LINE + GAP) + GAP}, where {@code labelLines} is the largest
 * number of label lines of any tile and {@code titleHeight = titleLines * TITLE_LINE + GAP} (0
 * without a title).
 */
public final class ContactSheet {
  /** Space between cells and around the sheet. */
  public static final int GAP = 10;

  /** Height of one label line. */
  public static final int LINE = 14;

  /** Height of one title line. */
  public static final int TITLE_LINE = 19;

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

  private static final Color CELL = new Color(0xEE, 0xEE, 0xEE);
  private static final Color FRAME = new Color(0x1F, 0x6F, 0xD0);
  private static final Color TEXT = new Color(0x22, 0x22, 0x22);

  private ContactSheet() {}

  /**
   * One cell.
   *
   * @param image the picture (any size and type)
   * @param label the text lines under it
   * @param highlight whether to frame it (e.g. the original among its variants)
   */
  public record Tile(BufferedImage image, List<String> label, boolean highlight) {
    /** Copies the label list. */
    public Tile {
      label = List.copyOf(label);
    }
  }

  /**
   * The pixel size of a sheet.
   *
   * @param rows number of rows
   * @param cols length of the longest row
   * @param tileSize cell side
   * @param labelLines label lines per cell
   * @param titleLines lines of the (wrapped) title, 0 for none
   * @return {width, height}
   */
  public static int[] size(int rows, int cols, int tileSize, int labelLines, int titleLines) {
    return new int[] {
      cols * (tileSize + GAP) + GAP,
      (titleLines > 0 ? titleLines * TITLE_LINE + GAP : 0)
          + rows * (tileSize + labelLines * LINE + GAP)
          + GAP
    };
  }

  /**
   * Draws the sheet.
   *
   * @param title the title line, or null for none
   * @param rows the tiles, row by row
   * @param tileSize the cell side in pixels, 16..2048
   * @return an RGB image
   */
  public static BufferedImage render(String title, List<List<Tile>> rows, int tileSize) {
    if (tileSize < 16 || tileSize > 2048) {
      throw new IllegalArgumentException("tile size must be in [16, 2048], got " + tileSize);
    }
    int cols = 1;
    int lines = 0;
    for (List<Tile> row : rows) {
      cols = Math.max(cols, row.size());
      for (Tile t : row) {
        lines = Math.max(lines, t.label().size());
      }
    }
    int width = size(1, cols, tileSize, 0, 0)[0];
    List<String> titleLines = title == null ? List.of() : wrap(title, width - 2 * GAP);
    int[] wh = size(rows.size(), cols, tileSize, lines, titleLines.size());
    BufferedImage sheet = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, wh[0], wh[1]);
      int y0 = GAP;
      g.setFont(TITLE_FONT);
      g.setColor(TEXT);
      for (String line : titleLines) {
        g.drawString(line, GAP, y0 + TITLE_LINE - 5);
        y0 += TITLE_LINE;
      }
      if (!titleLines.isEmpty()) {
        y0 += GAP;
      }
      Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
      int rowHeight = tileSize + lines * LINE + GAP;
      for (int r = 0; r < rows.size(); r++) {
        List<Tile> row = rows.get(r);
        for (int c = 0; c < row.size(); c++) {
          int x = GAP + c * (tileSize + GAP);
          int y = y0 + r * rowHeight;
          drawTile(g, row.get(c), x, y, tileSize, labelFont);
        }
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  private static void drawTile(Graphics2D g, Tile t, int x, int y, int size, Font font) {
    g.setColor(CELL);
    g.fillRect(x, y, size, size);
    BufferedImage img = t.image();
    double scale = Math.min((double) size / img.getWidth(), (double) size / img.getHeight());
    int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
    if (scale > 1) {
      // enlarge small images with nearest neighbour: the viewer sees the real pixels
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(img, x + (size - w) / 2, y + (size - h) / 2, w, h, null);
    } else {
      BufferedImage thumb = Scalr.resize(img, Scalr.Method.QUALITY, Scalr.Mode.FIT_EXACT, w, h);
      g.drawImage(thumb, x + (size - w) / 2, y + (size - h) / 2, null);
      thumb.flush();
    }
    if (t.highlight()) {
      g.setColor(FRAME);
      g.setStroke(new BasicStroke(3));
      g.drawRect(x - 2, y - 2, size + 3, size + 3);
    }
    g.setFont(font);
    g.setColor(TEXT);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < t.label().size(); i++) {
      g.drawString(fit(t.label().get(i), fm, size), x, y + size + (i + 1) * LINE - 2);
    }
  }

  /** {@code text} broken at blanks into lines of at most {@code width} pixels in the title font. */
  private static List<String> wrap(String text, int width) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      FontMetrics fm = g.getFontMetrics(TITLE_FONT);
      List<String> out = new java.util.ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (line.length() > 0 && fm.stringWidth(candidate) > width) {
          out.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      out.add(fit(line.toString(), fm, width));
      return out;
    } finally {
      g.dispose();
    }
  }

  /** {@code text}, cut with an ellipsis to fit {@code width} pixels. */
  private static String fit(String text, FontMetrics fm, int width) {
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String s = text;
    while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
      s = s.substring(0, s.length() - 1);
    }
    return s + "…";
  }
}
