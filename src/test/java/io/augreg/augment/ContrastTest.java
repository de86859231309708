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
    assertEquals("pipeline spec, step contrast: bad value 'mean=luma' (expected one of all, gray)",
        e.getMessage());
  }
}
