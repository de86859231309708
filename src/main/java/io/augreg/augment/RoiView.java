package io.augreg.augment;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A reusable OpenCV header over a rectangle of another 8-bit Mat. {@code src.apply(rect)} would
 * allocate a native header per call, and every JavaCPP allocation takes a global lock and reads
 * the process's resident size; this view re-points one header instead. The header is the same as
 * {@code new Mat(h, w, type, data + y·step + x·elemSize, step)}: a header over user data that never
 * frees it.
 */
final class RoiView implements AutoCloseable {
  private Mat header;
  private long step = -1;
  private int type = -1;

  /**
   * The rectangle (x, y, w, h) of {@code src}, valid until the next call or until {@code src}
   * changes.
   */
  Mat of(Mat src, int x, int y, int w, int h) {
    long st = src.step();
    int ty = src.type();
    int esz = ((ty >> 3) & 511) + 1; // 8-bit: one byte per channel
    try (BytePointer data = src.data()) {
      long start = y * st + (long) x * esz;
      if (header == null || st != step || ty != type) {
        if (header != null) {
          header.close();
        }
        header = new Mat(h, w, ty, data.position(start), st);
        step = st;
        type = ty;
        return header;
      }
      long end = start + (h - 1) * st + (long) w * esz;
      header.rows(h);
      header.cols(w);
      header.data(data.position(start));
      header.datastart(data);
      header.dataend(data.position(end));
      header.datalimit(data);
      // flags as the constructor sets them: magic value, type, continuity
      int continuous = h == 1 || (long) w * esz == st ? Mat.CONTINUOUS_FLAG : 0;
      header.flags(Mat.MAGIC_VAL | ty | continuous);
      return header;
    }
  }

  @Override
  public void close() {
    if (header != null) {
      header.close();
      header = null;
    }
  }
}
