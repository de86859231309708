package io.augreg.augment;

import org.bytedeco.opencv.global.opencv_core;

/**
 * Sets OpenCV's internal thread pool to one thread, once: augreg parallelizes across images, and
 * OpenCV's per-call parallelism only adds overhead and contention for small images.
 */
final class OpenCvThreads {
  private static volatile boolean done;

  private OpenCvThreads() {}

  /** Calls {@code cv::setNumThreads(1)} the first time. */
  static void single() {
    if (!done) {
      synchronized (OpenCvThreads.class) {
        if (!done) {
          opencv_core.setNumThreads(1);
          done = true;
        }
      }
    }
  }
}
