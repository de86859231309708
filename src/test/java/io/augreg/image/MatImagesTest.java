package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class MatImagesTest {
  private static int at(Mat m, int x, int y, int c) {
    try (BytePointer p = m.ptr(y, x)) {
      return p.get(c) & 0xFF;
    }
  }

  @Test
  void bgrRoundTrip() {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(2, 1, 0x102030);
    try (Mat m = MatImages.toMat(img)) {
      assertEquals(3, m.channels());
      assertEquals(0x30, at(m, 2, 1, 0)); // blue first
      assertEquals(0x10, at(m, 2, 1, 2));
      BufferedImage back = MatImages.toBufferedImage(m);
      assertEquals(0x102030, back.getRGB(2, 1) & 0xFFFFFF);
    }
  }

  @Test
  void alphaBecomesBgraAndBack() {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(1, 0, 0x80102030);
    try (Mat m = MatImages.toMat(img)) {
      assertEquals(4, m.channels());
      assertEquals(0x30, at(m, 1, 0, 0));
      assertEquals(0x80, at(m, 1, 0, 3));
      BufferedImage back = MatImages.toBufferedImage(m);
      assertEquals(BufferedImage.TYPE_4BYTE_ABGR, back.getType());
      assertEquals(0x80102030, back.getRGB(1, 0));
    }
  }

  @Test
  void grayStaysOneChannel() {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(3, 2, 0, 77);
    try (Mat m = MatImages.toMat(img)) {
      assertEquals(1, m.channels());
      assertEquals(77, at(m, 3, 2, 0));
      assertEquals(77, MatImages.toBufferedImage(m).getRaster().getSample(3, 2, 0));
    }
  }
}
