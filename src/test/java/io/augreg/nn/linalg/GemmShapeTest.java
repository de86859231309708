package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link GemmShape}: dimensions under each transpose, checks, and the empty product. */
class GemmShapeTest {

  @Test
  void readsDimensionsUnderTransposes() {
    DMatrixRMaj a = new DMatrixRMaj(3, 5);
    assertEquals(new GemmShape(3, 2, 5),
        GemmShape.of(false, false, a, new DMatrixRMaj(5, 2), new DMatrixRMaj(3, 2)));
    assertEquals(new GemmShape(5, 2, 3),
        GemmShape.of(true, true, a, new DMatrixRMaj(2, 3), new DMatrixRMaj(5, 2)));
    assertEquals(30, new GemmShape(3, 2, 5).volume());
  }

  @Test
  void rejectsSharedStorage() {
    DMatrixRMaj a = new DMatrixRMaj(2, 2);
    DMatrixRMaj view = DMatrixRMaj.wrap(2, 2, a.data);
    assertThrows(IllegalArgumentException.class,
        () -> GemmShape.of(false, false, a, new DMatrixRMaj(2, 2), view));
  }

  @Test
  void emptyProductScalesOrClears() {
    DMatrixRMaj c = new DMatrixRMaj(new double[][] {{Double.NaN, 2}});
    assertFalse(new GemmShape(1, 2, 3).finishIfEmpty(0, c));
    assertTrue(new GemmShape(1, 2, 0).finishIfEmpty(0, c));
    assertEquals(0.0, c.get(0, 0), 0);
    c.set(0, 1, 2);
    assertTrue(new GemmShape(1, 2, 0).finishIfEmpty(3, c));
    assertEquals(6.0, c.get(0, 1), 0);
    assertTrue(new GemmShape(0, 2, 4).finishIfEmpty(3, new DMatrixRMaj(0, 2)));
  }
}
