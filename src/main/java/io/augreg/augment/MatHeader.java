package io.augreg.augment;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The header fields of a {@code cv::Mat} (type, dims, rows, cols, data, row step), read from the
 * native struct with plain memory loads instead of one JNI call each. A JNI getter costs 20–40 ns
 * on this machine, and a 512 px vertical flip asked for about fifteen of them (0.3–0.6 µs of a
 * 17–19 µs image). Also the JVM's memory-copy intrinsic for the kernels that copy rows ({@link
 * #copy}).
 *
 * <p>The layout is OpenCV 4's on a 64-bit platform: {@code int flags, dims, rows, cols} at bytes
 * 0, 4, 8, 12, {@code uchar* data} at 16, and {@code MatStep step} at 72, whose {@code p} points
 * at its own {@code buf} (byte 80, the row step) for 2-D headers; 96 bytes in all. It is checked
 * once, when this class loads, against the JNI getters on a whole image, a region of interest
 * and a 16-bit image; if anything differs (another OpenCV build), every read goes through JNI.
 */
final class MatHeader {
  /** {@code sizeof(cv::Mat)} of the checked layout. */
  private static final long SIZEOF = 96;

  private static final long FLAGS = 0;
  private static final long DIMS = 4;
  private static final long ROWS = 8;
  private static final long COLS = 12;
  private static final long DATA = 16;
  private static final long STEP_P = 72;
  private static final long STEP_BUF = 80;

  /** {@code CV_MAT_TYPE_MASK}: depth and channels bits of {@code flags}. */
  private static final int TYPE_MASK = 0xFFF;

  /** Unsafe {@code getInt(long)}, {@code getLong(long)} and {@code copyMemory(long, long, long)}. */
  private static final MethodHandle GET_INT;
  private static final MethodHandle GET_LONG;
  private static final MethodHandle COPY;

  static {
    MethodHandle[] h = unsafeHandles();
    GET_INT = h[0];
    GET_LONG = h[1];
    COPY = h[2];
  }

  /** True when the fields are read from native memory (the layout check passed). */
  static final boolean DIRECT = GET_INT != null && GET_LONG != null && layoutMatches();

  private MatHeader() {}

  private static MethodHandle[] unsafeHandles() {
    MethodHandle[] h = new MethodHandle[3];
    try {
      Class<?> unsafe = Class.forName("sun.misc.Unsafe");
      Field f = unsafe.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object u = f.get(null);
      MethodHandles.Lookup l = MethodHandles.lookup();
      h[0] = l.findVirtual(unsafe, "getInt", MethodType.methodType(int.class, long.class)).bindTo(u);
      h[1] = l.findVirtual(unsafe, "getLong", MethodType.methodType(long.class, long.class)).bindTo(u);
      h[2] =
          l.findVirtual(
                  unsafe,
                  "copyMemory",
                  MethodType.methodType(void.class, long.class, long.class, long.class))
              .bindTo(u);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new MethodHandle[3];
    }
    return h;
  }

  /** Compares the direct reads with the JNI getters on three kinds of header. */
  private static boolean layoutMatches() {
    try {
      Loader.load(opencv_core.class);
      if (Loader.sizeof(Mat.class) != SIZEOF) {
        return false;
      }
      try (Mat whole = new Mat(7, 11, opencv_core.CV_8UC3);
          Rect r = new Rect(2, 1, 5, 3);
          Mat roi = new Mat(whole, r);
          Mat deep = new Mat(3, 2, opencv_core.CV_16UC4)) {
        for (Mat m : new Mat[] {whole, roi, deep}) {
          long a = nativeAddress(m);
          if (a == 0
              || readInt(a + FLAGS) != m.flags()
              || readInt(a + DIMS) != m.dims()
              || readInt(a + ROWS) != m.rows()
              || readInt(a + COLS) != m.cols()
              || (readInt(a + FLAGS) & TYPE_MASK) != m.type()
              || readLong(a + DATA) != jniData(m)
              || readLong(a + STEP_P) != a + STEP_BUF
              || readLong(a + STEP_BUF) != m.step()) {
            return false;
          }
        }
      }
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  /** The address of the {@code cv::Mat} struct itself, or 0 for a null or closed Mat. */
  private static long nativeAddress(Mat m) {
    long a = m.address();
    return a == 0 ? 0 : a + m.position() * SIZEOF;
  }

  /**
   * The struct's address when fields are read directly, else 0 (also for a null or closed Mat,
   * whose JNI getter then reports the error).
   */
  private static long direct(Mat m) {
    return DIRECT ? nativeAddress(m) : 0;
  }

  private static int readInt(long address) {
    try {
      return (int) GET_INT.invokeExact(address);
    } catch (Throwable e) {
      throw new IllegalStateException("native read failed", e);
    }
  }

  private static long readLong(long address) {
    try {
      return (long) GET_LONG.invokeExact(address);
    } catch (Throwable e) {
      throw new IllegalStateException("native read failed", e);
    }
  }

  private static long jniData(Mat m) {
    try (BytePointer p = m.data()) {
      return p == null ? 0 : p.address();
    }
  }

  /** Whether {@link #copy} is available (else callers use an OpenCV function instead). */
  static boolean canCopy() {
    return COPY != null;
  }

  /**
   * Copies {@code bytes} bytes of native memory with the JVM's copy intrinsic (the vectorized
   * stub behind {@code System.arraycopy}); the ranges must not overlap.
   *
   * @param from source address
   * @param to destination address
   * @param bytes byte count
   */
  static void copy(long from, long to, long bytes) {
    try {
      COPY.invokeExact(from, to, bytes);
    } catch (Throwable e) {
      throw new IllegalStateException("native copy failed", e);
    }
  }

  /**
   * {@code m.type()}: depth and channels.
   *
   * @param m a Mat
   * @return the OpenCV type, e.g. {@code CV_8UC3}
   */
  static int type(Mat m) {
    long a = direct(m);
    return a != 0 ? readInt(a + FLAGS) & TYPE_MASK : m.type();
  }

  /**
   * {@code m.dims()}.
   *
   * @param m a Mat
   * @return the number of dimensions (0 for an empty Mat)
   */
  static int dims(Mat m) {
    long a = direct(m);
    return a != 0 ? readInt(a + DIMS) : m.dims();
  }

  /**
   * {@code m.rows()}.
   *
   * @param m a Mat
   * @return the row count (-1 for more than 2 dimensions)
   */
  static int rows(Mat m) {
    long a = direct(m);
    return a != 0 ? readInt(a + ROWS) : m.rows();
  }

  /**
   * {@code m.cols()}.
   *
   * @param m a Mat
   * @return the column count (-1 for more than 2 dimensions)
   */
  static int cols(Mat m) {
    long a = direct(m);
    return a != 0 ? readInt(a + COLS) : m.cols();
  }

  /**
   * {@code m.channels()}, from the type.
   *
   * @param m a Mat
   * @return channels per pixel
   */
  static int channels(Mat m) {
    // CV_MAT_CN(type) = ((type >> CV_CN_SHIFT) & (CV_CN_MAX - 1)) + 1
    return ((type(m) >> 3) & 511) + 1;
  }

  /**
   * {@code CV_ELEM_SIZE(type)}: bytes per pixel.
   *
   * @param type an OpenCV type
   * @return channels × bytes of the depth
   */
  static long elemSize(int type) {
    // depth bytes of CV_8U, 8S, 16U, 16S, 32S, 32F, 64F, 16F
    int depthBytes = (0x28442211 >>> ((type & 7) * 4)) & 15;
    return (long) (((type >> 3) & 511) + 1) * depthBytes;
  }

  /**
   * The address of the first pixel, {@code m.data()}.
   *
   * @param m a Mat
   * @return the address, 0 for an empty Mat
   */
  static long data(Mat m) {
    long a = direct(m);
    return a != 0 ? readLong(a + DATA) : jniData(m);
  }

  /**
   * The row step in bytes of a 2-D Mat, {@code m.step()}.
   *
   * @param m a Mat with {@code dims() == 2}
   * @return bytes from one row to the next
   */
  static long step(Mat m) {
    long a = direct(m);
    return a != 0 ? readLong(a + STEP_BUF) : m.step();
  }

  /**
   * {@code m.create(rows, cols, type)} without the JNI call when {@code m} already has that shape
   * (the same test as OpenCV's inline {@code Mat::create}: dims ≤ 2, equal rows, cols and type, and
   * data allocated, in which case it returns at once).
   *
   * @param m the Mat to (re)allocate
   * @param rows rows
   * @param cols columns
   * @param type OpenCV type
   */
  static void create(Mat m, int rows, int cols, int type) {
    long a = direct(m);
    if (a != 0) {
      if (readInt(a + DIMS) <= 2
          && readInt(a + ROWS) == rows
          && readInt(a + COLS) == cols
          && (readInt(a + FLAGS) & TYPE_MASK) == (type & TYPE_MASK)
          && readLong(a + DATA) != 0) {
        return;
      }
    }
    m.create(rows, cols, type);
  }
}
