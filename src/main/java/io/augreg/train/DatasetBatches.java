package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Network;
import org.ejml.data.DMatrixRMaj;

/**
 * An in-memory {@link BatchStream} without augmentation: every epoch visits the examples in a new
 * order (Fisher–Yates with the generator {@code Seeds.generator(seed, "SHUF", epoch)}), copied
 * batch by batch into one reused buffer. Its {@link #asRows() rows} view keeps the examples as
 * NHWC rows (one transposed copy of the set, made once), and a batch names its examples' rows in
 * it ({@link Batch#rowIndex()}) instead of copying them: the threads of the slice executor copy
 * whole rows of their own slices, in parallel, rather than the training thread gathering single
 * values from every feature's row of the columns.
 */
public final class DatasetBatches implements BatchStream {
  private static final long SHUFFLE_KEY = 0x5348_5546L; // "SHUF"

  private final DMatrixRMaj x;
  private final double[] y;
  private final int batchSize;
  private final long seed;
  private final DMatrixRMaj bx;
  private final double[] by;
  /** The examples as rows (m × features), or null for columns. */
  private final double[] xr;
  /** A batch's examples: their rows in {@link #xr}, or null for columns. */
  private final int[] bindex;

  /**
   * @param data the examples (columns)
   * @param batchSize examples per batch, &gt;= 1 (0 = all)
   * @param seed shuffling seed
   */
  public DatasetBatches(Dataset data, int batchSize, long seed) {
    if (batchSize < 0) {
      throw new AugregException("--batch must be >= 1, got " + batchSize);
    }
    this.x = data.x();
    this.y = data.y().data.clone();
    int m = data.size();
    this.batchSize = batchSize == 0 ? m : Math.min(batchSize, m);
    this.seed = seed;
    this.bx = new DMatrixRMaj(x.numRows, this.batchSize);
    this.by = new double[this.batchSize];
    this.xr = null;
    this.bindex = null;
  }

  /** The rows view of {@code columns}: the same examples, batches and orders. */
  private DatasetBatches(DatasetBatches columns, double[] rows) {
    this.x = columns.x;
    this.y = columns.y;
    this.batchSize = columns.batchSize;
    this.seed = columns.seed;
    this.bx = null;
    this.by = new double[batchSize];
    this.xr = rows;
    this.bindex = new int[batchSize];
  }

  /**
   * The same batches as NHWC rows, from a transposed copy of the examples; this stream itself
   * when that copy would take more than half of the heap still free (the columns then stay the
   * only copy).
   */
  @Override
  public BatchStream asRows() {
    if (xr != null) {
      return this;
    }
    long bytes = 8L * x.numRows * x.numCols;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free / 2) {
      return this;
    }
    double[] rows = new double[x.numRows * x.numCols];
    Network.columnsToRows(x.data, x.numCols, 0, x.numCols, x.numRows, rows);
    return new DatasetBatches(this, rows);
  }

  @Override
  public int size() {
    return y.length;
  }

  @Override
  public int features() {
    return x.numRows;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Epoch epoch(int epoch) {
    return batches(Seeds.permutation(y.length, Seeds.generator(seed, SHUFFLE_KEY, epoch)));
  }

  @Override
  public Epoch clean() {
    int[] order = new int[y.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return batches(order);
  }

  private Epoch batches(int[] order) {
    return new Epoch() {
      private int next;

      @Override
      public Batch next() {
        if (next >= order.length) {
          return null;
        }
        int n = Math.min(batchSize, order.length - next);
        int f = x.numRows;
        int m = x.numCols;
        for (int j = 0; j < n; j++) {
          by[j] = y[order[next + j]];
        }
        if (xr != null) {
          // example j of the batch: row order[next + j] of xr
          System.arraycopy(order, next, bindex, 0, n);
          next += n;
          return new Batch(null, by, n, null, xr, bindex);
        }
        // bx[:, j] = x[:, order[next + j]]
        for (int i = 0; i < f; i++) {
          int src = i * m;
          int dst = i * batchSize;
          for (int j = 0; j < n; j++) {
            bx.data[dst + j] = x.data[src + order[next + j]];
          }
        }
        next += n;
        return new Batch(bx, by, n);
      }

      @Override
      public void close() {
        next = order.length;
      }
    };
  }

  @Override
  public void close() {}
}
