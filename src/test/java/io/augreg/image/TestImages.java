package io.augreg.image;

import static org.bytedeco.opencv.global.opencv_core.CV_MAKETYPE;

import java.nio.file.Path;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Small deterministic test images. */
public final class TestImages {
  private TestImages() {}

  /**
   * A {@code w x h} 8-bit image with {@code channels} channels and a position-dependent pattern.
   */
  public static Mat pattern(int w, int h, int channels, int salt) {
    Mat m = new Mat(h, w, CV_MAKETYPE(0, channels));
    try (UByteIndexer ix = m.createIndexer()) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < channels; c++) {
            ix.put(y, x, c, (x * 7 + y * 13 + c * 50 + salt * 31) & 0xFF);
          }
        }
      }
    }
    return m;
  }

  /** Writes a pattern image to {@code file} (format by extension). */
  public static Path write(Path file, int w, int h, int channels, int salt) {
    try (Mat m = pattern(w, h, channels, salt)) {
      new ImageWriter().write(m, file);
    }
    return file;
  }

  /** The pixel bytes of an 8-bit Mat, row-major. */
  public static byte[] pixels(Mat m) {
    byte[] out = new byte[m.rows() * m.cols() * m.channels()];
    try (UByteIndexer ix = m.createIndexer()) {
      int k = 0;
      for (int y = 0; y < m.rows(); y++) {
        for (int x = 0; x < m.cols(); x++) {
          for (int c = 0; c < m.channels(); c++) {
            out[k++] = (byte) ix.get(y, x, c);
          }
        }
      }
    }
    return out;
  }
}
