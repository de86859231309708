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
  private final Precision precision;
  private Pointer pointer;
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

  /** Ensures room for {@code elements} values (contents undefined) and returns the memory. */
  Pointer reserve(long elements) {
    if (elements > capacity) {
      close();
      // Own scope: the memory must not join a PointerScope the caller has open (closing that
      // would free it under us). The extra reference is ours and released by close().
      PointerScope guard = new PointerScope();
      try {
        Pointer p = precision == Precision.DOUBLE
            ? new DoublePointer(elements)
            : new FloatPointer(elements);
        pointer = p.retainReference();
      } finally {
        guard.close();
      }
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

  /** Native bytes currently held. */
  long bytes() {
    return capacity * (precision == Precision.DOUBLE ? Double.BYTES : Float.BYTES);
  }

  /** Frees the native memory now; the buffer may be reused (it allocates again on demand). */
  @Override
  public void close() {
    if (pointer != null) {
      pointer.releaseReference();
      pointer = null;
      staging = new float[0];
      capacity = 0;
    }
  }
}
