package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmBench}'s states (the JMH harness itself runs only from {@code bench/gemm.sh}): every
 * path computes the same product, and the native ones release their memory.
 */
class GemmBenchTest {

  @Test
  void everyPathComputesTheProduct() {
    for (String shape : new String[] {"7x5x9", "6x4x8T"}) {
      GemmBench.Shape s = GemmBench.Shape.parse(shape);
      DMatrixRMaj[] o = s.operands();
      DMatrixRMaj ref = new DMatrixRMaj(s.m(), s.n());
      if (s.transB()) {
        CommonOps_DDRM.multTransB(o[0], o[1], ref);
      } else {
        CommonOps_DDRM.mult(o[0], o[1], ref);
      }
      for (String kernel : new String[] {"ejml", "java"}) {
        GemmBench.Heap h = new GemmBench.Heap();
        h.kernel = kernel;
        h.shape = shape;
        h.setUp();
        h.run();
        assertArrayEquals(ref.data, h.o[2].data, 1e-12, kernel + " " + shape);
      }
      if (!Gemms.openBlasAvailable()) {
        continue;
      }
      long before = Pointer.totalBytes();
      for (String operands : new String[] {"copies", "resident", "native"}) {
        for (String precision : new String[] {"DOUBLE", "FLOAT"}) {
          GemmBench.Blas b = new GemmBench.Blas();
          b.operands = operands;
          b.precision = precision;
          b.threads = 1;
          b.shape = shape;
          b.setUp();
          try {
            b.run();
            double tol = precision.equals("FLOAT") ? 1e-5 : 1e-12;
            assertArrayEquals(ref.data, b.result().data, tol, operands + " " + precision);
          } finally {
            b.tearDown();
          }
        }
      }
      assertTrue(Pointer.totalBytes() <= before,
          "bench left native memory allocated: " + (Pointer.totalBytes() - before) + " bytes");
    }
  }

  @Test
  void shapesParseAndCountFlops() {
    GemmBench.Shape s = GemmBench.Shape.parse("20x12288x209T");
    assertEquals(new GemmBench.Shape(20, 12288, 209, true), s);
    assertEquals(2.0 * 20 * 12288 * 209, s.flops(), 0);
    assertThrows(IllegalArgumentException.class, () -> GemmBench.Shape.parse("20x209"));
  }
}
