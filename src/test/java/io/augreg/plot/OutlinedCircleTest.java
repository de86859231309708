package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OutlinedCircleTest {
  @Test
  void spriteIsAFilledRingedCircleOnTransparency() {
    Color fill = new Color(0x1F, 0x5F, 0xB4);
    BufferedImage s = OutlinedCircle.sprite(fill, 9);
    assertEquals(1, s.getWidth() % 2, "odd side");
    int c = s.getWidth() / 2;
    assertEquals(fill.getRGB(), s.getRGB(c, c), "centre has the fill colour");
    assertEquals(0, s.getRGB(0, 0) >>> 24, "corner transparent");
    int edge = s.getRGB(c, c - 5 + 1);
    assertEquals(true, (edge & 0xFF) < 0x90, "dark ring above the centre: " + Integer.toHexString(edge));
    assertSame(s, OutlinedCircle.sprite(fill, 9), "cached");
  }

  @Test
  void drawPutsTheCentreOnTheNearestPixel() {
    BufferedImage image = PlotFrame.whiteImage(40, 40);
    Graphics2D g = image.createGraphics();
    Color fill = new Color(0xD7, 0x30, 0x27);
    OutlinedCircle.draw(g, fill, 9, 20.4, 10.6);
    g.dispose();
    assertEquals(fill.getRGB(), image.getRGB(20, 11));
    assertEquals(0xFFFFFFFF, image.getRGB(5, 30));
  }
}
