package io.augreg.nn.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.ejml.data.DMatrixRMaj;

/**
 * Native (off-heap) memory that holds one BLAS operand, in double or float. It grows when a larger
 * matrix is loaded and is otherwise reused, so repeated products of the same shapes allocate
 * nothing. Released by {@link #close()}, never left to the garbage collector, and never attached
 * to a {@link PointerScope} the caller may have open. Not thread-safe.
 */
final class NativeBuffer implements AutoCloseable {
  /**
   * The size of a transparent huge page on x86-64 (2 MB). A buffer of at least this many bytes
   * starts on a multiple of it and ends a whole page inside its allocation ({@link #reserve}).
   */
  static final long HUGE_PAGE = 2L << 20;
  private final Precision precision;
  /** The values: {@link #owned} itself, or a view into it that starts on a huge page. */
  private Pointer pointer;
  /** The allocation, which {@link #close()} releases. */
  private Pointer owned;
  private long capacity;
  /**
   * Float precision: heap staging for the conversion, then one bulk copy (faster than a view);
   * allocated on first use, so buffers filled only from {@code float[]} never hold one.
   */
  private float[] staging = new float[0];
  /** Double precision: heap staging for {@link #addTo}, grown on demand. */
  private double[] doubleStaging = new double[0];

  NativeBuffer(Precision precision) {
    this.precision = precision;
  }

  /**
   * Ensures room for {@code elements} values (contents undefined) and returns the memory.
   *
   * <p>A buffer of at least {@link #HUGE_PAGE} bytes is allocated two huge pages longer and used
   * from its first 2 MB boundary on, so that every 2 MB of it can be one transparent huge page of
   * the kernel's (where the allocation is marked for them: {@code madvise} mode, which the launcher
   * asks glibc's malloc for, see {@code cli.JvmOptions.tunables}; or {@code always} mode): the first
   * write to a fresh 2 MB then costs one page fault instead of 512 (measured on the 2-core EPYC
   * VM: 11 µs per 4 KB fault, 165 ms for the 56 MB that the small CNN's first training step
   * touches). The extra 4 MB are address space: the part before the boundary is never written,
   * and only the huge page that the values end in is backed past their end.
   */
  Pointer reserve(long elements) {
    if (elements > capacity) {
      close();
      int size = bytesPerValue();
      boolean huge = elements * size >= HUGE_PAGE;
      long room = huge ? elements + 2 * HUGE_PAGE / size : elements;
      // Own scope: the memory must not join a PointerScope the caller has open (closing that
      // would free it under us). The extra reference is ours and released by close().
      PointerScope guard = new PointerScope();
      try {
        Pointer p = precision == Precision.DOUBLE ? new DoublePointer(room) : new FloatPointer(room);
        owned = p.retainReference();
      } finally {
        guard.close();
      }
      // the values start at the first multiple of HUGE_PAGE (a view: owned keeps the memory)
      long skip = huge ? Math.floorMod(-owned.address(), HUGE_PAGE) / size : 0;
      pointer = skip == 0 ? owned : owned.getPointer(skip);
      capacity = elements;
    }
    return pointer;
  }

  /** The float staging array with room for {@code len} values. */
  private float[] staging(int len) {
    if (staging.length < len) {
      staging = new float[len];
    }
    return staging;
  }

  /** Copies {@code m}'s values (row-major) to native memory, rounding to float if so configured. */
  Pointer load(DMatrixRMaj m) {
    int size = m.getNumElements();
    reserve(size);
    if (precision == Precision.DOUBLE) {
      ((DoublePointer) pointer).put(m.data, 0, size);
    } else {
      double[] d = m.data;
      float[] f = staging(size);
      // f[i] = (float) m[i]
      for (int i = 0; i < size; i++) {
        f[i] = (float) d[i];
      }
      ((FloatPointer) pointer).put(f, 0, size);
    }
    return pointer;
  }

  /** Copies the first {@code m.getNumElements()} native values back into {@code m}. */
  void store(DMatrixRMaj m) {
    int size = m.getNumElements();
    if (precision == Precision.DOUBLE) {
      ((DoublePointer) pointer).get(m.data, 0, size);
    } else {
      double[] d = m.data;
      float[] f = staging(size);
      ((FloatPointer) pointer).get(f, 0, size);
      // m[i] = (double) f[i]
      for (int i = 0; i < size; i++) {
        d[i] = f[i];
      }
    }
  }

  /**
   * Copies {@code src[from, from + len)} to the native values {@code [at, at + len)} (rounding to
   * float if so configured); the buffer must already hold {@code at + len} values ({@link
   * #reserve}).
   */
  void put(long at, double[] src, int from, int len) {
    if (precision == Precision.DOUBLE) {
      DoublePointer p = (DoublePointer) pointer;
      try {
        p.position(at).put(src, from, len);
      } finally {
        p.position(0);
      }
    } else {
      float[] f = staging(len);
      // f[i] = (float) src[from + i]
      for (int i = 0; i < len; i++) {
        f[i] = (float) src[from + i];
      }
      put(at, f, 0, len);
    }
  }

  /**
   * Float precision: copies {@code src[from, from + len)} to the native values {@code [at, at +
   * len)} as they are.
   */
  void put(long at, float[] src, int from, int len) {
    FloatPointer p = (FloatPointer) pointer;
    try {
      p.position(at).put(src, from, len);
    } finally {
      p.position(0);
    }
  }

  /** Copies the native values {@code [at, at + len)} to {@code dst[from, from + len)}. */
  void get(long at, double[] dst, int from, int len) {
    if (precision == Precision.DOUBLE) {
      DoublePointer p = (DoublePointer) pointer;
      try {
        p.position(at).get(dst, from, len);
      } finally {
        p.position(0);
      }
    } else {
      float[] f = staging(len);
      get(at, f, 0, len);
      // dst[from + i] = (double) f[i]
      for (int i = 0; i < len; i++) {
        dst[from + i] = f[i];
      }
    }
  }

  /** Float precision: copies the native values {@code [at, at + len)} to {@code dst[from, from + len)}. */
  void get(long at, float[] dst, int from, int len) {
    FloatPointer p = (FloatPointer) pointer;
    try {
      p.position(at).get(dst, from, len);
    } finally {
      p.position(0);
    }
  }

  /** The native memory starting at value {@code at} (a new view when {@code at > 0}). */
  Pointer at(long at) {
    return at == 0 ? pointer : pointer.getPointer(at);
  }

  /** Adds the first {@code len} native values to {@code dst[from, from + len)}. */
  void addTo(double[] dst, int from, int len) {
    if (precision == Precision.DOUBLE) {
      if (doubleStaging.length < len) {
        doubleStaging = new double[len];
      }
      double[] d = doubleStaging;
      ((DoublePointer) pointer).get(d, 0, len);
      // dst[from + i] += d[i]
      for (int i = 0; i < len; i++) {
        dst[from + i] += d[i];
      }
    } else {
      float[] f = staging(len);
      ((FloatPointer) pointer).get(f, 0, len);
      // dst[from + i] += f[i]
      for (int i = 0; i < len; i++) {
        dst[from + i] += f[i];
      }
    }
  }

  /** The address just past the allocation (0 when none): what the values may use at most. */
  long allocationEnd() {
    if (owned == null) {
      return 0;
    }
    return owned.address() + owned.capacity() * bytesPerValue();
  }

  /** Native bytes currently held. */
  long bytes() {
    return capacity * bytesPerValue();
  }

  private int bytesPerValue() {
    return precision == Precision.DOUBLE ? Double.BYTES : Float.BYTES;
  }

  /** Frees the native memory now; the buffer may be reused (it allocates again on demand). */
  @Override
  public void close() {
    if (pointer != null) {
      owned.releaseReference();
      // a view into the freed memory reads as null too, as the allocation itself does
      pointer.setNull();
      owned = null;
      pointer = null;
      staging = new float[0];
      capacity = 0;
    }
  }
}
