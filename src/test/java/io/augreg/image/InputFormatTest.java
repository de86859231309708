package io.augreg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class InputFormatTest {

  @Test
  void encodesRgbRowColumnChannelOver255() {
    InputFormat f = InputFormat.scaled(3, 2, 3);
    try (Mat bgr = TestImages.pattern(3, 2, 3, 1)) {
      double[] dst = new double[f.features() * 2];
      f.encode(bgr, dst, 2, 1);
      try (UByteIndexer ix = bgr.createIndexer()) {
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 3; c++) {
            for (int ch = 0; ch < 3; ch++) {
              int feature = (r * 3 + c) * 3 + ch;
              // RGB channel ch is BGR channel 2 - ch
              assertEquals(ix.get(r, c, 2 - ch) / 255.0, dst[feature * 2 + 1], 0.0);
              assertEquals(0.0, dst[feature * 2]);
            }
          }
        }
      }
    }
  }

  @Test
  void standardizesPerChannelAndResizes() {
    InputFormat f = InputFormat.scaled(2, 2, 3).withNormalization(new double[] {0.5, 0.25, 0}, new double[] {2, 1, 0.5});
    try (Mat big = TestImages.pattern(8, 8, 3, 2)) {
      double[] dst = new double[f.features()];
      f.encode(big, dst, 1, 0);
      byte[] px = f.pixels(big);
      assertEquals(12, px.length);
      for (int i = 0; i < 12; i++) {
        double v = (px[i] & 0xFF) / 255.0;
        double expected = switch (i % 3) {
          case 0 -> (v - 0.5) / 2;
          case 1 -> v - 0.25;
          default -> v / 0.5;
        };
        assertEquals(expected, dst[i], 1e-12);
      }
    }
  }

  @Test
  void grayFromColourAndRoundTripThroughMap() {
    InputFormat f = InputFormat.scaled(4, 4, 1);
    try (Mat bgr = TestImages.pattern(4, 4, 3, 0)) {
      assertEquals(16, f.pixels(bgr).length);
    }
    InputFormat g = InputFormat.scaled(5, 6, 3).withNormalization(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3});
    assertEquals(g, InputFormat.fromMap(g.toMap()));
    assertArrayEquals(new double[] {1, 2, 3}, InputFormat.fromMap(g.toMap()).std());
  }

  @Test
  void refusesBadValues() {
    assertThrows(AugregException.class, () -> InputFormat.scaled(0, 4, 3));
    assertThrows(AugregException.class, () -> InputFormat.scaled(4, 4, 2));
    assertThrows(AugregException.class, () -> InputFormat.scaled(4, 4, 1).withNormalization(new double[] {0}, new double[] {0}));
    assertThrows(AugregException.class, () -> InputFormat.fromMap(Map.of("width", 3)));
  }
}
