package io.augreg.nn.linalg;

/**
 * A block of native (off-heap) memory that a {@link NativeGemm} computes on, in that kernel's
 * precision: the caller fills it from the Java heap with {@link #put}, multiplies blocks with
 * {@link NativeGemm#gemm}, and reads results back with {@link #get} or {@link #addTo}. Blocks
 * belong to their kernel and are freed when it is closed; not thread-safe.
 */
public final class NativeBlock {
  private final NativeBuffer buffer;
  private final Precision precision;
  private long capacity;

  NativeBlock(Precision precision) {
    this.buffer = new NativeBuffer(precision);
    this.precision = precision;
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
    put(0, src, from, len);
  }

  /**
   * Copies {@code src[from, from + len)} to the block's values {@code [at, at + len)} (rounded to
   * float in float precision).
   *
   * @param at first value of the block written
   * @param src heap values
   * @param from first index in {@code src}
   * @param len values, {@code at + len} at most {@link #capacity()}
   */
  public void put(long at, double[] src, int from, int len) {
    check(at, len);
    buffer.put(at, src, from, len);
  }

  /**
   * Float blocks: copies {@code src[from, from + len)} to the block's values {@code [at, at +
   * len)} unchanged (no conversion pass: a caller that produces floats writes them directly).
   *
   * @param at first value of the block written
   * @param src heap values
   * @param from first index in {@code src}
   * @param len values, {@code at + len} at most {@link #capacity()}
   * @throws IllegalStateException if this block holds doubles
   */
  public void put(long at, float[] src, int from, int len) {
    checkFloat();
    check(at, len);
    buffer.put(at, src, from, len);
  }

  /**
   * Copies the block's first {@code len} values to {@code dst[from, from + len)}.
   *
   * @param dst heap destination
   * @param from first index in {@code dst}
   * @param len values, at most {@link #capacity()}
   */
  public void get(double[] dst, int from, int len) {
    get(0, dst, from, len);
  }

  /**
   * Copies the block's values {@code [at, at + len)} to {@code dst[from, from + len)}.
   *
   * @param at first value of the block read
   * @param dst heap destination
   * @param from first index in {@code dst}
   * @param len values, {@code at + len} at most {@link #capacity()}
   */
  public void get(long at, double[] dst, int from, int len) {
    check(at, len);
    buffer.get(at, dst, from, len);
  }

  /**
   * Float blocks: copies the block's values {@code [at, at + len)} to {@code dst[from, from +
   * len)} unchanged.
   *
   * @param at first value of the block read
   * @param dst heap destination
   * @param from first index in {@code dst}
   * @param len values, {@code at + len} at most {@link #capacity()}
   * @throws IllegalStateException if this block holds doubles
   */
  public void get(long at, float[] dst, int from, int len) {
    checkFloat();
    check(at, len);
    buffer.get(at, dst, from, len);
  }

  /**
   * The precision of the values this block holds.
   *
   * @return double or float
   */
  public Precision precision() {
    return precision;
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
    check(0, len);
  }

  /** Checks that the values {@code [at, at + len)} lie in the block. */
  void check(long at, long len) {
    if (at < 0 || len < 0 || at + len > capacity) {
      throw new IndexOutOfBoundsException("values [" + at + ", " + (at + len)
          + ") do not fit a block of " + capacity);
    }
  }

  private void checkFloat() {
    if (precision != Precision.FLOAT) {
      throw new IllegalStateException("float values for a " + precision + " block");
    }
  }

  void close() {
    buffer.close();
    capacity = 0;
  }
}
