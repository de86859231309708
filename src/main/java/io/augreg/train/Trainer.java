package io.augreg.train;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Dataset;
import io.augreg.nn.Loss;
import io.augreg.nn.ArchSource;
import io.augreg.nn.Architecture;
import io.augreg.nn.BatchSync;
import io.augreg.nn.Footprint;
import io.augreg.nn.Network;
import io.augreg.nn.LayerStack;
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
 * Mini-batch training of a {@link Network} from a {@link BatchStream} (in memory or augmented on
 * the fly), with the engine's optimizers, penalties, early stopping and diagnosis.
 *
 * <p>Each mini-batch of m examples is split into {@code threads} contiguous slices; every thread
 * runs its slice forward and backward on its own layer instances and product kernel, bound to the
 * shared weights; the gradient sums are then added and one {@link ParamOptimizer} step is taken:
 * {@code g = (1/m)·(ΣdW + λ2·W + λ1·sign W) + wd·W} for kernels and dense weights, {@code g =
 * (1/m)·Σdb + wd·b} for biases and batch-normalization parameters (never L2/L1-penalized, see
 * {@link Penalty}). The weight decay wd is exactly PyTorch's {@code Adam(weight_decay = wd)}; λ2
 * alone is {@code weight_decay = λ2/m} on the kernels and weights only. Dropout masks depend on
 * (seed, epoch, batch, layer, example) only, so the result does not depend on the thread count
 * beyond floating-point summation order. Batch normalization is synchronized across the slices
 * ({@link BatchSync}, like PyTorch's {@code SyncBatchNorm}): every slice normalizes with the whole
 * mini-batch's mean and variance, and the running statistics are updated once per batch from them,
 * so that too is independent of the thread count.
 *
 * <p>Every recorded epoch measures train cost/accuracy on the un-augmented examples and dev
 * cost/accuracy (inference mode); that time is not counted in {@link
 * TrainResult#samplesPerSecond()}.
 */
public final class Trainer {
  private static final long DROPOUT_KEY = 0x4452_4F50L; // "DROP"
  /** The widest dense layer (inputs or units) the row executor runs; wider ones take slices. */
  static final int ROW_WIDEST = 64;

  private final TrainConfig config;
  private final int threads;
  private final Precision precision;

  /**
   * @param config optimizer, learning rate, epochs, l2/l1, early stopping, seed (keepProb is not
   *     used: dropout is part of the architecture)
   * @param threads worker threads, &gt;= 1
   * @param precision of the large products (OpenBLAS); small ones stay in double Java
   */
  public Trainer(TrainConfig config, int threads, Precision precision) {
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
   * longer than Java allows, or an estimated footprint ({@link Footprint#checkTraining}:
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
    checkFits(arch, input, outputs, examples, ArchSource.OPTION);
  }

  /**
   * {@link #checkFits(Architecture, Shape, int, int)} for a network that came from {@code source}
   * (whose errors name it, e.g. {@code --layers}).
   *
   * @param arch the hidden steps
   * @param input one example's shape
   * @param outputs output units
   * @param examples training examples
   * @param source the option the network came from
   */
  public void checkFits(Architecture arch, Shape input, int outputs, int examples,
      ArchSource source) {
    boolean full = config.batchSize() == 0 || config.optimizer() == Optimizer.GD;
    int batch = full ? examples : Math.min(config.batchSize(), Math.max(examples, 1));
    Footprint.of(arch, input, outputs, source).checkTraining(batch, threads,
        Runtime.getRuntime().maxMemory());
  }

  /**
   * Trains on an in-memory training set: the whole set as one batch in its own order for
   * full-batch gradient descent ({@link Optimizer#GD}, or {@code batchSize} 0 or at least m), else
   * shuffled mini-batches of {@code batchSize} ({@link DatasetBatches}).
   *
   * @param initial the starting network (never modified)
   * @param train the training examples
   * @param dev dev set, may be null
   * @param listener called after each recorded epoch, may be null
   * @return the result
   */
  public TrainResult train(Network initial, Dataset train, Dataset dev,
      TrainingListener listener) {
    if (train.size() < 1) {
      throw new AugregException("the training set is empty");
    }
    boolean full = config.optimizer() == Optimizer.GD || config.batchSize() == 0
        || config.batchSize() >= train.size();
    try (BatchStream source = full ? new FullBatch(train)
        : new DatasetBatches(train, config.batchSize(), config.seed())) {
      Loss.checkLabels(initial.output(), train.y().data, train.size(), initial.outputs());
      return train(initial, source, dev, listener);
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
  public TrainResult train(Network initial, BatchStream source, Dataset dev,
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
  public TrainResult train(Network initial, BatchStream source, Dataset dev,
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
    AidsRun aids = new AidsRun(config, initial, dev != null);
    BatchStream batches = aids.batches(source, initial, config.seed());
    // the same batch every epoch (full batch): the executor may keep what it derives from it
    BatchStream.Batch fixed = batches instanceof FullBatch f ? f.batch() : null;
    try (Executor executor = executor(initial, live, aids, fixed, dev)) {
      if (fixed != null) {
        executor.fixedBatch(fixed);
      }
      // an executor that runs NHWC rows takes them from the stream when it has them
      BatchStream fed = executor.takesRows() ? batches.asRows() : batches;
      return run(initial, fed, dev, log, live, executor, start, aids, checkpoints);
    }
  }

  /**
   * The execution strategy of a network: the {@link RowExecutor} for a narrow dense ReLU stack on
   * one thread ({@link #ROW_WIDEST}) trained on hard labels, else the {@link GramExecutor} for
   * full-batch gradient descent whose first dense layer has more inputs than there are examples
   * ({@link GramExecutor#applies}), else the {@link SliceExecutor}.
   */
  private Executor executor(Network net, List<double[]> live, AidsRun aids,
      BatchStream.Batch fixed, Dataset dev) {
    boolean reference = config.dropoutMasks() == DropoutMasks.REFERENCE;
    LayerStack rows = net.stack(live, new JavaGemm());
    if (RowExecutor.fits(rows, ROW_WIDEST) && !aids.softTargets()) {
      if (reference) {
        rows.useReferenceMasks();
      }
      return new RowExecutor(rows, net.output());
    }
    if (GramExecutor.applies(config, net, fixed)) {
      return new GramExecutor(net, live, config, fixed, dev, threads, precision, reference);
    }
    return new SliceExecutor(net, live, threads, precision, reference);
  }

  private TrainResult run(Network initial, BatchStream source, Dataset dev, EpochLog log,
      List<double[]> live, Executor executor, long start, AidsRun aids, Checkpointing ck) {
    List<Param> params = executor.params();
    ParamOptimizer optimizer = new ParamOptimizer(config, params);
    aids.bind(initial, live);
    Penalty penalty = Penalty.of(config);
    boolean duringPass = config.recordedCost() == RecordedCost.DURING_PASS;
    List<double[]> best = copy(live);
    // copies the live parameters into the best ones (the log runs it when an epoch is kept)
    Runnable keepBest = () -> executor.keep(live, best);
    Owed owed = new Owed();
    long trainNanos = 0;
    long samples = 0;
    int m = source.size();
    // checkpoints: a resumed run continues at the saved (epoch, batch) with the saved state
    TrainingState from = ck.begin(live, best, optimizer.moments(1), optimizer.moments(2), log, m,
        dev == null ? 0 : dev.size(), () -> TrainingState.configOf(config, threads, precision));
    int first = 1;
    long dropoutSeed = Seeds.mix(config.seed(), DROPOUT_KEY);
    if (from != null) {
      optimizer.restore(from.step(), from.moment1(), from.moment2());
      aids.restore(from.schedule());
      executor.changed();
      first = from.epoch();
      trainNanos = from.trainNanos();
      samples = from.samples();
    }
    int epoch;
    for (epoch = first; epoch <= config.epochs(); epoch++) {
      boolean diverged = false;
      boolean stop = false;
      boolean record = epoch % config.evalEvery() == 0 || epoch == 1 || epoch == config.epochs();
      // DURING_PASS: λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| + (wd/2)·Σθ² of the weights the epoch starts from
      double regCost = record && duringPass ? penaltyCost(penalty, executor, params, m) : 0;
      double dataSum = 0;
      int bi = 0;
      if (epoch == first && from != null && from.batch() > 0) {
        // resumed in the middle of the epoch: its sums so far
        bi = from.batch();
        regCost = from.passSums()[1];
        dataSum = from.passSums()[0];
      }
      optimizer.rate(aids.rate(epoch));
      long t0 = System.nanoTime();
      try (BatchStream.Epoch batches = source.epoch(epoch, bi)) {
        for (BatchStream.Batch bt = batches.next(); bt != null; bt = batches.next(), bi++) {
          // the mask seed Seeds.mix(seed, DROPOUT_KEY, epoch, bi), without a varargs array
          Pass pass = Pass.training(Seeds.extend(Seeds.extend(dropoutSeed, epoch), bi), bt.size());
          double loss = executor.step(aids.targets(bt), pass, optimizer, record && duringPass);
          if (!Double.isFinite(loss)) {
            diverged = true;
            break;
          }
          if (aids.afterStep()) {
            executor.changed();
          }
          dataSum += loss;
          samples += bt.size();
          if (ck.stopRequested() && executor.settled()) {
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
        checkpoint(ck, executor, optimizer, aids, epoch, bi, new double[] {dataSum, regCost},
            samples, trainNanos);
        log.interrupted();
        break;
      }
      if (!record) {
        if (checkpointDue(ck, optimizer, aids, epoch, samples, trainNanos, executor, owed)) {
          log.interrupted();
          break;
        }
        continue;
      }
      double[] train = executor.evaluate(source.clean());
      // CLEAN: J_train = clean mean cross-entropy + λ2/(2m)·Σ‖W‖² + λ1/m·Σ|w| + (wd/2)·Σθ² of the
      // weights the epoch ends with; DURING_PASS: the batches' summed cross-entropy / m + the
      // penalty of the weights it started from, as the lesson prints it
      double trainCost = duringPass ? dataSum / m + regCost
          : train[0] + penaltyCost(penalty, executor, params, m);
      double devCost = Double.NaN;
      double devAcc = Double.NaN;
      if (dev != null) {
        double[] d = executor.evaluate(dev);
        devCost = d[0];
        devAcc = d[1];
      }
      aids.recorded(devCost);
      if (log.record(new EpochRecord(epoch, trainCost, devCost, train[1], devAcc,
          optimizer.rate()), keepBest)) {
        break;
      }
      if (checkpointDue(ck, optimizer, aids, epoch, samples, trainNanos, executor, owed)) {
        log.interrupted();
        break;
      }
    }
    ck.finish();
    EpochLog.Returned returned = log.settle(epoch);
    // the live values and the kept epoch's are current
    executor.sync();
    if (returned != EpochLog.Returned.LAST) {
      // the best snapshot, or the initial parameters when the run diverged before keeping one
      copyInto(returned == EpochLog.Returned.BEST ? best : initial.parameters(), live);
      executor.changed();
    }
    Network model = initial.withParameters(live);
    double trainError = 1 - executor.evaluate(source.clean())[1];
    double devError = Double.NaN;
    if (dev != null) {
      devError = 1 - executor.evaluate(dev)[1];
    }
    Diagnosis diagnosis = Diagnosis.of(trainError, devError, config.baseError(),
        config.biasThreshold(), config.varianceThreshold());
    double trainSeconds = trainNanos / 1e9;
    return new TrainResult(model, log.history(), log.bestEpoch(), log.stopEpoch(),
        log.reason(), log.lastCost(), (System.nanoTime() - start) / 1e9, trainSeconds,
        samples / trainSeconds, diagnosis);
  }

  /**
   * The penalty of the live parameters, with the squares of those the executor keeps in another
   * form from it ({@link Executor#squares}; L1 reads the values, written out first).
   */
  private static double penaltyCost(Penalty penalty, Executor executor, List<Param> params,
      int m) {
    if (penalty.l1() > 0) {
      executor.sync();
    }
    return penalty.cost(params, m, executor::squares);
  }

  /** A checkpoint that fell due while the executor was not settled: taken when it is. */
  private static final class Owed {
    boolean due;
  }

  /** Writes a checkpoint at the position (epoch, batch). */
  private static void checkpoint(Checkpointing ck, Executor executor, ParamOptimizer o,
      AidsRun aids, int epoch, int batch, double[] passSums, long samples, long nanos) {
    executor.sync();
    ck.save(epoch, batch, o.steps(), o.moments(1), o.moments(2), aids.scheduler().state(),
        passSums, samples, nanos);
  }

  /**
   * After epoch {@code epoch} (not the last): writes a checkpoint when one is due (now or since
   * the executor was last {@link Executor#settled() settled}) or a stop was requested, and says
   * whether to stop; both wait for a settled executor.
   */
  private boolean checkpointDue(Checkpointing ck, ParamOptimizer o, AidsRun aids, int epoch,
      long samples, long nanos, Executor executor, Owed owed) {
    if (epoch >= config.epochs()) {
      // the run is over: its outputs follow, and a checkpoint past the last epoch is never read
      return false;
    }
    owed.due |= ck.due(epoch);
    if (!executor.settled()) {
      return false;
    }
    boolean stop = ck.stopRequested();
    if (stop || owed.due) {
      owed.due = false;
      checkpoint(ck, executor, o, aids, epoch + 1, 0, new double[2], samples, nanos);
    }
    return stop;
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
