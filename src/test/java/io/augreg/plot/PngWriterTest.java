package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The PNG encoder keeps every pixel: pictures decoded by ImageIO equal the images written, for
 * noisy and flat pictures, one after the other on the same thread (the reused deflater), and for
 * images of other types (converted, alpha dropped).
 */
class PngWriterTest {

  @Test
  void decodedPixelsEqualTheImageOneAfterAnother() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    for (int k = 0; k < 4; k++) {
      int w = 1 + r.nextInt(300);
      int h = 1 + r.nextInt(200);
      BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          // noise in odd pictures, flat bands with a few stray pixels in even ones
          int rgb = k % 2 == 1 ? r.nextInt(1 << 24) : (y / 7 % 2 == 0 ? 0xE8C0B0 : 0xB0C8E8);
          image.setRGB(x, y, r.nextInt(50) == 0 ? 0x000000 : rgb);
        }
      }
      assertSamePixels(image, decode(image));
    }
  }

  @Test
  void otherImageTypesAreWrittenAsTheirRgb() throws IOException {
    BufferedImage argb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
    BufferedImage bgr = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        argb.setRGB(x, y, 0xFF000000 | (x * 6 << 16) | (y * 8 << 8) | (x + y));
        bgr.setRGB(x, y, (y * 8 << 16) | (x * 6 << 8) | 200);
      }
    }
    assertSamePixels(argb, decode(argb));
    assertSamePixels(bgr, decode(bgr));
    // a sub-image shares its parent's pixels, at an offset and with the parent's row stride
    BufferedImage parent = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        parent.setRGB(x, y, (x * 4 << 16) | (y * 5 << 8) | (x ^ y));
      }
    }
    BufferedImage sub = parent.getSubimage(7, 5, 40, 30);
    assertSamePixels(sub, decode(sub));
  }

  private static BufferedImage decode(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PngWriter.write(image, out);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(image.getWidth(), back.getWidth());
    assertEquals(image.getHeight(), back.getHeight());
    return back;
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    int w = expected.getWidth();
    int h = expected.getHeight();
    int[] a = expected.getRGB(0, 0, w, h, null, 0, w);
    int[] b = actual.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < a.length; i++) {
      a[i] &= 0xFFFFFF;
      b[i] &= 0xFFFFFF;
    }
    assertArrayEquals(a, b);
  }
}
