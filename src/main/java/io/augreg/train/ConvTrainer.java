package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Loss;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.BatchSync;
import io.augreg.nn.conv.ConvFootprint;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.conv.ConvStack;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mini-batch training of a {@link ConvNet} from a {@link BatchStream} (in memory or augmented on
 * the fly), with the engine's optimizers, penalties, early stopping and diagnosis.
 *
 * <p>Each mini-batch of m examples is split into {@code threads} contiguous slices; every thread
 * runs its slice forward and backward on its own layer instances and product kernel, bound to the
 * shared weights; the gradient sums are then added and one optimizer step is taken: {@code g =
 * (1/m)·(ΣdW + λ2·W + λ1·sign W) + wd·W} for kernels and dense weights, {@code g = (1/m)·Σdb +
 * wd·b} for biases and batch-normalization parameters (never L2/L1-penalized). The weight decay wd
 * is exactly PyTorch's {@code Adam(weight_decay = wd)}; λ2 alone is {@code weight_decay = λ2/m} on
 * the kernels and weights only. Dropout masks depend on
 * (seed, epoch, batch, layer, example) only, so the result does not depend on the thread count
 * beyond floating-point summation order. Batch normalization is synchronized across the slices
 * ({@link BatchSync}, like PyTorch's {@code SyncBatchNorm}): every slice normalizes with the whole
 * mini-batch's mean and variance, and the running statistics are updated once per batch from them,
 * so that too is independent of the thread count.
 *
 * <p>Every recorded epoch measures train cost/accuracy on the un-augmented examples and dev
 * cost/accuracy (inference mode); that time is not counted in {@link
 * ConvTrainResult#samplesPerSecond()}.
 */
public final class ConvTrainer {
  private static final long DROPOUT_KEY = 0x4452_4F50L; // "DROP"

  private final TrainConfig config;
  private final int threads;
  private final Precision precision;

  /**
   * @param config optimizer, learning rate, epochs, l2/l1, early stopping, seed (keepProb is not
   *     used: dropout is part of the architecture)
   * @param threads worker threads, &gt;= 1
   * @param precision of the large products (OpenBLAS); small ones stay in double Java
   */
  public ConvTrainer(TrainConfig config, int threads, Precision precision) {
    if (config == null || precision == null) {
      throw new IllegalArgumentException("config and precision are required");
    }
    if (threads < 1) {
      throw new AugregException("--threads must be >= 1, got " + threads);
    }
    this.config = config;
    this.threads = threads;
    this.precision = precision;
  }

  /**
   * Rejects, before anything is allocated, a network that cannot be trained in this JVM: an array
   * longer than Java allows, or an estimated footprint ({@link ConvFootprint#checkTraining}:
   * parameters, a gradient set per thread, Adam's moments, copies, the activations of a batch)
   * above {@code Runtime.maxMemory()}.
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param outputs output units
   * @param examples training examples (the batch when the configuration says full batch)
   * @throws AugregException naming {@code --arch}, the largest layer, the parameter count and the
   *     heap
   */
  public void checkFits(Architecture arch, Shape input, int outputs, int examples) {
    boolean full = config.batchSize() == 0 || config.optimizer() == Optimizer.GD;
    int batch = full ? examples : Math.min(config.batchSize(), Math.max(examples, 1));
    ConvFootprint.of(arch, input, outputs).checkTraining(batch, threads,
        Runtime.getRuntime().maxMemory());
  }

  /** The product kernel of one worker: Java below the measured threshold, OpenBLAS above. */
  private Gemm newGemm() {
    if (!Gemms.openBlasAvailable()) {
      return new JavaGemm();
    }
    return new AdaptiveGemm(new JavaGemm(), new OpenBlasGemm(1, precision), Gemms.DEFAULT_THRESHOLD);
  }

  private static void close(Gemm g) {
    if (g instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Per-thread state: layers, product kernel, NHWC rows of its slice. */
  private static final class Worker {
    final Gemm gemm;
    final ConvStack stack;
    final BatchSync sync;
    double[] rows = new double[0];

    Worker(Gemm gemm, ConvStack stack, BatchSync sync) {
      this.gemm = gemm;
      this.stack = stack;
      this.sync = sync;
    }
  }

  /**
   * Trains from {@code initial} (never modified).
   *
   * @param initial the starting network
   * @param source training batches (not closed here); their size is the mini-batch size (the
   *     configuration's {@code batchSize} is for whoever builds the source)
   * @param dev dev set, may be null
   * @param listener called after each recorded epoch, may be null
   * @return the result
   */
  public ConvTrainResult train(ConvNet initial, BatchStream source, Dataset dev,
      TrainingListener listener) {
    return train(initial, source, dev, listener, Checkpointing.none());
  }

  /**
   * Trains from {@code initial} (never modified) with checkpoints: writes the {@link
   * TrainingState} when {@code checkpoints} says so, continues from the state it was given
   * ({@link Checkpointing#resumeFrom}; the result then equals the uninterrupted run's bit for
   * bit), and stops with {@link StopReason#INTERRUPTED} at the end of the mini-batch during which
   * {@link Checkpointing#requestStop()} was called, after writing a checkpoint.
   *
   * @param initial the starting network (also when resuming: the run's initial network)
   * @param source training batches (not closed here)
   * @param dev dev set, may be null
   * @param listener called after each recorded epoch, may be null
   * @param checkpoints when and where to write checkpoints, and what to resume from
   * @return the result
   */
  public ConvTrainResult train(ConvNet initial, BatchStream source, Dataset dev,
      TrainingListener listener, Checkpointing checkpoints) {
    long start = System.nanoTime();
    int features = initial.input().size();
    if (source.features() != features) {
      throw new AugregException("training inputs have " + source.features()
          + " features, the network expects " + features + " (" + initial.input() + ")");
    }
    if (dev != null) {
      if (dev.features() != features) {
        throw new AugregException("dev set has " + dev.features() + " features, the network expects " + features);
      }
      Loss.checkLabels(initial.output(), dev.y().data, dev.size(), initial.outputs());
    }
    checkFits(initial.architecture(), initial.input(), initial.outputs(), source.size());
    EpochLog log = new EpochLog(config.epochs(), config.earlyStopping(), dev != null, listener);
    List<double[]> live = initial.parameters();
    List<Worker> workers = new ArrayList<>();
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, daemon()) : null;
    BatchSync sync = new BatchSync(threads);
    try {
      for (int t = 0; t < threads; t++) {
        Gemm g = newGemm();
        workers.add(new Worker(g, initial.stack(live, g, sync, t), sync));
      }
      return run(initial, source, dev, log, live, workers, pool, start, checkpoints);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
      for (Worker w : workers) {
        close(w.gemm);
      }
    }
  }

  private ConvTrainResult run(ConvNet initial, BatchStream source, Dataset dev, EpochLog log,
      List<double[]> live, List<Worker> workers, ExecutorService pool, long start,
      Checkpointing ck) {
    List<Param> params = workers.get(0).stack.params();
    Adam adam = new Adam(params);
    List<double[]> best = copy(live);
    // copies the live parameters into the best ones (the log runs it when an epoch is kept)
    Runnable keepBest = () -> copyInto(live, best);
    long trainNanos = 0;
    long samples = 0;
    int m = source.size();
    // checkpoints: a resumed run continues at the saved (epoch, batch) with the saved state
    TrainingState from = ck.begin(live, best, log, m, dev == null ? 0 : dev.size(),
        TrainingState.configOf(config, threads, precision));
    int first = 1;
    int skip = 0;
    if (from != null) {
      adam.restore(from);
      changed(workers);
      first = from.epoch();
      skip = from.batch();
      trainNanos = from.trainNanos();
      samples = from.samples();
    }
    int epoch;
    for (epoch = first; epoch <= config.epochs(); epoch++) {
      boolean diverged = false;
      boolean stop = false;
      int bi = epoch == first ? skip : 0;
      long t0 = System.nanoTime();
      try (BatchStream.Epoch batches = source.epoch(epoch, bi)) {
        for (BatchStream.Batch bt = batches.next(); bt != null; bt = batches.next(), bi++) {
          Pass pass = Pass.training(Seeds.mix(config.seed(), DROPOUT_KEY, epoch, bi));
          double loss = step(bt, pass, workers, pool, adam);
          if (!Double.isFinite(loss)) {
            diverged = true;
            break;
          }
          samples += bt.size();
          if (ck.stopRequested()) {
            stop = true;
            bi++;
            break;
          }
        }
      }
      trainNanos += System.nanoTime() - t0;
      if (diverged) {
        log.diverged(epoch);
        break;
      }
      if (stop) {
        adam.checkpoint(ck, epoch, bi, samples, trainNanos);
        log.interrupted();
        break;
      }
      boolean record = epoch % config.evalEvery() == 0 || epoch == config.epochs();
      if (!record) {
        if (adam.checkpointDue(ck, epoch, samples, trainNanos)) {
          log.interrupted();
          break;
        }
        continue;
      }
      double[] train = evaluate(source.clean(), workers, pool);
      // J_train = clean mean cross-entropy + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| + (wd/2)·Σθ²
      double trainCost = train[0] + penalty(params, m);
      double devCost = Double.NaN;
      double devAcc = Double.NaN;
      if (dev != null) {
        double[] d = evaluate(new DatasetBatches(dev, 64, 0).clean(), workers, pool);
        devCost = d[0];
        devAcc = d[1];
      }
      if (log.record(new EpochRecord(epoch, trainCost, devCost, train[1], devAcc), keepBest)) {
        break;
      }
      if (adam.checkpointDue(ck, epoch, samples, trainNanos)) {
        log.interrupted();
        break;
      }
    }
    ck.finish();
    EpochLog.Returned returned = log.settle(epoch);
    if (returned != EpochLog.Returned.LAST) {
      // the best snapshot, or the initial parameters when the run diverged before keeping one
      copyInto(returned == EpochLog.Returned.BEST ? best : initial.parameters(), live);
      changed(workers);
    }
    ConvNet model = initial.withParameters(live);
    double trainError = 1 - evaluate(source.clean(), workers, pool)[1];
    double devError = Double.NaN;
    if (dev != null) {
      devError = 1 - evaluate(new DatasetBatches(dev, 64, 0).clean(), workers, pool)[1];
    }
    Diagnosis diagnosis = Diagnosis.of(trainError, devError, config.baseError(),
        config.biasThreshold(), config.varianceThreshold());
    double trainSeconds = trainNanos / 1e9;
    return new ConvTrainResult(model, log.history(), log.bestEpoch(), log.stopEpoch(),
        log.reason(), log.lastCost(), (System.nanoTime() - start) / 1e9, trainSeconds,
        samples / trainSeconds, diagnosis);
  }

  /**
   * Forward and backward of one batch, split across the workers, then the optimizer step, also
   * split: after a barrier every worker sums the gradients of all slices (in slice order, into
   * worker 0's) over its own share of the parameters and updates that share, unless the loss is
   * not finite (divergence: no update).
   *
   * @return the batch's mean loss
   */
  private double step(BatchStream.Batch bt, Pass pass, List<Worker> workers, ExecutorService pool,
      Adam adam) {
    int total = bt.size();
    int parts = Math.min(workers.size(), total);
    double[] losses = new double[parts];
    BatchSync sync = workers.get(0).sync;
    sync.begin(parts);
    adam.begin(total);
    List<Param> sum = workers.get(0).stack.params();
    long count = adam.size();
    runSlices(parts, total, pool, (w, from, n) -> {
      Worker wk = workers.get(w);
      try {
        wk.stack.zeroGrads();
        wk.rows = rows(bt, from, n, wk.rows);
        wk.stack.forward(wk.rows, n, pass.slice(from));
        losses[w] = wk.stack.loss(bt.y(), from, n, total);
        wk.stack.backward(n);
        if (parts > 1) {
          // every slice's gradients and loss are complete past this point
          sync.await();
        }
        if (Double.isFinite(mean(losses, total))) {
          long lo = count * w / parts;
          long hi = count * (w + 1) / parts;
          reduce(workers, parts, sum, lo, hi);
          adam.update(lo, hi);
        }
      } catch (RuntimeException | Error e) {
        // the other slices may wait for this one's batch-norm statistics or gradients
        sync.abort();
        throw e;
      }
    });
    double loss = mean(losses, total);
    if (Double.isFinite(loss)) {
      adam.end();
      changed(workers);
    }
    return loss;
  }

  /** Tells every worker's layers that the live parameter values changed. */
  private static void changed(List<Worker> workers) {
    for (Worker w : workers) {
      w.stack.parametersChanged();
    }
  }

  /** Σ losses / total, summed in slice order. */
  private static double mean(double[] losses, int total) {
    double loss = 0;
    for (double l : losses) {
      loss += l;
    }
    return loss / total;
  }

  /**
   * Adds the gradients of workers 1 … parts − 1 into worker 0's, in worker order, for the values
   * {@code [lo, hi)} of the parameters laid end to end.
   */
  private static void reduce(List<Worker> workers, int parts, List<Param> sum, long lo, long hi) {
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

  /** {mean cross-entropy, accuracy} of inference over all batches of a pass. */
  private double[] evaluate(BatchStream.Epoch all, List<Worker> workers, ExecutorService pool) {
    ConvStack first = workers.get(0).stack;
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
        runSlices(parts, total, pool, (w, from, count) -> {
          Worker wk = workers.get(w);
          wk.rows = rows(bt, from, count, wk.rows);
          double[] z = wk.stack.forward(wk.rows, count, Pass.INFERENCE);
          part[w][1] = correct(z, bt.y(), from, count, outputs);
          part[w][0] = wk.stack.loss(bt.y(), from, count, total);
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
  private static int correct(double[] z, double[] y, int from, int n, int k) {
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
    ConvNet.columnsToRows(bt.x().data, bt.x().numCols, from, n, f, out);
    return out;
  }

  private interface Slice {
    void run(int worker, int from, int n);
  }

  /** Runs slice w of [0, total) on worker w: slice 0 on the calling thread, the others in the pool. */
  private static void runSlices(int parts, int total, ExecutorService pool, Slice body) {
    List<Future<?>> fs = new ArrayList<>(parts);
    for (int w = 1; w < parts; w++) {
      int from = (int) ((long) total * w / parts);
      int to = (int) ((long) total * (w + 1) / parts);
      int id = w;
      fs.add(pool.submit(() -> body.run(id, from, to - from)));
    }
    body.run(0, 0, (int) ((long) total / parts));
    try {
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("training interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(e.getCause());
    }
  }

  /**
   * λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| over the kernels and dense weights, plus (wd/2)·Σθ² over every
   * parameter (weight decay).
   */
  private double penalty(List<Param> params, int m) {
    double sq = 0;
    double abs = 0;
    double all = 0;
    for (Param p : params) {
      for (double v : p.value()) {
        all += v * v;
        if (p.penalized()) {
          sq += v * v;
          abs += Math.abs(v);
        }
      }
    }
    return (config.l2() / (2.0 * m)) * sq + (config.l1() / m) * abs
        + (config.weightDecay() / 2) * all;
  }

  /**
   * The optimizer step on the summed gradients of worker 0 (which are the batch mean's), in shares:
   * {@link #begin} fixes the step's coefficients, {@link #update} updates any range of the
   * parameters laid end to end (the workers update disjoint ranges at the same time), {@link
   * #end} counts the step.
   */
  private final class Adam {
    private final List<Param> params;
    private final double[][] v;
    private final double[][] s;
    private final long size;
    private long t;
    private double c1;
    private double c2;
    private double l2;
    private double l1;

    Adam(List<Param> params) {
      this.params = params;
      v = new double[params.size()][];
      s = new double[params.size()][];
      long n = 0;
      for (int i = 0; i < params.size(); i++) {
        v[i] = new double[params.get(i).value().length];
        s[i] = new double[params.get(i).value().length];
        n += params.get(i).value().length;
      }
      size = n;
    }

    /** The number of parameter values. */
    long size() {
      return size;
    }

    /** The coefficients of step t + 1 for a batch of m examples. */
    void begin(int m) {
      double b1 = config.beta1();
      double b2 = config.beta2();
      c1 = 1 - Math.pow(b1, t + 1);
      c2 = 1 - Math.pow(b2, t + 1);
      l2 = config.l2() / m;
      l1 = config.l1() / m;
    }

    /** Counts the step whose updates are done. */
    void end() {
      t++;
    }

    /** The moments this optimizer keeps: none (GD, SGD), v (momentum), v and s (Adam). */
    private List<double[]> moments(int which) {
      Optimizer o = config.optimizer();
      boolean kept = which == 1 ? o == Optimizer.MOMENTUM || o == Optimizer.ADAM
          : o == Optimizer.ADAM;
      return kept ? java.util.Arrays.asList(which == 1 ? v : s) : List.of();
    }

    /** Continues from a checkpoint's step count and moments. */
    void restore(TrainingState state) {
      t = state.step();
      copyInto(state.moment1(), moments(1));
      copyInto(state.moment2(), moments(2));
    }

    /** Writes a checkpoint at the position (epoch, batch). */
    void checkpoint(Checkpointing ck, int epoch, int batch, long samples, long nanos) {
      ck.save(epoch, batch, t, moments(1), moments(2), samples, nanos);
    }

    /**
     * After epoch {@code epoch}: writes a checkpoint when one is due or a stop was requested, and
     * says whether to stop (a stop request before the last epoch).
     */
    boolean checkpointDue(Checkpointing ck, int epoch, long samples, long nanos) {
      boolean stop = ck.stopRequested() && epoch < config.epochs();
      if (stop || ck.due(epoch)) {
        checkpoint(ck, epoch + 1, 0, samples, nanos);
      }
      return stop;
    }

    /** Updates the values {@code [lo, hi)} of the parameters laid end to end. */
    void update(long lo, long hi) {
      double lr = config.learningRate();
      double b1 = config.beta1();
      double b2 = config.beta2();
      double eps = config.epsilon();
      double c1 = this.c1;
      double c2 = this.c2;
      double l2 = this.l2;
      double l1 = this.l1;
      Optimizer opt = config.optimizer();
      long start = 0;
      for (int p = 0; p < params.size() && start < hi; p++) {
        Param par = params.get(p);
        double[] w = par.value();
        double[] g = par.grad();
        double[] vp = v[p];
        double[] sp = s[p];
        // weight decay is PyTorch's: every parameter, whatever the batch size
        double wl2 = (par.penalized() ? l2 : 0) + config.weightDecay();
        double wl1 = par.penalized() ? l1 : 0;
        int from = (int) Math.max(0, lo - start);
        int to = (int) Math.min(w.length, hi - start);
        start += w.length;
        // one loop per optimizer (the switch outside the loop, so that each loop vectorizes);
        // in every loop g = mean gradient + (λ2/m + wd)·W + (λ1/m)·sign(W)   (λ on kernels and
        // weights only)
        switch (opt) {
          case GD, SGD -> {
            // W −= α·g
            for (int i = from; i < to; i++) {
              double gi = g[i] + wl2 * w[i] + wl1 * sign(w[i]);
              w[i] -= lr * gi;
            }
          }
          case MOMENTUM -> {
            double beta = config.momentum();
            // v = β·v + (1−β)·g; W −= α·v
            for (int i = from; i < to; i++) {
              double gi = g[i] + wl2 * w[i] + wl1 * sign(w[i]);
              vp[i] = beta * vp[i] + (1 - beta) * gi;
              w[i] -= lr * vp[i];
            }
          }
          case ADAM -> {
            // v = β1·v + (1−β1)·g; s = β2·s + (1−β2)·g²; W −= α·(v/c1)/(√(s/c2) + ε)
            for (int i = from; i < to; i++) {
              double gi = g[i] + wl2 * w[i] + wl1 * sign(w[i]);
              vp[i] = b1 * vp[i] + (1 - b1) * gi;
              sp[i] = b2 * sp[i] + (1 - b2) * gi * gi;
              w[i] -= lr * (vp[i] / c1) / (Math.sqrt(sp[i] / c2) + eps);
            }
          }
        }
      }
    }
  }

  /**
   * {@code Math.signum(d)}, bit for bit (±1, ±0 kept with its sign, a quiet NaN returned as is),
   * without a branch so that the optimizer loops vectorize ({@code Math.signum} stops the JIT
   * from vectorizing them): {@code d·2¹²⁰⁰} is ±0 for ±0 and at least 2¹²⁶ in magnitude (or
   * infinite) for every other number, and the clamp to [−1, 1] keeps ±0, NaN and the sign.
   */
  static double sign(double d) {
    return Math.min(Math.max(d * 0x1p600 * 0x1p600, -1.0), 1.0);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "augreg-cnn-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Copies of the arrays. */
  static List<double[]> copy(List<double[]> src) {
    List<double[]> out = new ArrayList<>(src.size());
    for (double[] a : src) {
      out.add(a.clone());
    }
    return out;
  }

  /** Copies the values of {@code src} into the same-shaped {@code dst}. */
  static void copyInto(List<double[]> src, List<double[]> dst) {
    for (int i = 0; i < src.size(); i++) {
      System.arraycopy(src.get(i), 0, dst.get(i), 0, src.get(i).length);
    }
  }
}
