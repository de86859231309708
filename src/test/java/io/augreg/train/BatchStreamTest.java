package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.augreg.data.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A batch's NHWC rows: transposed from its columns, or copied from the rows a full batch keeps. */
class BatchStreamTest {
  /** 3 features × 5 examples, x[i][j] = 10·i + j. */
  private static DMatrixRMaj columns() {
    DMatrixRMaj x = new DMatrixRMaj(3, 5);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        x.set(i, j, 10 * i + j);
      }
    }
    return x;
  }

  @Test
  void rowsOfASliceAreTheTransposedColumns() {
    BatchStream.Batch b = new BatchStream.Batch(columns(), new double[5], 5);
    double[] buf = new double[6];
    // examples 2 and 3, each as (feature 0, 1, 2)
    assertSame(buf, b.rows(2, 2, buf));
    assertArrayEquals(new double[] {2, 12, 22, 3, 13, 23}, buf, 0.0);
  }

  @Test
  void theFullBatchKeepsItsRowsAndGivesTheSameSlices() {
    DMatrixRMaj x = columns();
    Dataset data = new Dataset(x, new DMatrixRMaj(1, 5));
    BatchStream.Batch full;
    try (FullBatch source = new FullBatch(data); BatchStream.Epoch e = source.epoch(1)) {
      full = e.next();
    }
    BatchStream.Batch plain = new BatchStream.Batch(x, new double[5], 5);
    for (int from = 0; from < 5; from++) {
      for (int n = 1; from + n <= 5; n++) {
        assertArrayEquals(plain.rows(from, n, new double[0]), full.rows(from, n, new double[0]),
            0.0, from + "+" + n);
      }
    }
    assertArrayEquals(new double[] {0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24},
        full.rows(), 0.0);
  }
}
