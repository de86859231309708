package io.augreg.train;

import io.augreg.nn.BatchSync;
import io.augreg.nn.Dense;
import io.augreg.nn.Flatten;
import io.augreg.nn.Layer;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Network;
import io.augreg.nn.LayerStack;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The slice executor: each batch of m examples is split into {@code threads} contiguous slices;
 * every thread runs its slice forward and backward on its own layer instances ({@link LayerStack})
 * and product kernel (Java below the measured threshold, OpenBLAS above), bound to the shared
 * weights; after a barrier every worker adds the gradient sums of all slices (in slice order) over
 * its own share of the parameters and takes the optimizer step on that share.
 */
final class SliceExecutor implements Executor {
  private final List<Worker> workers = new ArrayList<>();
  private final SliceCrew crew;
  private final BatchSync sync;

  /** The batch whose values never change (full-batch training), or null. */
  private BatchStream.Batch fixed;

  /** Per-thread state: layers, product kernel, NHWC rows of its slice. */
  private static final class Worker {
    final Gemm gemm;
    final LayerStack stack;
    /** The first layer if it is dense (behind flattens only), else null. */
    final Dense first;
    double[] rows = new double[0];
    /** The fixed batch and slice whose values {@link #rows} holds, or null. */
    BatchStream.Batch rowsOf;
    int rowsFrom;
    int rowsCount;
    /** Input features per example. */
    final int features;

    Worker(Gemm gemm, LayerStack stack) {
      this.gemm = gemm;
      this.stack = stack;
      this.features = stack.layers().get(0).in().size();
      Dense d = null;
      for (Layer l : stack.layers()) {
        if (l instanceof Dense dense) {
          d = dense;
        }
        if (!(l instanceof Flatten)) {
          break;
        }
      }
      this.first = d;
    }

    /**
     * The NHWC rows of examples [from, from + n) of the batch: a batch of consecutive rows itself
     * for the first slice (no copy), else {@link #rows} holding them (each worker copies its own
     * slice); for the fixed batch the rows of the last call are kept when they are these (no
     * copy), and the first dense layer keeps its native copy of them as well.
     */
    double[] rows(BatchStream.Batch bt, BatchStream.Batch fixed, int from, int n) {
      if (bt.rows() != null) {
        rowsOf = null;
        if (from == 0 && bt.rowIndex() == null) {
          return bt.rows();
        }
        int f = features;
        rows = rows.length >= n * f ? rows : new double[n * f];
        bt.copyRows(from, n, f, rows);
        return rows;
      }
      if (bt == fixed && rowsOf == bt && rowsFrom == from && rowsCount == n) {
        if (first != null) {
          first.reuseInput();
        }
        return rows;
      }
      rows = SliceExecutor.rows(bt, from, n, rows);
      rowsOf = bt == fixed ? bt : null;
      rowsFrom = from;
      rowsCount = n;
      return rows;
    }
  }

  /**
   * @param net the network (its architecture)
   * @param live the live parameter values
   * @param threads worker threads, &gt;= 1
   * @param precision of the large products
   * @param referenceMasks the dropout layers take the lesson's reference masks
   */
  SliceExecutor(Network net, List<double[]> live, int threads, Precision precision,
      boolean referenceMasks) {
    crew = new SliceCrew(threads);
    sync = new BatchSync(threads);
    try {
      for (int t = 0; t < threads; t++) {
        Gemm g = newGemm(precision);
        LayerStack stack = net.stack(live, g, sync, t);
        workers.add(new Worker(g, stack));
        if (referenceMasks) {
          stack.useReferenceMasks();
        }
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** The product kernel of one worker: Java below the measured threshold, OpenBLAS above. */
  private static Gemm newGemm(Precision precision) {
    if (!Gemms.openBlasAvailable()) {
      return new JavaGemm();
    }
    return new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision), Gemms.DEFAULT_THRESHOLD);
  }

  @Override
  public List<Param> params() {
    return workers.get(0).stack.params();
  }

  @Override
  public int evalBatch() {
    return 64;
  }

  @Override
  public void close() {
    crew.close();
    for (Worker w : workers) {
      if (w.gemm instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * Forward and backward of one batch, split across the workers, then the optimizer step, also
   * split: after a barrier every worker sums the gradients of all slices (in slice order, into
   * worker 0's) over its own share of the parameters and updates that share, unless the loss is
   * not finite (divergence: no update).
   */
  @Override
  public double step(BatchStream.Batch bt, Pass pass, ParamOptimizer optimizer, boolean cost) {
    int total = bt.size();
    int parts = Math.min(workers.size(), total);
    double[] losses = new double[parts];
    sync.begin(parts);
    optimizer.begin(total);
    List<Param> sum = workers.get(0).stack.params();
    long count = optimizer.size();
    runSlices(parts, total, (w, from, n) -> {
      Worker wk = workers.get(w);
      try {
        wk.stack.zeroGrads();
        wk.stack.forward(wk.rows(bt, fixed, from, n), n, pass.slice(from));
        losses[w] = bt.targets() == null ? wk.stack.loss(bt.y(), from, n)
            : wk.stack.softLoss(bt.targets(), from, n);
        wk.stack.backward(n);
        if (parts > 1) {
          // every slice's gradients and loss are complete past this point
          crew.await();
        }
        if (Double.isFinite(sum(losses))) {
          long lo = count * w / parts;
          long hi = count * (w + 1) / parts;
          reduce(parts, sum, lo, hi);
          optimizer.update(lo, hi);
        }
      } catch (RuntimeException | Error e) {
        // the other slices may wait for this one's batch-norm statistics or gradients
        sync.abort();
        throw e;
      }
    });
    double loss = sum(losses);
    if (Double.isFinite(loss)) {
      optimizer.end();
      changed();
    }
    return loss;
  }

  @Override
  public boolean takesRows() {
    return true;
  }

  @Override
  public void fixedBatch(BatchStream.Batch batch) {
    fixed = batch;
  }

  /** Tells every worker's layers that the live parameter values changed. */
  @Override
  public void changed() {
    for (Worker w : workers) {
      w.stack.parametersChanged();
    }
  }

  /** Σ losses, summed in slice order. */
  private static double sum(double[] losses) {
    double loss = 0;
    for (double l : losses) {
      loss += l;
    }
    return loss;
  }

  /**
   * Adds the gradients of workers 1 … parts − 1 into worker 0's, in worker order, for the values
   * {@code [lo, hi)} of the parameters laid end to end.
   */
  private void reduce(int parts, List<Param> sum, long lo, long hi) {
    long start = 0;
    for (int p = 0; p < sum.size() && start < hi; p++) {
      double[] a = sum.get(p).grad();
      int from = (int) Math.max(0, lo - start);
      int to = (int) Math.min(a.length, hi - start);
      start += a.length;
      for (int w = 1; w < parts && from < to; w++) {
        double[] b = workers.get(w).stack.params().get(p).grad();
        // g_0 += g_w
        for (int i = from; i < to; i++) {
          a[i] += b[i];
        }
      }
    }
  }

  @Override
  public double[] evaluate(BatchStream.Epoch all) {
    LayerStack first = workers.get(0).stack;
    int outputs = first.layers().get(first.layers().size() - 1).out().channels();
    double cost = 0;
    double correct = 0;
    int n = 0;
    try (all) {
      for (BatchStream.Batch next = all.next(); next != null; next = all.next()) {
        BatchStream.Batch bt = next;
        int total = bt.size();
        int parts = Math.min(workers.size(), total);
        double[][] part = new double[parts][2];
        runSlices(parts, total, (w, from, count) -> {
          Worker wk = workers.get(w);
          double[] z = wk.stack.forward(wk.rows(bt, fixed, from, count), count, Pass.INFERENCE);
          part[w][1] = correct(z, bt.y(), from, count, outputs);
          part[w][0] = wk.stack.loss(bt.y(), from, count);
        });
        for (double[] p : part) {
          cost += p[0];
          correct += p[1];
        }
        n += total;
      }
    }
    return new double[] {cost / n, correct / n};
  }

  /** Correct predictions among logits (n × k): binary z &gt; 0 (p &gt; 0.5), else arg max. */
  static int correct(double[] z, double[] y, int from, int n, int k) {
    int c = 0;
    for (int j = 0; j < n; j++) {
      int label;
      if (k == 1) {
        label = z[j] > 0 ? 1 : 0;
      } else {
        label = 0;
        for (int i = 1; i < k; i++) {
          if (z[j * k + i] > z[j * k + label]) {
            label = i;
          }
        }
      }
      if (label == (int) y[from + j]) {
        c++;
      }
    }
    return c;
  }

  /** NHWC rows of batch columns [from, from + n). */
  private static double[] rows(BatchStream.Batch bt, int from, int n, double[] buf) {
    int f = bt.x().numRows;
    double[] out = buf.length >= n * f ? buf : new double[n * f];
    Network.columnsToRows(bt.x().data, bt.x().numCols, from, n, f, out);
    return out;
  }

  private interface Slice {
    void run(int worker, int from, int n);
  }

  /** Runs slice w of [0, total) on worker w: slice 0 on the calling thread, the others on the crew. */
  private void runSlices(int parts, int total, Slice body) {
    // slice w: examples [total·w/parts, total·(w+1)/parts)
    crew.run(parts, w -> {
      int from = (int) ((long) total * w / parts);
      int to = (int) ((long) total * (w + 1) / parts);
      body.run(w, from, to - from);
    });
  }
}
