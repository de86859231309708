package io.augreg.data;

import io.augreg.core.AugregException;
import org.ejml.data.DMatrixRMaj;

/**
 * A frozen in-memory data set, one example per column: {@code x} is (features × m) and {@code y}
 * is (1 × m) holding labels (0/1 for a binary output, class indices 0..k−1 for softmax).
 *
 * <p>The constructor validates the shapes and that every value is finite, and stores defensive
 * copies. The accessors {@link #x()} and {@link #y()} return the stored matrices without copying
 * (data sets can be large): callers must not modify them.
 *
 * @param x inputs, features × m
 * @param y labels, 1 × m
 */
public record Dataset(DMatrixRMaj x, DMatrixRMaj y) {

  /** Validates and copies. */
  public Dataset {
    if (x == null || y == null) {
      throw new AugregException("a data set needs both inputs x and labels y");
    }
    if (y.numRows != 1) {
      throw new AugregException("labels y must be one row (1 x m), got " + y.numRows + "x" + y.numCols);
    }
    if (x.numCols != y.numCols) {
      throw new AugregException(
          "x has "
              + x.numCols
              + " examples (columns) but y has "
              + y.numCols
              + "; examples must be columns in both");
    }
    if (x.numRows < 1) {
      throw new AugregException("x must have at least one feature (row)");
    }
    checkFinite(x, "x");
    checkFinite(y, "y");
    x = x.copy();
    y = y.copy();
  }

  private static void checkFinite(DMatrixRMaj a, String name) {
    int n = a.getNumElements();
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(a.data[i])) {
        throw new AugregException(
            name
                + " contains a non-finite value ("
                + a.data[i]
                + ") at row "
                + i / a.numCols
                + ", column "
                + i % a.numCols);
      }
    }
  }

  /** The number of examples m. */
  public int size() {
    return x.numCols;
  }

  /** The number of features (rows of x). */
  public int features() {
    return x.numRows;
  }

  /**
   * The examples at the given column indices, in that order (repeats allowed).
   *
   * @param columns indices in [0, m)
   * @return a new data set
   */
  public Dataset subset(int[] columns) {
    int n = x.numRows;
    int m = x.numCols;
    DMatrixRMaj xs = new DMatrixRMaj(n, columns.length);
    DMatrixRMaj ys = new DMatrixRMaj(1, columns.length);
    for (int c = 0; c < columns.length; c++) {
      int j = columns[c];
      if (j < 0 || j >= m) {
        throw new IndexOutOfBoundsException("column " + j + " not in [0, " + m + ")");
      }
      ys.data[c] = y.data[j];
    }
    for (int i = 0; i < n; i++) {
      int src = i * m;
      int dst = i * columns.length;
      for (int c = 0; c < columns.length; c++) {
        xs.data[dst + c] = x.data[src + columns[c]];
      }
    }
    return new Dataset(xs, ys);
  }
}
