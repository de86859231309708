package io.augreg.augment.kernel;

/**
 * PIL's {@code Image.transform} (AFFINE and PERSPECTIVE, NEAREST and BILINEAR, fill 0), what
 * torchvision's PIL path does for {@code affine}, {@code rotate} and {@code perspective}: for output
 * pixel (x, y) the input point is the inverse map at the pixel centre (x + ½, y + ½); outside the
 * input it is 0. Nearest takes pixel {@code floor} of the point; bilinear blends the four pixels
 * around the point − ½ in double precision (edge pixels repeated) and truncates.
 */
public final class PilWarp {
  private PilWarp() {}

  /**
   * Warps packed pixels.
   *
   * @param src packed input, {@code w·h·ch} bytes
   * @param w input width
   * @param h input height
   * @param ch channels
   * @param dst packed output, {@code ow·oh·ch} bytes
   * @param ow output width
   * @param oh output height
   * @param m 6 affine or 8 perspective coefficients of the inverse map
   * @param bilinear bilinear instead of nearest
   */
  public static void apply(
      byte[] src, int w, int h, int ch, byte[] dst, int ow, int oh, double[] m, boolean bilinear) {
    boolean persp = m.length == 8;
    if (!persp && !bilinear) {
      affineNearest(src, w, h, ch, dst, ow, oh, m);
      return;
    }
    if (bilinear && ch == 3) {
      bilinear3(src, w, h, dst, ow, oh, m, persp);
      return;
    }
    for (int y = 0; y < oh; y++) {
      double yc = y + 0.5;
      for (int x = 0; x < ow; x++) {
        double xc = x + 0.5;
        double xin;
        double yin;
        if (persp) {
          double d = m[6] * xc + m[7] * yc + 1;
          xin = (m[0] * xc + m[1] * yc + m[2]) / d;
          yin = (m[3] * xc + m[4] * yc + m[5]) / d;
        } else {
          xin = m[0] * xc + m[1] * yc + m[2];
          yin = m[3] * xc + m[4] * yc + m[5];
        }
        int o = (y * ow + x) * ch;
        if (!bilinear) {
          int xi = xin < 0 ? -1 : (int) xin;
          int yi = yin < 0 ? -1 : (int) yin;
          if (xi < 0 || xi >= w || yi < 0 || yi >= h) {
            for (int c = 0; c < ch; c++) {
              dst[o + c] = 0;
            }
          } else {
            System.arraycopy(src, (yi * w + xi) * ch, dst, o, ch);
          }
          continue;
        }
        if (xin < 0 || xin >= w || yin < 0 || yin >= h) {
          for (int c = 0; c < ch; c++) {
            dst[o + c] = 0;
          }
          continue;
        }
        // v = lerp(lerp(p00, p01, dx), lerp(p10, p11, dx), dy) around (xin − ½, yin − ½)
        double xs = xin - 0.5;
        double ys = yin - 0.5;
        int xf = (int) Math.floor(xs);
        int yf = (int) Math.floor(ys);
        double dx = xs - xf;
        double dy = ys - yf;
        int x0 = Math.max(0, Math.min(w - 1, xf)) * ch;
        int x1 = Math.max(0, Math.min(w - 1, xf + 1)) * ch;
        int r0 = Math.max(0, Math.min(h - 1, yf)) * w * ch;
        boolean second = yf + 1 >= 0 && yf + 1 < h;
        int r1 = (yf + 1) * w * ch;
        for (int c = 0; c < ch; c++) {
          double a = src[r0 + x0 + c] & 0xFF;
          double v1 = a + ((src[r0 + x1 + c] & 0xFF) - a) * dx;
          if (second) {
            double b = src[r1 + x0 + c] & 0xFF;
            double v2 = b + ((src[r1 + x1 + c] & 0xFF) - b) * dx;
            v1 = v1 + (v2 - v1) * dy;
          }
          dst[o + c] = (byte) (int) v1;
        }
      }
    }
  }

  /**
   * The bilinear loop of {@link #apply} for 3 channels, the same double arithmetic in the same
   * order: the row terms {@code m1·yc}, {@code m4·yc}, {@code m7·yc} are computed once per row,
   * {@code floor} of a value ≥ −½ is {@code −1} below 0 and the truncation above, the clamps of
   * such indices are one-sided, and the channel loop is unrolled.
   */
  private static void bilinear3(
      byte[] src, int w, int h, byte[] dst, int ow, int oh, double[] m, boolean persp) {
    double m0 = m[0];
    double m1 = m[1];
    double m2 = m[2];
    double m3 = m[3];
    double m4 = m[4];
    double m5 = m[5];
    double m6 = persp ? m[6] : 0;
    double m7 = persp ? m[7] : 0;
    int stride = 3 * w;
    for (int y = 0; y < oh; y++) {
      double yc = y + 0.5;
      double t1 = m1 * yc;
      double t4 = m4 * yc;
      double t7 = m7 * yc;
      int o = y * ow * 3;
      for (int x = 0; x < ow; x++, o += 3) {
        double xc = x + 0.5;
        double xin;
        double yin;
        if (persp) {
          double d = m6 * xc + t7 + 1;
          xin = (m0 * xc + t1 + m2) / d;
          yin = (m3 * xc + t4 + m5) / d;
        } else {
          xin = m0 * xc + t1 + m2;
          yin = m3 * xc + t4 + m5;
        }
        if (xin < 0 || xin >= w || yin < 0 || yin >= h) {
          dst[o] = 0;
          dst[o + 1] = 0;
          dst[o + 2] = 0;
          continue;
        }
        // v = lerp(lerp(p00, p01, dx), lerp(p10, p11, dx), dy) around (xin − ½, yin − ½)
        double xs = xin - 0.5;
        double ys = yin - 0.5;
        int xf = xs < 0 ? -1 : (int) xs;
        int yf = ys < 0 ? -1 : (int) ys;
        double dx = xs - xf;
        double dy = ys - yf;
        int x0 = xf < 0 ? 0 : 3 * xf;
        int x1 = xf + 1 >= w ? 3 * (w - 1) : 3 * (xf + 1);
        int r0 = yf < 0 ? 0 : yf * stride;
        if (yf + 1 < h) {
          int r1 = (yf + 1) * stride;
          for (int c = 0; c < 3; c++) {
            double a = src[r0 + x0 + c] & 0xFF;
            double v1 = a + ((src[r0 + x1 + c] & 0xFF) - a) * dx;
            double b = src[r1 + x0 + c] & 0xFF;
            double v2 = b + ((src[r1 + x1 + c] & 0xFF) - b) * dx;
            dst[o + c] = (byte) (int) (v1 + (v2 - v1) * dy);
          }
        } else {
          for (int c = 0; c < 3; c++) {
            double a = src[r0 + x0 + c] & 0xFF;
            dst[o + c] = (byte) (int) (a + ((src[r0 + x1 + c] & 0xFF) - a) * dx);
          }
        }
      }
    }
  }

  /**
   * PIL's nearest-neighbour affine engines: a pure scale/shift ({@code a1 = a3 = 0}) in double
   * precision from {@code (a2 + a0/2, a5 + a4/2)}; otherwise 16.16 fixed point from {@code FIX(a2 +
   * a0/2 + a1/2)} with {@code FIX(v) = floor(v·65536 + ½)}, stepping by the fixed-point
   * coefficients; {@code >> 16} is the pixel. (PIL's double-precision fallback for coordinates
   * beyond ±32768 is taken the same way.)
   */
  private static void affineNearest(
      byte[] src, int w, int h, int ch, byte[] dst, int ow, int oh, double[] m) {
    java.util.Arrays.fill(dst, 0, ow * oh * ch, (byte) 0);
    if (m[1] == 0 && m[3] == 0) {
      double yo = m[5] + m[4] * 0.5;
      for (int y = 0; y < oh; y++, yo += m[4]) {
        int yi = yo < 0 ? -1 : (int) yo;
        if (yi < 0 || yi >= h) {
          continue;
        }
        double xo = m[2] + m[0] * 0.5;
        for (int x = 0; x < ow; x++, xo += m[0]) {
          int xi = xo < 0 ? -1 : (int) xo;
          if (xi >= 0 && xi < w) {
            System.arraycopy(src, (yi * w + xi) * ch, dst, (y * ow + x) * ch, ch);
          }
        }
      }
      return;
    }
    if (fits(m, 0, 0) && fits(m, ow, oh) && fits(m, 0, oh) && fits(m, ow, 0)) {
      int a0 = fix(m[0]);
      int a1 = fix(m[1]);
      int a3 = fix(m[3]);
      int a4 = fix(m[4]);
      int a2 = fix(m[2] + m[0] * 0.5 + m[1] * 0.5);
      int a5 = fix(m[5] + m[3] * 0.5 + m[4] * 0.5);
      for (int y = 0; y < oh; y++) {
        int xx = a2;
        int yy = a5;
        for (int x = 0; x < ow; x++, xx += a0, yy += a3) {
          int xi = xx >> 16;
          int yi = yy >> 16;
          if (xi >= 0 && xi < w && yi >= 0 && yi < h) {
            System.arraycopy(src, (yi * w + xi) * ch, dst, (y * ow + x) * ch, ch);
          }
        }
        a2 += a1;
        a5 += a4;
      }
      return;
    }
    double xo = m[2] + m[1] * 0.5 + m[0] * 0.5;
    double yo = m[5] + m[4] * 0.5 + m[3] * 0.5;
    for (int y = 0; y < oh; y++, xo += m[1], yo += m[4]) {
      double xx = xo;
      double yy = yo;
      for (int x = 0; x < ow; x++, xx += m[0], yy += m[3]) {
        int xi = xx < 0 ? -1 : (int) xx;
        int yi = yy < 0 ? -1 : (int) yy;
        if (xi >= 0 && xi < w && yi >= 0 && yi < h) {
          System.arraycopy(src, (yi * w + xi) * ch, dst, (y * ow + x) * ch, ch);
        }
      }
    }
  }

  private static boolean fits(double[] m, int x, int y) {
    return Math.abs(x * m[0] + y * m[1] + m[2]) < 32768.0
        && Math.abs(x * m[3] + y * m[4] + m[5]) < 32768.0;
  }

  /** PIL's {@code FIX(v) = FLOOR(v·65536 + ½)} (FLOOR truncates non-negative values). */
  private static int fix(double v) {
    double t = v * 65536.0 + 0.5;
    return t < 0 ? (int) Math.floor(t) : (int) t;
  }
}
