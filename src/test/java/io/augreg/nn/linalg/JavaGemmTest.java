package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** JavaGemm against EJML's reference products, for every transpose and awkward sizes. */
class JavaGemmTest {
  private static DMatrixRMaj random(int r, int c, SplittableRandom rng) {
    DMatrixRMaj m = new DMatrixRMaj(r, c);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rng.nextGaussian();
    }
    return m;
  }

  private static DMatrixRMaj op(DMatrixRMaj m, boolean t) {
    return t ? CommonOps_DDRM.transpose(m, null) : m;
  }

  @Test
  void allTransposesAndSizes() {
    SplittableRandom rng = new SplittableRandom(1);
    Gemm g = new JavaGemm();
    int[][] shapes = {{1, 1, 1}, {3, 20, 211}, {20, 2, 211}, {5, 7, 3}, {2, 9, 1}, {7, 4, 13}};
    for (int[] s : shapes) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          int r = s[0];
          int p = s[1];
          int c = s[2];
          DMatrixRMaj a = ta ? random(p, r, rng) : random(r, p, rng);
          DMatrixRMaj b = tb ? random(c, p, rng) : random(p, c, rng);
          DMatrixRMaj c0 = random(r, c, rng);
          DMatrixRMaj expected = new DMatrixRMaj(r, c);
          CommonOps_DDRM.mult(op(a, ta), op(b, tb), expected);
          // C = 0.5·op(A)·op(B) + 2·C0
          CommonOps_DDRM.add(0.5, expected, 2, c0, expected);
          DMatrixRMaj got = c0.copy();
          g.gemm(ta, tb, 0.5, a, b, 2, got);
          assertArrayEquals(expected.data, got.data, 1e-12, ta + " " + tb + " " + r + "x" + p);
        }
      }
    }
    assertEquals("java", g.name());
  }

  @Test
  void largeOperandsBypassTheCachedScratch() {
    SplittableRandom rng = new SplittableRandom(2);
    DMatrixRMaj a = random(3, 1100, rng);
    DMatrixRMaj b = random(1100, 1100, rng);
    DMatrixRMaj expected = new DMatrixRMaj(3, 1100);
    CommonOps_DDRM.mult(a, b, expected);
    DMatrixRMaj got = new DMatrixRMaj(3, 1100);
    new JavaGemm().gemm(false, false, 1, a, b, 0, got);
    assertArrayEquals(expected.data, got.data, 1e-10);
    DMatrixRMaj tt = new DMatrixRMaj(3, 1100);
    new JavaGemm().gemm(false, true, 1, a, b, 0, tt);
    CommonOps_DDRM.multTransB(a, b, expected);
    assertArrayEquals(expected.data, tt.data, 1e-10);
  }

  @Test
  void betaZeroIgnoresNaNAndShapesAreChecked() {
    Gemm g = new JavaGemm();
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}});
    DMatrixRMaj b = new DMatrixRMaj(new double[][] {{3}, {4}});
    DMatrixRMaj c = new DMatrixRMaj(new double[][] {{Double.NaN}});
    g.gemm(false, false, 1, a, b, 0, c);
    assertEquals(11.0, c.get(0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> g.gemm(false, false, 1, a, a, 0, new DMatrixRMaj(1, 2)));
    DMatrixRMaj sq = new DMatrixRMaj(2, 2);
    assertThrows(IllegalArgumentException.class, () -> g.gemm(false, false, 1, sq, sq, 0, sq));
  }
}
