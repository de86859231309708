package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

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
    if (border == Border.CONSTANT && fill == 0) {
      opencv_core.copyMakeBorder(src, s.padded, top, bottom, left, right,
          opencv_core.BORDER_CONSTANT | opencv_core.BORDER_ISOLATED, s.zero);
    } else {
      try (Scalar v = new Scalar(fill, fill, fill, fill)) {
        opencv_core.copyMakeBorder(src, s.padded, top, bottom, left, right,
            border.cvFlag() | opencv_core.BORDER_ISOLATED, v);
      }
    }
    s.roi.of(s.padded, x + left, y + top, w, h).copyTo(dst);
  }
}
