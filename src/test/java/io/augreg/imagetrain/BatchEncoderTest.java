package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.image.InputFormat;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class BatchEncoderTest {
  private static Mat random(int rows, int cols, int channels, long seed) {
    Mat m = new Mat(rows, cols, opencv_core.CV_8UC(channels));
    byte[] px = new byte[rows * cols * channels];
    new Random(seed).nextBytes(px);
    try (BytePointer p = m.data()) {
      p.put(px, 0, px.length);
    }
    return m;
  }

  /** Encodes images (one per column) both ways and compares every double bit for bit. */
  private static void sameAsInputFormat(InputFormat format, int... channelsPerImage) {
    BatchEncoder enc = new BatchEncoder(format);
    int mb = channelsPerImage.length;
    byte[] stage = new byte[enc.stride() * mb];
    double[] fast = new double[format.features() * mb];
    double[] reference = new double[format.features() * mb];
    for (int c = 0; c < mb; c++) {
      try (Mat img = random(format.height(), format.width(), channelsPerImage[c], 31 + c)) {
        enc.stage(img, stage, c);
        format.encode(img, reference, mb, c);
      }
    }
    enc.encode(stage, mb, fast);
    assertArrayEquals(reference, fast, 0.0);
  }

  @Test
  void rgbFromGrayBgrAndBgraIsBitForBitInputFormatEncode() {
    sameAsInputFormat(InputFormat.scaled(64, 64, 3), 3, 1, 4, 3, 3);
  }

  @Test
  void standardizedRgbIsBitForBitInputFormatEncode() {
    InputFormat f =
        InputFormat.scaled(7, 5, 3).withNormalization(new double[] {0.4, 0.5, 0.6}, new double[] {0.2, 0.25, 0.3});
    sameAsInputFormat(f, 3, 4, 1);
  }

  @Test
  void grayNetworkTakesGrayDirectlyAndColourThroughInputFormat() {
    InputFormat f = InputFormat.scaled(9, 4, 1).withNormalization(new double[] {0.3}, new double[] {0.7});
    sameAsInputFormat(f, 1, 3, 4);
  }

  @Test
  void imageOfAnotherSizeIsResizedLikeInputFormat() {
    InputFormat f = InputFormat.scaled(8, 8, 3);
    BatchEncoder enc = new BatchEncoder(f);
    byte[] stage = new byte[enc.stride()];
    double[] fast = new double[f.features()];
    double[] reference = new double[f.features()];
    try (Mat img = random(13, 11, 3, 5)) {
      enc.stage(img, stage, 0);
      f.encode(img, reference, 1, 0);
    }
    enc.encode(stage, 1, fast);
    assertArrayEquals(reference, fast, 0.0);
  }

  @Test
  void bgrPixelBecomesRgbScaledOneColumnPerImage() {
    InputFormat f = InputFormat.scaled(1, 1, 3);
    BatchEncoder enc = new BatchEncoder(f);
    byte[] stage = new byte[enc.stride() * 2];
    try (Mat a = new Mat(1, 1, opencv_core.CV_8UC3);
        Mat b = new Mat(1, 1, opencv_core.CV_8UC3)) {
      try (BytePointer p = a.data()) {
        p.put(new byte[] {10, 20, (byte) 255}, 0, 3); // B G R
      }
      try (BytePointer p = b.data()) {
        p.put(new byte[] {0, 51, 102}, 0, 3);
      }
      enc.stage(a, stage, 0);
      enc.stage(b, stage, 1);
    }
    double[] x = new double[6];
    enc.encode(stage, 2, x);
    // rows are features (R, G, B), columns the two images
    assertEquals(1.0, x[0]);
    assertEquals(102 / 255., x[1]);
    assertEquals(20 / 255., x[2]);
    assertEquals(51 / 255., x[3]);
    assertEquals(10 / 255., x[4]);
    assertEquals(0.0, x[5]);
  }
}
