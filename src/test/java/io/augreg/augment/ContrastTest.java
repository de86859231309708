package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ContrastTest {
  /** Values 80..175 (no saturation under the gains used), mean 127.5. */
  private static Mat ramp(int ch) {
    Mat m = TestImages.constant(96, 10, ch, 0);
    byte[] b = new byte[96 * 10 * ch];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (80 + (i / ch) % 96);
    }
    Pixels.write(b, m);
    return m;
  }

  private static double[] meanSd(byte[] b, int ch, int channels) {
    double s = 0;
    double q = 0;
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (channels == 4 && i % 4 == 3) {
        continue;
      }
      double v = b[i] & 0xFF;
      s += v;
      q += v * v;
      n++;
    }
    double mean = s / n;
    return new double[] {mean, Math.sqrt(q / n - mean * mean)};
  }

  @Test
  void keepsTheMeanAndScalesTheDeviation() {
    for (int ch : new int[] {1, 3, 4}) {
      try (Mat src = ramp(ch);
          Mat dst = new Mat()) {
        new Contrast(Range.of(1.5)).apply(src, dst, new Contrast.ContrastParams(1.5));
        double[] in = meanSd(TestImages.bytes(src), ch, ch);
        double[] out = meanSd(TestImages.bytes(dst), ch, ch);
        assertEquals(in[0], out[0], 0.3, "mean, " + ch + " channels");
        assertEquals(1.5 * in[1], out[1], 0.05 * in[1], "deviation, " + ch + " channels");
        // a single pixel: 80 -> round(1.5·80 − 0.5·127.5) = 56
        assertEquals(56, TestImages.at(dst, 0, 0, 0));
      }
    }
  }

  @Test
  void zeroGainGivesTheMeanAndSaturates() {
    try (Mat src = ramp(3);
        Mat dst = new Mat()) {
      new Contrast(Range.of(0)).apply(src, dst, new Contrast.ContrastParams(0));
      for (byte v : TestImages.bytes(dst)) {
        assertEquals(128, v & 0xFF); // round(127.5) to even
      }
      new Contrast(Range.of(10)).apply(src, dst, new Contrast.ContrastParams(10));
      assertEquals(0, TestImages.at(dst, 0, 0, 0));
      assertEquals(255, TestImages.at(dst, 95, 0, 0));
    }
  }

  @Test
  void alphaIsUntouched() {
    try (Mat src = ramp(4);
        Mat dst = new Mat()) {
      new Contrast(Range.of(2)).apply(src, dst, new Contrast.ContrastParams(2));
      byte[] a = TestImages.bytes(src);
      byte[] b = TestImages.bytes(dst);
      for (int i = 3; i < a.length; i += 4) {
        assertEquals(a[i], b[i]);
      }
    }
  }

  /** BGR pixels (b, g, r) = (200, 100, 50) and (0, 50, 100): luma 0.299 R + 0.587 G + 0.114 B. */
  @Test
  void grayMeanScalesAroundTheLumaLikeTorchvision() {
    try (Mat src = TestImages.constant(2, 1, 3, 0);
        Mat dst = new Mat()) {
      Pixels.write(new byte[] {(byte) 200, 100, 50, 0, 50, 100}, src);
      // luma 0.299·50 + 0.587·100 + 0.114·200 = 96.35 and 0.299·100 + 0.587·50 + 0 = 59.25;
      // mean 77.8; out = round(2·v − 77.8)
      Contrast c = (Contrast) Transforms.create("contrast", java.util.Map.of("factor", "2", "mean", "gray"));
      assertEquals(Contrast.Mean.GRAY, c.mean());
      c.apply(src, dst, new Contrast.ContrastParams(2, Contrast.Mean.GRAY));
      int[] expected = {255, 122, 22, 0, 22, 122};
      byte[] out = TestImages.bytes(dst);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], out[i] & 0xFF, "value " + i);
      }
      // around the mean of all values (83.33) instead: round(2·50 − 83.33) = 17
      c = new Contrast(Range.of(2));
      c.apply(src, dst, new Contrast.ContrastParams(2));
      assertEquals(17, TestImages.bytes(dst)[2] & 0xFF);
    }
  }

  /**
   * {@code mean=pil} against PIL 9.4's {@code ImageEnhance.Contrast}, the numbers printed by
   * {@code bench/pil_contrast_fixture.py}: a gray ramp 0..255 followed by n pixels of gray c (which
   * moves the mean), and colour images; {@code hash} is {@code Arrays.hashCode} of the output
   * (ramp: its 256 values; colour: every value in RGB order).
   */
  @Test
  void pilMeanIsPilsImageEnhanceContrastBitForBit() {
    // c, n, factor, PIL's rounded mean luma M, hash, out[0], out[100], out[255]
    double[][] ramps = {
        {128, 0, 0.8, 128, 1709361896, 25, 105, 229},
        {128, 0, 1.2, 128, 1974099360, 0, 94, 255},
        {0, 300, 0.8, 59, 1178499751, 11, 91, 215},
        {0, 300, 1.13, 59, -234791549, 0, 105, 255},
        {255, 700, 0.91, 221, -1971089001, 19, 110, 251},
        {255, 700, 2.5, 221, -249092134, 0, 0, 255},
        {40, 1000, 0.37, 58, 1602862031, 36, 73, 130},
        {200, 50, 1.0, 139, 58515585, 0, 100, 255},
        {90, 90, 0.0, 118, 917585921, 118, 118, 118}};
    Contrast pil = (Contrast) Transforms.create("contrast", java.util.Map.of("mean", "pil"));
    for (double[] r : ramps) {
      int c = (int) r[0];
      int n = (int) r[1];
      byte[] px = new byte[(256 + n) * 3];
      for (int i = 0; i < 256 + n; i++) {
        java.util.Arrays.fill(px, 3 * i, 3 * i + 3, (byte) (i < 256 ? i : c));
      }
      String what = "ramp c=" + c + " n=" + n + " f=" + r[2];
      assertEquals((int) r[3], LutKernel.pilMeanLuma(px, px.length, 3), what);
      try (Mat src = TestImages.constant(256 + n, 1, 3, 0);
          Mat dst = new Mat()) {
        Pixels.write(px, src);
        pil.apply(src, dst, new Contrast.ContrastParams(r[2], Contrast.Mean.PIL));
        byte[] out = TestImages.bytes(dst);
        int[] ramp = new int[256];
        for (int i = 0; i < 256; i++) {
          ramp[i] = out[3 * i] & 0xFF;
        }
        assertEquals((int) r[5], ramp[0], what);
        assertEquals((int) r[6], ramp[100], what);
        assertEquals((int) r[7], ramp[255], what);
        assertEquals((int) r[4], java.util.Arrays.hashCode(ramp), what);
      }
    }
    // width, height, factor, M, hash of the output in RGB order, out[0,0] as RGB
    double[][] colours = {
        {9, 7, 0.8, 56, -338148143, 11, 20, 11},
        {64, 64, 1.2, 127, 32363071, 0, 0, 0},
        {31, 17, 1.05, 118, 1627965744, 0, 5, 0}};
    for (double[] r : colours) {
      int w = (int) r[0];
      int h = (int) r[1];
      // pixel (x, y): R = (7x + 3y) % 256, G = (5xy + 11) % 256, B = (x² + 2y) % 256, stored BGR
      byte[] px = new byte[w * h * 3];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = 3 * (y * w + x);
          px[i] = (byte) ((x * x + 2 * y) % 256);
          px[i + 1] = (byte) ((5 * x * y + 11) % 256);
          px[i + 2] = (byte) ((7 * x + 3 * y) % 256);
        }
      }
      String what = "colour " + w + "x" + h + " f=" + r[2];
      assertEquals((int) r[3], LutKernel.pilMeanLuma(px, px.length, 3), what);
      try (Mat src = TestImages.constant(w, h, 3, 0);
          Mat dst = new Mat()) {
        Pixels.write(px, src);
        pil.apply(src, dst, new Contrast.ContrastParams(r[2], Contrast.Mean.PIL));
        byte[] out = TestImages.bytes(dst);
        int[] rgb = new int[out.length];
        for (int i = 0; i < out.length; i += 3) {
          rgb[i] = out[i + 2] & 0xFF;
          rgb[i + 1] = out[i + 1] & 0xFF;
          rgb[i + 2] = out[i] & 0xFF;
        }
        assertEquals((int) r[5], rgb[0], what);
        assertEquals((int) r[6], rgb[1], what);
        assertEquals((int) r[7], rgb[2], what);
        assertEquals((int) r[4], java.util.Arrays.hashCode(rgb), what);
      }
    }
  }

  @Test
  void meanOptionRoundTripsThroughSpecsAndParameterRecords() {
    Contrast gray = (Contrast) Transforms.create("contrast",
        java.util.Map.of("factor", "0.8..1.2", "mean", "gray"));
    assertEquals("contrast factor=0.8..1.2 mean=gray", gray.toSpec());
    assertEquals("contrast factor=0.8..1.2",
        Transforms.create("contrast", java.util.Map.of("factor", "0.8..1.2", "mean", "all")).toSpec());
    Contrast.ContrastParams p = new Contrast.ContrastParams(1.1, Contrast.Mean.GRAY);
    assertEquals(p, gray.paramsFromMap(p.toMap()));
    assertEquals(java.util.Map.of("factor", 1.1), new Contrast.ContrastParams(1.1).toMap());
    assertEquals(new Contrast.ContrastParams(1.1), gray.paramsFromMap(java.util.Map.of("factor", 1.1)));
    io.augreg.core.AugregException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.augreg.core.AugregException.class, () -> Pipeline.parse("contrast mean=luma"));
    assertEquals("pipeline spec, step contrast: bad value 'mean=luma' (expected one of all, gray, pil)",
        e.getMessage());
  }
}
