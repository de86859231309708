package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
  private static BufferedImage decode(String uri, String prefix) throws Exception {
    assertTrue(uri.startsWith(prefix), uri.substring(0, 30));
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(prefix.length()))));
  }

  @Test
  void aLargePhotoBecomesASmallJpeg() throws Exception {
    BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 3000; y += 7) {
      for (int x = 0; x < 4000; x += 3) {
        big.setRGB(x, y, (x * 31 + y * 17) & 0xffffff);
      }
    }
    String uri = Thumbnails.of(big);
    BufferedImage t = decode(uri, "data:image/jpeg;base64,");
    assertEquals(Thumbnails.SIDE, t.getWidth());
    assertEquals(72, t.getHeight());
    assertTrue(uri.length() < 12_000, "" + uri.length());
  }

  @Test
  void aSmallImageKeepsItsSizeAndColours() throws Exception {
    BufferedImage small = new BufferedImage(16, 8, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        small.setRGB(x, y, 0xff2060c0);
      }
    }
    BufferedImage t = decode(Thumbnails.of(small), "data:image/jpeg;base64,");
    assertEquals(16, t.getWidth());
    assertEquals(8, t.getHeight());
    int rgb = t.getRGB(8, 4);
    assertEquals(0x20, (rgb >> 16) & 0xff, 3);
    assertEquals(0x60, (rgb >> 8) & 0xff, 3);
    assertEquals(0xc0, rgb & 0xff, 3);
    assertEquals(16, decode(Thumbnails.png(small), "data:image/png;base64,").getWidth());
  }
}
