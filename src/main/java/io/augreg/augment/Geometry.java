package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Shared geometry kernels: a crop box that may reach outside the image (padded there). */
final class Geometry {
  private Geometry() {}

  /**
   * {@code dst = src[y .. y+h, x .. x+w]}, where the box may reach outside {@code src}; outside
   * pixels are filled by {@code border} ({@code constant}: {@code fill} in every channel, alpha
   * included).
   */
  static void cropPadded(Mat src, Mat dst, int x, int y, int w, int h, Border border, int fill) {
    int sw = src.cols();
    int sh = src.rows();
    int left = Math.max(0, -x);
    int top = Math.max(0, -y);
    int right = Math.max(0, x + w - sw);
    int bottom = Math.max(0, y + h - sh);
    Scratch s = Scratch.get();
    if (left + top + right + bottom == 0) {
      s.roi.of(src, x, y, w, h).copyTo(dst);
      return;
    }
    // the box is the whole padded image (pad, zoomout, a padded crop of the full size): pad into dst
    boolean whole = x == -left && y == -top && w == sw + left + right && h == sh + top + bottom;
    Mat padded = whole ? dst : s.padded;
    if (border == Border.CONSTANT && fill == 0) {
      opencv_core.copyMakeBorder(src, padded, top, bottom, left, right,
          opencv_core.BORDER_CONSTANT | opencv_core.BORDER_ISOLATED, s.zero);
    } else {
      opencv_core.copyMakeBorder(src, padded, top, bottom, left, right,
          border.cvFlag() | opencv_core.BORDER_ISOLATED, s.scalar(fill, fill, fill, fill));
    }
    if (!whole) {
      s.roi.of(s.padded, x + left, y + top, w, h).copyTo(dst);
    }
  }

  /**
   * {@code dst = src} with the colour channels of the box {@code [x, x+bw) × [y, y+bh)} (clipped)
   * set to {@code values} (alpha kept): OpenCV's copy and region fill.
   */
  static void fillBox(Mat src, Mat dst, int x, int y, int bw, int bh, double[] values) {
    src.copyTo(dst);
    fillRegion(dst, x, y, bw, bh, values);
  }

  /**
   * Sets the colour channels of the box {@code [x, x+bw) × [y, y+bh)} (clipped) of {@code dst} to
   * {@code values} in place (alpha kept): OpenCV's region fill.
   */
  static void fillRegion(Mat dst, int x, int y, int bw, int bh, double[] values) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(dst.cols(), x + bw);
    int y1 = Math.min(dst.rows(), y + bh);
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    Mat roi = Scratch.get().roi.of(dst, x0, y0, x1 - x0, y1 - y0);
    if (dst.channels() == 4) {
      // keep alpha: fill B, G, R through a mask-free channel mix would allocate; write per row
      int w = x1 - x0;
      byte[] row = Scratch.get().bytesA(w * 4);
      for (int r = 0; r < y1 - y0; r++) {
        try (org.bytedeco.javacpp.BytePointer p = roi.ptr(r)) {
          p.get(row, 0, w * 4);
          for (int i = 0; i < w; i++) {
            row[4 * i] = (byte) values[0];
            row[4 * i + 1] = (byte) values[1];
            row[4 * i + 2] = (byte) values[2];
          }
          p.put(row, 0, w * 4);
        }
      }
      return;
    }
    roi.put(Scratch.get().scalar(values[0], values[1], values[2], 0));
  }
}
