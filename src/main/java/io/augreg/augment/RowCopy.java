package io.augreg.augment;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Vertical flip of large images by whole-row copies through the JVM's memory-copy intrinsic
 * ({@code Unsafe.copyMemory}, compiled to the same vectorized copy stub as {@code
 * System.arraycopy}): two sequential streams instead of {@code cv::flip}'s four (it walks the rows
 * from both ends at once with 16-byte moves). Measured per CPU second, photos resized to N×N×3:
 * 256 px 1.05–1.29× and 512 px 1.00–1.18× the rate of {@code cv::flip}, but slower below about
 * 128 KB (128 px: 0.81–0.95×, 64 px: 0.73×) where the two native calls per image dominate, hence
 * {@link #MIN_BYTES}. The bytes are identical to {@code cv::flip}'s.
 *
 * <p>The copy method is looked up reflectively once; where it is not available the caller falls
 * back to {@code cv::flip}.
 */
final class RowCopy {
  /** Images smaller than this (rows × row bytes) are left to {@code cv::flip}. */
  static final long MIN_BYTES = 128 * 1024;

  /** {@code (long fromAddress, long toAddress, long bytes) -> void}, or null if unavailable. */
  private static final MethodHandle COPY = findCopy();

  private RowCopy() {}

  private static MethodHandle findCopy() {
    try {
      Class<?> unsafe = Class.forName("sun.misc.Unsafe");
      Field f = unsafe.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return MethodHandles.lookup()
          .findVirtual(unsafe, "copyMemory",
              MethodType.methodType(void.class, long.class, long.class, long.class))
          .bindTo(f.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * {@code dst} row y = {@code src} row (rows − 1 − y), if this path applies: the copy method is
   * available, the image has at least {@link #MIN_BYTES} and {@code dst} (created with src's size
   * and type) does not share memory with {@code src}.
   *
   * @param src a 2-D image
   * @param dst the destination (created or reused)
   * @return false if nothing was done (the caller uses {@code cv::flip})
   */
  static boolean flipVertical(Mat src, Mat dst) {
    // two native calls decide for small images, which cv::flip does faster
    if (COPY == null || src.total() * src.elemSize() < MIN_BYTES || src.dims() != 2) {
      return false;
    }
    int rows = src.rows();
    long rowBytes = src.cols() * src.elemSize();
    dst.create(rows, src.cols(), src.type());
    long from;
    long to;
    try (BytePointer s = src.data();
        BytePointer d = dst.data()) {
      from = s.address();
      to = d.address();
    }
    long srcStep = src.step();
    long dstStep = dst.step();
    long srcEnd = from + (rows - 1) * srcStep + rowBytes;
    long dstEnd = to + (rows - 1) * dstStep + rowBytes;
    if (from == 0 || to == 0 || (from < dstEnd && to < srcEnd)) {
      return false; // in place or overlapping: cv::flip handles it
    }
    try {
      for (int y = 0; y < rows; y++) {
        // dst row y <- src row rows−1−y
        COPY.invokeExact(from + (rows - 1 - y) * srcStep, to + y * dstStep, rowBytes);
      }
    } catch (Throwable e) {
      throw new IllegalStateException("row copy failed", e);
    }
    return true;
  }
}
