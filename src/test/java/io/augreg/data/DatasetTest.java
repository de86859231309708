package io.augreg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static DMatrixRMaj x() {
    return new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
  }

  @Test
  void shapesAndDefensiveCopies() {
    DMatrixRMaj x = x();
    DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0, 1, 0}});
    Dataset d = new Dataset(x, y);
    x.set(0, 0, 99);
    y.set(0, 0, 7);
    assertEquals(1.0, d.x().get(0, 0));
    assertEquals(0.0, d.y().get(0, 0));
    assertEquals(3, d.size());
    assertEquals(2, d.features());
  }

  @Test
  void subsetPicksColumnsInOrder() {
    Dataset d = new Dataset(x(), new DMatrixRMaj(new double[][] {{0, 1, 1}}));
    Dataset s = d.subset(new int[] {2, 0, 2});
    assertArrayEquals(new double[] {3, 1, 3, 6, 4, 6}, s.x().data, 0.0);
    assertArrayEquals(new double[] {1, 0, 1}, s.y().data, 0.0);
    assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {3}));
  }

  @Test
  void invalidDataIsAUserError() {
    AugregException e = assertThrows(AugregException.class,
        () -> new Dataset(x(), new DMatrixRMaj(new double[][] {{0, 1}})));
    assertTrue(e.getMessage().contains("examples"), e.getMessage());
    assertThrows(AugregException.class, () -> new Dataset(x(), new DMatrixRMaj(3, 1)));
    DMatrixRMaj nan = x();
    nan.set(1, 2, Double.NaN);
    e = assertThrows(AugregException.class,
        () -> new Dataset(nan, new DMatrixRMaj(new double[][] {{0, 1, 0}})));
    assertTrue(e.getMessage().contains("row 1, column 2"), e.getMessage());
    assertThrows(AugregException.class, () -> new Dataset(null, null));
  }
}
