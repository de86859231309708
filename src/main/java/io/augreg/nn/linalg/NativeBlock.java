package io.augreg.nn.linalg;

/**
 * A block of native (off-heap) memory that a {@link NativeGemm} computes on, in that kernel's
 * precision: the caller fills it from the Java heap with {@link #put}, multiplies blocks with
 * {@link NativeGemm#gemm}, and reads results back with {@link #get} or {@link #addTo}. Blocks
 * belong to their kernel and are freed when it is closed; not thread-safe.
 */
public final class NativeBlock {
  private final NativeBuffer buffer;
  private long capacity;

  NativeBlock(Precision precision) {
    this.buffer = new NativeBuffer(precision);
  }

  /** Ensures room for {@code elements} values; growing discards the contents. */
  void reserve(long elements) {
    if (elements > capacity) {
      buffer.reserve(elements);
      capacity = elements;
    }
  }

  NativeBuffer buffer() {
    return buffer;
  }

  /** Values this block can hold. */
  public long capacity() {
    return capacity;
  }

  /**
   * Copies {@code src[from, from + len)} to the block's first {@code len} values (rounded to float
   * in float precision).
   *
   * @param src heap values
   * @param from first index in {@code src}
   * @param len values, at most {@link #capacity()}
   */
  public void put(double[] src, int from, int len) {
    check(len);
    buffer.put(src, from, len);
  }

  /**
   * Copies the block's first {@code len} values to {@code dst[from, from + len)}.
   *
   * @param dst heap destination
   * @param from first index in {@code dst}
   * @param len values, at most {@link #capacity()}
   */
  public void get(double[] dst, int from, int len) {
    check(len);
    buffer.get(dst, from, len);
  }

  /**
   * Adds the block's first {@code len} values to {@code dst[from, from + len)}.
   *
   * @param dst heap destination
   * @param from first index in {@code dst}
   * @param len values, at most {@link #capacity()}
   */
  public void addTo(double[] dst, int from, int len) {
    check(len);
    buffer.addTo(dst, from, len);
  }

  private void check(long len) {
    if (len < 0 || len > capacity) {
      throw new IndexOutOfBoundsException(len + " values do not fit a block of " + capacity);
    }
  }

  void close() {
    buffer.close();
    capacity = 0;
  }
}
