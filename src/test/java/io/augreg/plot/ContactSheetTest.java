package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactSheetTest {
  private static BufferedImage solid(int w, int h, int rgb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  @Test
  void layoutAndPixelsFollowTheDocumentedGeometry() {
    System.setProperty("java.awt.headless", "true");
    List<List<ContactSheet.Tile>> rows =
        List.of(
            List.of(
                new ContactSheet.Tile(solid(10, 10, 0xFF0000), List.of("a", "b"), true),
                new ContactSheet.Tile(solid(20, 10, 0x00FF00), List.of("c"), false)),
            List.of(new ContactSheet.Tile(solid(5, 5, 0x0000FF), List.of(), false)));
    BufferedImage sheet = ContactSheet.render(null, rows, 40);
    int[] wh = ContactSheet.size(2, 2, 40, 2, 0);
    assertEquals(2 * 50 + 10, wh[0]);
    assertEquals(2 * (40 + 2 * 14 + 10) + 10, wh[1]);
    assertEquals(wh[0], sheet.getWidth());
    assertEquals(wh[1], sheet.getHeight());
    int g = ContactSheet.GAP;
    // first cell: a 10x10 red square enlarged to fill the 40x40 cell
    assertEquals(0xFF0000, sheet.getRGB(g + 20, g + 20) & 0xFFFFFF);
    // second cell: 20x10 green enlarged to 40x20, centred vertically; grey above it
    assertEquals(0x00FF00, sheet.getRGB(g + 50 + 20, g + 20) & 0xFFFFFF);
    assertEquals(0xEEEEEE, sheet.getRGB(g + 50 + 20, g + 5) & 0xFFFFFF);
    // second row starts one row height lower
    assertEquals(0x0000FF, sheet.getRGB(g + 20, g + (40 + 28 + 10) + 20) & 0xFFFFFF);
    assertEquals(0xFFFFFF, sheet.getRGB(sheet.getWidth() - 2, sheet.getHeight() - 2) & 0xFFFFFF);
  }

  @Test
  void aTitleAddsWrappedLines() {
    System.setProperty("java.awt.headless", "true");
    List<List<ContactSheet.Tile>> rows =
        List.of(List.of(new ContactSheet.Tile(solid(8, 8, 0), List.of("x"), false)));
    BufferedImage one = ContactSheet.render("short", rows, 200);
    assertEquals(ContactSheet.size(1, 1, 200, 1, 1)[1], one.getHeight());
    BufferedImage many = ContactSheet.render("word ".repeat(60).trim(), rows, 200);
    assertEquals(
        0,
        (many.getHeight() - ContactSheet.size(1, 1, 200, 1, 0)[1] - ContactSheet.GAP)
            % ContactSheet.TITLE_LINE);
    assertEquals(true, many.getHeight() > one.getHeight() + ContactSheet.TITLE_LINE);
    assertThrows(IllegalArgumentException.class, () -> ContactSheet.render(null, rows, 8));
  }
}
