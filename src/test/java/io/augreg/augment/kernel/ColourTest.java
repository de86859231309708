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

  @Test
  void sharpnessMatchesPilsFloatFilterBitForBit() {
    SplittableRandom rng = new SplittableRandom(15);
    for (int ch : new int[] {1, 3, 4}) {
      for (int[] size : new int[][] {{2, 5}, {3, 3}, {17, 9}, {64, 31}}) {
        int w = size[0];
        int h = size[1];
        byte[] src = new byte[w * h * ch];
        for (int i = 0; i < src.length; i++) {
          // smooth runs, hard edges and saturated values, so every rounding and clip case occurs
          src[i] = (byte) (i % 5 == 0 ? rng.nextInt(256) : (i % 3 == 0 ? 255 : (i / 7) * 5));
        }
        for (float f : new float[] {0f, 0.37f, 0.5f, 1f, 1.9f, 2f, 7.3f, 10f}) {
          byte[] got = new byte[src.length];
          Colour.sharpness(src, got, w, h, ch, f);
          assertArrayEquals(pilSharpness(src, w, h, ch, f), got, ch + " ch " + w + "x" + h + " f=" + f);
        }
      }
    }
  }

  /** PIL's ImageEnhance.Sharpness as PIL computes it: float kernel sum from 0.5, then the blend. */
  private static byte[] pilSharpness(byte[] src, int w, int h, int ch, float f) {
    byte[] dst = src.clone();
    float k1 = (float) (1.0 / 13);
    float k5 = (float) (5.0 / 13);
    int row = w * ch;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        for (int c = 0; c < (ch == 1 ? 1 : 3); c++) {
          int p = y * row + x * ch + c;
          float ss = 0.5f;
          ss += (src[p + row - ch] & 0xFF) * k1 + (src[p + row] & 0xFF) * k1 + (src[p + row + ch] & 0xFF) * k1;
          ss += (src[p - ch] & 0xFF) * k1 + (src[p] & 0xFF) * k5 + (src[p + ch] & 0xFF) * k1;
          ss += (src[p - row - ch] & 0xFF) * k1 + (src[p - row] & 0xFF) * k1 + (src[p - row + ch] & 0xFF) * k1;
          int smooth = ss <= 0 ? 0 : (ss >= 255 ? 255 : (int) ss);
          dst[p] = (byte) Colour.blend(smooth, src[p] & 0xFF, f);
        }
      }
    }
    return dst;
  }
}
