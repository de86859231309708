package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {
  private static byte[] encoded(String ext, int w, int h, int channels) {
    try (Mat m = TestImages.pattern(w, h, channels, 1)) {
      return new ImageWriter().encode(m, ext);
    }
  }

  @Test
  void readsDimensionsOfEveryWritableFormat() throws Exception {
    for (String ext : new String[] {"png", "jpg", "bmp", "webp", "tiff"}) {
      ImageHeader h = ImageHeader.parse(encoded(ext, 37, 21, 3));
      assertEquals(37, h.width(), ext);
      assertEquals(21, h.height(), ext);
    }
    assertEquals("jpeg", ImageHeader.parse(encoded("jpg", 5, 6, 1)).format());
  }

  @Test
  void readsPnmAndGifHeaders() throws Exception {
    ImageHeader pnm =
        ImageHeader.parse("P5\n# comment\n12 34\n255\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(12, pnm.width());
    assertEquals(34, pnm.height());
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 10, 0, 3, 1};
    ImageHeader g = ImageHeader.parse(gif);
    assertEquals(10, g.width());
    assertEquals(259, g.height());
  }

  @Test
  void refusesEmptyGarbageAndTruncatedFiles() {
    assertEquals(
        "empty file",
        assertThrows(ImageHeader.HeaderException.class, () -> ImageHeader.parse(new byte[0]))
            .getMessage());
    assertTrue(
        assertThrows(
                ImageHeader.HeaderException.class,
                () -> ImageHeader.parse("hello, world".getBytes(StandardCharsets.US_ASCII)))
            .getMessage()
            .startsWith("not an image"));
    byte[] png = encoded("png", 40, 30, 3);
    assertTrue(
        assertThrows(
                ImageHeader.HeaderException.class,
                () -> ImageHeader.parse(Arrays.copyOf(png, png.length - 20)))
            .getMessage()
            .startsWith("truncated PNG"));
    byte[] jpg = encoded("jpg", 40, 30, 3);
    assertTrue(
        assertThrows(
                ImageHeader.HeaderException.class,
                () -> ImageHeader.parse(Arrays.copyOf(jpg, jpg.length / 2)))
            .getMessage()
            .startsWith("truncated JPEG"));
  }
}
