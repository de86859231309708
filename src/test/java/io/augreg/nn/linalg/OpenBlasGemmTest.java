package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenBlasGemm}: double (1 and 2 threads) to 1e-12 and float to 1e-4 against the naive
 * reference; resident operands; native memory released.
 */
class OpenBlasGemmTest extends GemmContract {
  private final OpenBlasGemm gemm = new OpenBlasGemm();

  @Override
  Gemm gemm() {
    return gemm;
  }

  @Override
  double tolerance() {
    return 1e-12;
  }

  @AfterEach
  void release() {
    gemm.close();
  }

  /** The same contract on two OpenBLAS threads. */
  @Nested
  class TwoThreads extends GemmContract {
    private final OpenBlasGemm two = new OpenBlasGemm(2, Precision.DOUBLE);

    @Override
    Gemm gemm() {
      return two;
    }

    @Override
    double tolerance() {
      return 1e-12;
    }

    @AfterEach
    void releaseTwo() {
      two.close();
    }
  }

  /** The contract in float32, to 1e-4 relative. */
  @Nested
  class Float32 extends GemmContract {
    private final OpenBlasGemm single = new OpenBlasGemm(1, Precision.FLOAT);

    @Override
    Gemm gemm() {
      return single;
    }

    @Override
    double tolerance() {
      return 1e-4;
    }

    @AfterEach
    void releaseSingle() {
      single.close();
    }

    @Test
    void isReallyFloat() {
      // 1 + 2^-30 is not representable in float: the float path must lose it.
      DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1 + Math.scalb(1.0, -30)}});
      DMatrixRMaj c = new DMatrixRMaj(1, 1);
      single.gemm(false, false, 1, a, new DMatrixRMaj(new double[][] {{1}}), 0, c);
      assertEquals(1.0, c.get(0, 0), 0);
      assertEquals("openblas-f32-1t", single.name());
    }
  }

  private static DMatrixRMaj expected(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual) {
    for (int i = 0; i < expected.data.length; i++) {
      assertEquals(expected.data[i], actual.data[i], 1e-12 * (1 + Math.abs(expected.data[i])));
    }
  }

  @Test
  void residentOperandIsReadFromItsNativeCopyUntilRefreshed() {
    SplittableRandom rnd = new SplittableRandom(7);
    DMatrixRMaj w = random(4, 30, rnd);
    DMatrixRMaj x = random(30, 9, rnd);
    DMatrixRMaj z = new DMatrixRMaj(4, 9);
    DMatrixRMaj before = expected(w, x);
    try (ResidentMatrix resident = gemm.keepResident(x)) {
      gemm.gemm(false, false, 1, w, x, 0, z);
      assertClose(before, z);
      // Changed in place without refresh: the product still sees the resident copy.
      CommonOps_DDRM.scale(2, x);
      gemm.gemm(false, false, 1, w, x, 0, z);
      assertClose(before, z);
      resident.refresh();
      gemm.gemm(false, false, 1, w, x, 0, z);
      assertClose(expected(w, x), z);
      // Used transposed as well (dW = dZ · Xᵀ).
      DMatrixRMaj dz = random(4, 9, rnd);
      DMatrixRMaj dw = new DMatrixRMaj(4, 30);
      gemm.gemm(false, true, 1, dz, x, 0, dw);
      DMatrixRMaj dwRef = new DMatrixRMaj(4, 30);
      CommonOps_DDRM.multTransB(dz, x, dwRef);
      assertClose(dwRef, dw);
      // New storage (reshape to a larger size) is detected and copied again.
      x.reshape(30, 12);
      for (int i = 0; i < x.data.length; i++) {
        x.data[i] = rnd.nextDouble();
      }
      DMatrixRMaj z2 = new DMatrixRMaj(4, 12);
      gemm.gemm(false, false, 1, w, x, 0, z2);
      assertClose(expected(w, x), z2);
    }
    // Closed: the product reads the heap matrix again.
    CommonOps_DDRM.scale(-1, x);
    DMatrixRMaj z3 = new DMatrixRMaj(4, 12);
    gemm.gemm(false, false, 1, w, x, 0, z3);
    assertClose(expected(w, x), z3);
  }

  @Test
  void nativeMemoryIsReleasedByCloseAndByClosingResidents() {
    long before = Pointer.totalBytes();
    OpenBlasGemm local = new OpenBlasGemm();
    SplittableRandom rnd = new SplittableRandom(3);
    DMatrixRMaj a = random(50, 400, rnd);
    DMatrixRMaj b = random(400, 60, rnd);
    local.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(50, 60));
    long scratch = (50 * 400 + 400 * 60 + 50 * 60) * 8L;
    assertEquals(scratch, local.nativeBytes());
    ResidentMatrix resident = local.keepResident(b);
    assertEquals(scratch + 400 * 60 * 8L, local.nativeBytes());
    // (slack: the garbage collector may free unrelated JavaCPP objects meanwhile)
    assertTrue(Pointer.totalBytes() - before >= local.nativeBytes() - 4096);
    resident.close();
    resident.close();
    assertEquals(scratch, local.nativeBytes());
    local.keepResident(a);
    local.close();
    assertEquals(0, local.nativeBytes());
    assertTrue(Pointer.totalBytes() <= before, "JavaCPP still holds native memory");
    assertThrows(IllegalStateException.class,
        () -> local.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(50, 60)));
  }

  @Test
  void buffersOutliveACallersPointerScope() {
    SplittableRandom rnd = new SplittableRandom(11);
    DMatrixRMaj a = random(6, 40, rnd);
    DMatrixRMaj b = random(40, 5, rnd);
    DMatrixRMaj c = new DMatrixRMaj(6, 5);
    ResidentMatrix resident;
    PointerScope callers = new PointerScope();
    try {
      resident = gemm.keepResident(b);
      gemm.gemm(false, false, 1, a, b, 0, c);
    } finally {
      callers.close();
    }
    // Same shapes again: scratch and resident copy are reused after the caller's scope closed.
    CommonOps_DDRM.scale(3, a);
    gemm.gemm(false, false, 1, a, b, 0, c);
    assertClose(expected(a, b), c);
    resident.close();
  }

  @Test
  void staleScratchNeverLeaksIntoBetaZero() {
    DMatrixRMaj a = new DMatrixRMaj(2, 2);
    Arrays.fill(a.data, Double.NaN);
    DMatrixRMaj c = new DMatrixRMaj(2, 2);
    gemm.gemm(false, false, 1, a, CommonOps_DDRM.identity(2), 0, c);
    assertTrue(Double.isNaN(c.data[0]));
    DMatrixRMaj ones = new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}});
    gemm.gemm(false, false, 1, ones, ones, 0, c);
    assertEquals(2.0, c.get(1, 1), 0);
  }

  @Test
  void rejectsResidentOutputAndBadThreadCount() {
    DMatrixRMaj c = new DMatrixRMaj(2, 2);
    gemm.keepResident(c);
    assertThrows(IllegalArgumentException.class,
        () -> gemm.gemm(false, false, 1, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), 0, c));
    assertThrows(IllegalArgumentException.class, () -> new OpenBlasGemm(0, Precision.DOUBLE));
  }

  @Test
  void reportsConfiguration() {
    assertEquals(1, gemm.threads());
    assertEquals(Precision.DOUBLE, gemm.precision());
    assertEquals("openblas-1t", gemm.name());
    assertFalse(gemm.nativeBytes() < 0);
  }

  @Test
  void nativeBlocksMultiplyLikeTheHeapPathInAllTransposes() {
    SplittableRandom r = new SplittableRandom(5);
    int m = 7;
    int n = 5;
    int k = 9;
    for (Precision p : Precision.values()) {
      try (OpenBlasGemm g = new OpenBlasGemm(1, p)) {
        assertTrue(g.nativeFor(m, n, k) == g);
        for (boolean ta : new boolean[] {false, true}) {
          for (boolean tb : new boolean[] {false, true}) {
            DMatrixRMaj a = random(ta ? k : m, ta ? m : k, r);
            DMatrixRMaj b = random(tb ? n : k, tb ? k : n, r);
            DMatrixRMaj c = random(m, n, r);
            DMatrixRMaj expected = c.copy();
            new JavaGemm().gemm(ta, tb, 0.5, a, b, 2, expected);
            NativeBlock na = g.block(0, a.getNumElements());
            NativeBlock nb = g.block(1, b.getNumElements());
            NativeBlock nc = g.block(2, c.getNumElements());
            na.put(a.data, 0, a.getNumElements());
            nb.put(b.data, 0, b.getNumElements());
            nc.put(c.data, 0, c.getNumElements());
            g.gemm(ta, tb, m, n, k, 0.5, na, nb, 2, nc);
            double[] got = new double[m * n + 1];
            nc.get(got, 1, m * n);
            double tol = p == Precision.DOUBLE ? 1e-12 : 1e-5;
            for (int i = 0; i < m * n; i++) {
              assertEquals(expected.data[i], got[i + 1], tol * (1 + Math.abs(expected.data[i])));
            }
            double[] sum = new double[m * n];
            Arrays.fill(sum, 1);
            nc.addTo(sum, 0, m * n);
            assertEquals(got[1] + 1, sum[0], tol * (2 + Math.abs(got[1])));
          }
        }
        NativeBlock small = g.block(3, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> small.put(new double[8], 0, 8));
        assertThrows(IllegalArgumentException.class,
            () -> g.gemm(false, false, 4, 4, 4, 1, small, small, 0, g.block(4, 16)));
        assertThrows(IllegalArgumentException.class, () -> g.block(NativeGemm.BLOCKS, 1));
        assertTrue(g.nativeBytes() > 0);
      }
    }
    assertFalse(new JavaGemm().nativeFor(2, 2, 2) != null);
  }
}
