package io.augreg.augment;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Small deterministic test images. */
final class TestImages {
  private TestImages() {}

  /** A w×h image with {@code ch} channels, pixel (x, y, c) = (x·7 + y·13 + c·50 + salt) mod 256. */
  static Mat pattern(int w, int h, int ch, int salt) {
    Mat m = new Mat(h, w, opencv_core.CV_8UC(ch));
    byte[] b = new byte[w * h * ch];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < ch; c++) {
          b[(y * w + x) * ch + c] = (byte) ((x * 7 + y * 13 + c * 50 + salt) & 0xFF);
        }
      }
    }
    try (BytePointer p = m.data()) {
      p.put(b, 0, b.length);
    }
    return m;
  }

  /** A constant image. */
  static Mat constant(int w, int h, int ch, int value) {
    Mat m = new Mat(h, w, opencv_core.CV_8UC(ch));
    byte[] b = new byte[w * h * ch];
    java.util.Arrays.fill(b, (byte) value);
    try (BytePointer p = m.data()) {
      p.put(b, 0, b.length);
    }
    return m;
  }

  /** The packed bytes of an image. */
  static byte[] bytes(Mat m) {
    byte[] b = new byte[Pixels.byteCount(m)];
    Pixels.read(m, b);
    return b;
  }

  /** Pixel value at (x, y, c). */
  static int at(Mat m, int x, int y, int c) {
    return bytes(m)[(y * m.cols() + x) * m.channels() + c] & 0xFF;
  }
}
