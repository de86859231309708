package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link NativeBuffer}: round trips in both precisions, reuse, and release. */
class NativeBufferTest {

  @Test
  void doubleRoundTripIsExact() {
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1.0 / 3, -2e-300}, {Math.PI, 7}});
    try (NativeBuffer buf = new NativeBuffer(Precision.DOUBLE)) {
      buf.load(m);
      DMatrixRMaj back = new DMatrixRMaj(2, 2);
      buf.store(back);
      assertArrayEquals(m.data, back.data, 0);
      assertEquals(32, buf.bytes());
    }
  }

  @Test
  void floatRoundTripRoundsToFloat() {
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1.0 / 3, 1 + Math.scalb(1.0, -30)}});
    try (NativeBuffer buf = new NativeBuffer(Precision.FLOAT)) {
      buf.load(m);
      DMatrixRMaj back = new DMatrixRMaj(1, 2);
      buf.store(back);
      assertEquals((float) (1.0 / 3), back.get(0, 0), 0);
      assertEquals(1.0, back.get(0, 1), 0);
      assertEquals(8, buf.bytes());
    }
  }

  @Test
  void survivesAnEnclosingPointerScopeAndIsFreedByClose() {
    long before = Pointer.totalBytes();
    NativeBuffer buf = new NativeBuffer(Precision.DOUBLE);
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2, 3}});
    Pointer p;
    PointerScope outer = new PointerScope();
    try {
      p = buf.load(m);
    } finally {
      outer.close();
    }
    assertFalse(p.isNull(), "closing the caller's scope freed the buffer");
    assertEquals(1, p.referenceCount());
    DMatrixRMaj back = new DMatrixRMaj(1, 3);
    buf.store(back);
    assertArrayEquals(m.data, back.data, 0);
    buf.close();
    assertTrue(p.isNull());
    assertTrue(Pointer.totalBytes() <= before, "native memory not released");
  }

  @Test
  void buffersOfAHugePageOrMoreStartOnA2MbBoundaryAndHoldTheirValues() {
    long before = Pointer.totalBytes();
    for (Precision precision : Precision.values()) {
      int size = precision == Precision.DOUBLE ? Double.BYTES : Float.BYTES;
      // sizes around the threshold and odd lengths: every buffer of 2 MB or more is aligned
      for (long elements : new long[] {NativeBuffer.HUGE_PAGE / size, 1_234_567, 3_000_001}) {
        try (NativeBuffer buf = new NativeBuffer(precision)) {
          Pointer p = buf.reserve(elements);
          assertEquals(0, p.address() % NativeBuffer.HUGE_PAGE, precision + " " + elements);
          assertEquals(elements * size, buf.bytes());
          // the last huge page the values touch lies inside the allocation (written whole here)
          long end = p.address() + ceil(elements * size, NativeBuffer.HUGE_PAGE);
          assertTrue(end <= buf.allocationEnd(), precision + " " + elements);
          Pointer.memset(p, 1, end - p.address());
          // the last values round-trip
          int n = 1000;
          long at = elements - n;
          float[] f = new float[n];
          double[] d = new double[n];
          for (int i = 0; i < n; i++) {
            f[i] = i + 0.5f;
            d[i] = -i - 0.25;
          }
          if (precision == Precision.FLOAT) {
            buf.put(at, f, 0, n);
            float[] back = new float[n];
            buf.get(at, back, 0, n);
            assertArrayEquals(f, back, 0);
          } else {
            buf.put(at, d, 0, n);
            double[] back = new double[n];
            buf.get(at, back, 0, n);
            assertArrayEquals(d, back, 0);
          }
          buf.close();
          assertTrue(p.isNull(), "a closed buffer's memory reads as null");
        }
      }
    }
    assertTrue(Pointer.totalBytes() <= before, "native memory not released");
    // a small buffer is not padded
    try (NativeBuffer small = new NativeBuffer(Precision.FLOAT)) {
      Pointer p = small.reserve(1000);
      assertEquals(p.address() + 4000, small.allocationEnd());
    }
  }

  private static long ceil(long bytes, long page) {
    return (bytes + page - 1) / page * page;
  }

  @Test
  void reusesMemoryUntilLargerAndReleasesOnClose() {
    long before = Pointer.totalBytes();
    NativeBuffer buf = new NativeBuffer(Precision.DOUBLE);
    Pointer first = buf.reserve(1000);
    assertSame(first, buf.reserve(10));
    assertTrue(Pointer.totalBytes() >= before + 8000);
    buf.reserve(2000);
    assertEquals(16000, buf.bytes());
    buf.close();
    assertEquals(0, buf.bytes());
    assertTrue(Pointer.totalBytes() <= before, "native memory not released");
    buf.close();
  }
}
