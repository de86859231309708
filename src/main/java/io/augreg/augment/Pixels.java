package io.augreg.augment;

import io.augreg.core.AugregException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Copies 8-bit pixels between Mats and Java arrays (row by row when a Mat is not continuous). */
final class Pixels {
  private Pixels() {}

  /**
   * Checks that a Mat is a non-empty 8-bit image with 1, 3 or 4 channels.
   *
   * @param m the image
   * @throws AugregException describing the unsupported type
   */
  static void check(Mat m) {
    int type = MatHeader.type(m);
    int cols = MatHeader.cols(m);
    int rows = MatHeader.rows(m);
    // OpenCV type = depth | (channels - 1) << 3, depth in the low 3 bits
    int depth = type & 7;
    int ch = ((type >> 3) & 511) + 1;
    if (cols <= 0 || rows <= 0 || depth != opencv_core.CV_8U || (ch != 1 && ch != 3 && ch != 4)) {
      throw new AugregException(
          "unsupported image: "
              + (cols <= 0 || rows <= 0 ? "empty or not 2-D" : cols + "x" + rows + ", depth " + depth + ", " + ch + " channels")
              + " (expected a non-empty 8-bit image with 1, 3 or 4 channels)");
    }
  }

  /** Number of bytes of the packed pixels: rows * cols * channels. */
  static int byteCount(Mat m) {
    long n = (long) m.rows() * m.cols() * m.channels();
    if (n > Integer.MAX_VALUE) {
      throw new AugregException("image too large: " + m.cols() + "x" + m.rows());
    }
    return (int) n;
  }

  /**
   * Copies the packed pixels of {@code m} into {@code buf[0..byteCount)}.
   *
   * @param m an 8-bit image
   * @param buf a buffer of at least {@link #byteCount} bytes
   */
  static void read(Mat m, byte[] buf) {
    int rowBytes = m.cols() * m.channels();
    try (BytePointer p = m.data()) {
      if (m.isContinuous()) {
        p.get(buf, 0, rowBytes * m.rows());
      } else {
        long step = m.step();
        for (int r = 0; r < m.rows(); r++) {
          p.position(r * step).get(buf, r * rowBytes, rowBytes);
        }
      }
    }
  }

  /**
   * Copies packed pixels into {@code m}, which must already have the right size and type.
   *
   * @param buf packed pixels
   * @param m the destination image
   */
  static void write(byte[] buf, Mat m) {
    int rowBytes = m.cols() * m.channels();
    try (BytePointer p = m.data()) {
      if (m.isContinuous()) {
        p.put(buf, 0, rowBytes * m.rows());
      } else {
        long step = m.step();
        for (int r = 0; r < m.rows(); r++) {
          p.position(r * step).put(buf, r * rowBytes, rowBytes);
        }
      }
    }
  }
}
