package io.augreg.augment.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColourTest {
  @Test
  void histogramsCountEveryColourValueWhateverThePixelCount() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int ch : new int[] {1, 3, 4}) {
      // pixel counts around the 4-pixel blocks, so the tail loop runs with 0..3 pixels
      for (int pixels : new int[] {1, 3, 4, 5, 7, 8, 257, 1003}) {
        byte[] b = new byte[pixels * ch];
        for (int i = 0; i < b.length; i++) {
          // runs of equal values, as in real images, plus noise
          b[i] = (byte) (i % 7 == 0 ? rng.nextInt(256) : (i / 11) * 3);
        }
        int colours = ch == 1 ? 1 : 3;
        int[] want = new int[colours * 256];
        for (int p = 0; p < pixels; p++) {
          for (int c = 0; c < colours; c++) {
            want[c * 256 + (b[p * ch + c] & 0xFF)]++;
          }
        }
        int[] hist = new int[768];
        java.util.Arrays.fill(hist, 99);
        int[] spare = new int[2304];
        java.util.Arrays.fill(spare, 7);
        assertEquals(colours, Colour.histograms(b, b.length, ch, hist, spare));
        assertArrayEquals(want, java.util.Arrays.copyOf(hist, colours * 256), ch + " channels, " + pixels + " pixels");
      }
    }
  }
}
