package io.augreg.augment.kernel;

/**
 * Colour kernels, PIL's arithmetic on packed BGR(A) bytes. Luma is PIL's integer {@code L =
 * (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16}; a blend is PIL's {@code Image.blend}: {@code t = a +
 * f·(b − a)} in single precision, 0 if {@code t <= 0}, 255 if {@code t >= 255}, else truncated.
 */
public final class Colour {
  private Colour() {}

  /** PIL's luma of the BGR pixel at {@code i}. */
  public static int luma(byte[] b, int i) {
    return ((b[i + 2] & 0xFF) * 19595 + (b[i + 1] & 0xFF) * 38470 + (b[i] & 0xFF) * 7471 + 0x8000)
        >> 16;
  }

  /** PIL's blend of {@code from} towards {@code to} by {@code f}, truncated into 0..255. */
  public static int blend(int from, int to, float f) {
    float t = (float) from + f * (float) (to - from);
    return t <= 0 ? 0 : (t >= 255 ? 255 : (int) t);
  }

  /**
   * Grayscale keeping the channel count: every colour channel becomes the PIL luma (PIL's {@code
   * convert("L")}, what torchvision's {@code Grayscale} does to a PIL image).
   *
   * @param b packed pixels, modified
   * @param n number of bytes
   * @param ch channels (1: unchanged)
   */
  public static void grayscale(byte[] b, int n, int ch) {
    if (ch == 1) {
      return;
    }
    for (int i = 0; i < n; i += ch) {
      byte l = (byte) luma(b, i);
      b[i] = l;
      b[i + 1] = l;
      b[i + 2] = l;
    }
  }

  /**
   * Saturation: blend from the pixel's luma towards the pixel by {@code f} (PIL's {@code
   * ImageEnhance.Color}); gray images are unchanged.
   */
  public static void saturation(byte[] b, int n, int ch, float f) {
    if (ch == 1) {
      return;
    }
    for (int i = 0; i < n; i += ch) {
      int l = luma(b, i);
      b[i] = (byte) blend(l, b[i] & 0xFF, f);
      b[i + 1] = (byte) blend(l, b[i + 1] & 0xFF, f);
      b[i + 2] = (byte) blend(l, b[i + 2] & 0xFF, f);
    }
  }

  /**
   * Hue shift as torchvision's PIL path: PIL's 8-bit HSV ({@code convert("HSV")}), hue plus {@code
   * shift} modulo 256, back to RGB; gray images are unchanged.
   *
   * @param shift {@code (int) (hue_factor·255)}, any integer (taken modulo 256)
   */
  public static void hue(byte[] b, int n, int ch, int shift) {
    if (ch == 1) {
      return;
    }
    for (int i = 0; i < n; i += ch) {
      int bl = b[i] & 0xFF;
      int g = b[i + 1] & 0xFF;
      int r = b[i + 2] & 0xFF;
      int maxc = Math.max(r, Math.max(g, bl));
      int minc = Math.min(r, Math.min(g, bl));
      if (maxc == minc) {
        continue; // s = 0: the colour is its own value whatever the hue
      }
      // PIL rgb2hsv: h = (bc − gc | 2 + rc − bc | 4 + gc − rc) / 6 mod 1, uh = (int) (h·255)
      float cr = (float) (maxc - minc);
      float s = cr / (float) maxc;
      float rc = (float) (maxc - r) / cr;
      float gc = (float) (maxc - g) / cr;
      float bc = (float) (maxc - bl) / cr;
      float h;
      if (r == maxc) {
        h = bc - gc;
      } else if (g == maxc) {
        h = (float) (2.0 + rc - bc);
      } else {
        h = (float) (4.0 + gc - rc);
      }
      float hh = (float) ((h / 6.0 + 1.0) % 1.0);
      int uh = clip8((int) (hh * 255.0));
      int us = clip8((int) (s * 255.0));
      hsvToBgr((uh + shift) & 0xFF, us, maxc, b, i);
    }
  }

  /** PIL hsv2rgb of one pixel, written as BGR at {@code i}. */
  private static void hsvToBgr(int h, int s, int v, byte[] out, int i) {
    if (s == 0) {
      out[i] = out[i + 1] = out[i + 2] = (byte) v;
      return;
    }
    // PIL hsv2rgb: f and fs in single precision, p q t rounded in double precision
    int k = (int) Math.floor((float) h * 6.0 / 255.0);
    float f = (float) ((float) h * 6.0 / 255.0 - (float) k);
    float fs = (float) (s / 255.0);
    int p = clip8((int) Math.round((float) v * (1.0 - fs)));
    int q = clip8((int) Math.round((float) v * (1.0 - fs * f)));
    int t = clip8((int) Math.round((float) v * (1.0 - fs * (1.0 - f))));
    int r;
    int g;
    int bl;
    switch (k % 6) {
      case 0 -> { r = v; g = t; bl = p; }
      case 1 -> { r = q; g = v; bl = p; }
      case 2 -> { r = p; g = v; bl = t; }
      case 3 -> { r = p; g = q; bl = v; }
      case 4 -> { r = t; g = p; bl = v; }
      default -> { r = v; g = p; bl = q; }
    }
    out[i] = (byte) bl;
    out[i + 1] = (byte) g;
    out[i + 2] = (byte) r;
  }

  private static int clip8(int v) {
    return v < 0 ? 0 : (v > 255 ? 255 : v);
  }

  /**
   * Permutes the colour channels: output channel c is input channel {@code perm[c]}; alpha kept.
   */
  public static void permute(byte[] b, int n, int ch, int[] perm) {
    if (ch == 1) {
      return;
    }
    for (int i = 0; i < n; i += ch) {
      byte c0 = b[i + perm[0]];
      byte c1 = b[i + perm[1]];
      byte c2 = b[i + perm[2]];
      b[i] = c0;
      b[i + 1] = c1;
      b[i + 2] = c2;
    }
  }

  /**
   * Per-channel histograms of the colour channels: {@code hist[c·256 + v]}.
   *
   * @param hist at least {@code colours·256} entries, overwritten
   * @param spare at least 2304 entries, three more histograms overwritten as temporaries
   * @return the number of colour channels (1 or 3)
   */
  public static int histograms(byte[] b, int n, int ch, int[] hist, int[] spare) {
    int colours = ch == 1 ? 1 : 3;
    java.util.Arrays.fill(hist, 0, colours * 256, 0);
    if (ch == 1) {
      for (int i = 0; i < n; i++) {
        hist[b[i] & 0xFF]++;
      }
      return 1;
    }
    // pixel k counts into table k mod 4 (hist, then spare's three), summed at the end: equal
    // neighbouring values no longer wait on each other's increment
    java.util.Arrays.fill(spare, 0, 2304, 0);
    int i = 0;
    for (; i + 4 * ch <= n; i += 4 * ch) {
      hist[b[i] & 0xFF]++;
      hist[256 + (b[i + 1] & 0xFF)]++;
      hist[512 + (b[i + 2] & 0xFF)]++;
      int j = i + ch;
      spare[b[j] & 0xFF]++;
      spare[256 + (b[j + 1] & 0xFF)]++;
      spare[512 + (b[j + 2] & 0xFF)]++;
      j += ch;
      spare[768 + (b[j] & 0xFF)]++;
      spare[1024 + (b[j + 1] & 0xFF)]++;
      spare[1280 + (b[j + 2] & 0xFF)]++;
      j += ch;
      spare[1536 + (b[j] & 0xFF)]++;
      spare[1792 + (b[j + 1] & 0xFF)]++;
      spare[2048 + (b[j + 2] & 0xFF)]++;
    }
    for (; i < n; i += ch) {
      hist[b[i] & 0xFF]++;
      hist[256 + (b[i + 1] & 0xFF)]++;
      hist[512 + (b[i + 2] & 0xFF)]++;
    }
    for (int k = 0; k < 768; k++) {
      hist[k] += spare[k] + spare[768 + k] + spare[1536 + k];
    }
    return 3;
  }

  /**
   * PIL's {@code ImageOps.equalize} table of one channel: with the non-empty bins {@code h}, {@code
   * step = (Σh − last non-empty bin) // 255}; identity when there is at most one non-empty bin or
   * step is 0, else {@code lut[i] = (step // 2 + Σ_{j<i} h[j]) // step}.
   */
  public static void equalizeTable(int[] hist, int off, byte[] lut, int lutOff) {
    long total = 0;
    int last = 0;
    int nonEmpty = 0;
    for (int i = 0; i < 256; i++) {
      int c = hist[off + i];
      if (c != 0) {
        total += c;
        last = c;
        nonEmpty++;
      }
    }
    long step = nonEmpty <= 1 ? 0 : (total - last) / 255;
    if (step == 0) {
      identity(lut, lutOff);
      return;
    }
    long acc = step / 2;
    for (int i = 0; i < 256; i++) {
      long v = acc / step;
      lut[lutOff + i] = (byte) Math.min(255, v);
      acc += hist[off + i];
    }
  }

  /**
   * PIL's {@code ImageOps.autocontrast} table of one channel (cutoff 0): lo and hi the first and
   * last non-empty bins; identity when {@code hi <= lo}, else {@code lut[v] = clamp(int(v·s − lo·s))}
   * with {@code s = 255 / (hi − lo)} in double precision, truncated toward zero.
   */
  public static void autocontrastTable(int[] hist, int off, byte[] lut, int lutOff) {
    int lo = 0;
    while (lo < 256 && hist[off + lo] == 0) {
      lo++;
    }
    int hi = 255;
    while (hi >= 0 && hist[off + hi] == 0) {
      hi--;
    }
    if (hi <= lo) {
      identity(lut, lutOff);
      return;
    }
    double scale = 255.0 / (hi - lo);
    double offset = -lo * scale;
    for (int v = 0; v < 256; v++) {
      int x = (int) (v * scale + offset);
      lut[lutOff + v] = (byte) clip8(x);
    }
  }

  /** {@code lut[v] = v}. */
  public static void identity(byte[] lut, int off) {
    for (int v = 0; v < 256; v++) {
      lut[off + v] = (byte) v;
    }
  }

  /**
   * PIL's {@code ImageEnhance.Sharpness}: blend from PIL's {@code SMOOTH} filter (3×3 kernel 1 1 1 /
   * 1 5 1 / 1 1 1 over 13; the outermost rows and columns unfiltered) towards the image by {@code
   * f}; alpha copied.
   *
   * <p>PIL sums the nine {@code v·k/13} in single precision from 0.5 and truncates; with the integer
   * sum {@code S = Σ neighbours + 5·centre} that is {@code floor(S/13 + 0.5) = (2S + 13) / 26}
   * exactly, since {@code S/13} is never closer than 1/26 to a half while the float error stays
   * below 10⁻⁴.
   *
   * @param src packed input, {@code w·h·ch} bytes
   * @param dst packed output (not {@code src})
   */
  public static void sharpness(byte[] src, byte[] dst, int w, int h, int ch, float f) {
    int n = w * h * ch;
    System.arraycopy(src, 0, dst, 0, n);
    if (w < 3 || h < 3) {
      return;
    }
    int row = w * ch;
    for (int y = 1; y < h - 1; y++) {
      int end = (y + 1) * row - ch;
      // S = 3×3 sum + 4·centre; smooth = (2S + 13) / 26; out = PIL blend(smooth → centre, f)
      for (int p = y * row + ch; p < end; p++) {
        int up = p - row;
        int dn = p + row;
        int c = src[p] & 0xFF;
        int sum = (src[up - ch] & 0xFF) + (src[up] & 0xFF) + (src[up + ch] & 0xFF)
            + (src[p - ch] & 0xFF) + 5 * c + (src[p + ch] & 0xFF)
            + (src[dn - ch] & 0xFF) + (src[dn] & 0xFF) + (src[dn + ch] & 0xFF);
        int smooth = (2 * sum + 13) / 26;
        float t = (float) smooth + f * (float) (c - smooth);
        dst[p] = (byte) (t <= 0 ? 0 : (t >= 255 ? 255 : (int) t));
      }
      if (ch == 4) {
        for (int p = y * row + ch + 3; p < end; p += 4) {
          dst[p] = src[p];
        }
      }
    }
  }
}
