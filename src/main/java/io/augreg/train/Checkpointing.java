package io.augreg.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.core.AugregException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Checkpoints of one {@link Trainer} run: when to write the {@link TrainingState} and where,
 * the state to resume from, and a stop request (Ctrl-C) honoured at the end of the current
 * mini-batch. Give a new one to each training call ({@link
 * Trainer#train(io.augreg.nn.Network, BatchStream, io.augreg.data.Dataset,
 * TrainingListener, Checkpointing)}).
 *
 * <pre>{@code
 * Checkpointing ck = Checkpointing.every(1, dir.resolve("checkpoint.ckpt"));
 * TrainResult r = trainer.train(net, batches, dev, null, ck);        // killed or stopped ...
 * // ... later, with the same initial network, data and configuration:
 * Checkpointing again = Checkpointing.every(1, file).resumeFrom(TrainingState.load(file));
 * TrainResult same = trainer.train(net, batches, dev, null, again);  // = an uninterrupted run
 * }</pre>
 *
 * <p>A state is written at the end of every {@code every}-th epoch (with {@link #auto}: of the
 * first epoch that ends at least {@link #AUTO_SECONDS} after the previous checkpoint), and once
 * more when a stop was requested. The write is atomic ({@link CheckpointFile}). The stop flag
 * may be used from any thread; the rest (and {@link #last()}) is the training thread's.
 *
 * <p>A run that does not resume removes an earlier checkpoint at its file when it starts (an
 * earlier run's state must not pass for this run's).
 *
 * <p>Cost: the training thread only copies the state into arrays allocated at the start (by a
 * background thread, which also sizes the file buffer and runs the encoder once so that the
 * first checkpoint is as cheap as the others); the background thread encodes, checksums and
 * writes it while training goes on. {@link #writeTimes()} reports both.
 */
public final class Checkpointing {
  /** {@link #auto}'s spacing: a checkpoint at the end of an epoch this long after the last one. */
  public static final double AUTO_SECONDS = 5.0;

  private final Path file;
  private final int every;
  private final TrainingState resume;
  private final Map<String, String> run;
  private final CheckpointFile writer = new CheckpointFile();
  private volatile boolean stop;
  private volatile TrainingState last;
  /** Arrays prepared at the start for the first checkpoint (the next ones reuse the last's). */
  private TrainingState prepared;
  private long lastWrite;
  private double writeSeconds;
  private volatile double backgroundSeconds;
  private int writes;
  private ExecutorService background;
  private Future<?> pending;

  // bound by the trainer for one run
  private List<double[]> live;
  private List<double[]> best;
  private EpochLog log;
  private int examples;
  private int devExamples;
  private Supplier<JsonNode> configOf;
  private JsonNode config;

  private Checkpointing(Path file, int every, TrainingState resume, Map<String, String> run) {
    this.file = file;
    this.every = every;
    this.resume = resume;
    this.run = Map.copyOf(run);
  }

  /**
   * No checkpoint files; a stop request still ends the run (and {@link #last()} holds its state).
   *
   * @return the setting
   */
  public static Checkpointing none() {
    return new Checkpointing(null, 0, null, Map.of());
  }

  /**
   * A checkpoint every {@code epochs} epochs.
   *
   * @param epochs the spacing, &gt;= 1
   * @param file the checkpoint file (replaced atomically each time)
   * @return the setting
   */
  public static Checkpointing every(int epochs, Path file) {
    if (epochs < 1) {
      throw new AugregException("--checkpoint-every must be >= 1 (or auto, or 0 for none), got "
          + epochs);
    }
    return new Checkpointing(file, epochs, null, Map.of());
  }

  /**
   * A checkpoint at the end of each epoch that ends at least {@link #AUTO_SECONDS} after the
   * previous checkpoint (or the start): every epoch when epochs are long, rarely when they are
   * short.
   *
   * @param file the checkpoint file
   * @return the setting
   */
  public static Checkpointing auto(Path file) {
    return new Checkpointing(file, -1, null, Map.of());
  }

  /**
   * The same setting, continuing from {@code state}: the trainer checks that its configuration,
   * compute settings and data sizes are the state's, restores it and goes on from its position.
   * The network passed to the trainer must be the run's initial one (it is what a run that
   * diverges before keeping an epoch returns).
   *
   * @param state the state to continue from
   * @return a new setting
   */
  public Checkpointing resumeFrom(TrainingState state) {
    return new Checkpointing(file, every, state, run);
  }

  /**
   * The same setting, storing {@code fields} with every state ({@link TrainingState#run()}).
   *
   * @param fields the caller's fields
   * @return a new setting
   */
  public Checkpointing withRun(Map<String, String> fields) {
    return new Checkpointing(file, every, resume, fields);
  }

  /** Asks the run to stop at the end of the current mini-batch and write a checkpoint. */
  public void requestStop() {
    stop = true;
  }

  /**
   * Whether a stop was requested.
   *
   * @return the flag
   */
  public boolean stopRequested() {
    return stop;
  }

  /**
   * The last state taken (written to the file when there is one). Its arrays are reused by the
   * next checkpoint (so that checkpoints allocate nothing once running, and hold one copy of the
   * state): keep it longer with {@link TrainingState#load} of the file.
   *
   * @return the state, or null before the first
   */
  public TrainingState last() {
    return last;
  }

  /**
   * The checkpoint file.
   *
   * @return the file, or null for {@link #none()}
   */
  public Path file() {
    return file;
  }

  /**
   * The checkpoints written so far, the time the training thread spent on them (copying the
   * state, and waiting for the previous write when it was not done yet) and the CPU time a
   * background thread spent preparing (at the start), encoding and writing them.
   *
   * @return {count, seconds on the training thread, CPU seconds in the background}
   */
  public double[] writeTimes() {
    return new double[] {writes, writeSeconds, backgroundSeconds};
  }

  /**
   * Binds the run's live and kept parameters, optimizer moments and log, starts preparing the
   * checkpoints' arrays and file buffer in the background (when there is a file), and restores the
   * state to resume from into them (the caller restores the optimizer and calls its layers'
   * {@code parametersChanged}).
   *
   * @return the state resumed from, or null for a fresh run
   */
  TrainingState begin(List<double[]> live, List<double[]> best, List<double[]> moment1,
      List<double[]> moment2, EpochLog log, int examples, int devExamples,
      Supplier<JsonNode> config) {
    this.live = live;
    this.best = best;
    this.log = log;
    this.examples = examples;
    this.devExamples = devExamples;
    this.configOf = config;
    this.config = null;
    lastWrite = System.nanoTime();
    if (file != null) {
      EpochLog.Saved s = log.save();
      config(); // built here, once, before the background thread reads it
      boolean fresh = resume == null;
      submit(() -> {
        if (fresh) {
          // an earlier run's checkpoint (--overwrite) must not be taken for this run's
          try {
            CheckpointFile.delete(file);
          } catch (java.io.IOException e) {
            throw new AugregException(file + ": cannot remove an earlier checkpoint ("
                + e.getMessage() + ")", e);
          }
        }
        // the arrays the checkpoints copy the state into, and a warm encoder
        prepared = state(like(live), like(moment1), like(moment2), s);
        writer.prepare(prepared);
      });
    }
    if (resume == null) {
      return null;
    }
    resume.checkMatches(config(), examples, devExamples);
    List<double[]> w = resume.weightArrays();
    if (w.size() != live.size()) {
      throw new AugregException("the checkpoint holds " + w.size()
          + " parameter arrays, the network has " + live.size());
    }
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).length != live.get(i).length) {
        throw new AugregException("the checkpoint's parameter array " + (i + 1) + " has "
            + w.get(i).length + " values, the network's " + live.get(i).length);
      }
    }
    Trainer.copyInto(w, live);
    Trainer.copyInto(resume.best() == null ? w : resume.best(), best);
    log.restore(resume.log());
    return resume;
  }

  /**
   * The run's configuration as a checkpoint stores it, made on first use: a run that never writes
   * or resumes a checkpoint (e.g. each football run) does not pay for the JSON mapper.
   */
  private JsonNode config() {
    if (config == null) {
      config = configOf.get();
    }
    return config;
  }

  /** Whether the epoch that just ended is due for a checkpoint. */
  boolean due(int epoch) {
    if (file == null || every == 0) {
      return false;
    }
    return every > 0 ? epoch % every == 0 : (System.nanoTime() - lastWrite) / 1e9 >= AUTO_SECONDS;
  }

  /**
   * Takes the state at a position and writes it (when there is a file).
   *
   * @param epoch the next epoch
   * @param batch the batches of it already done
   * @param step the optimizer steps taken
   * @param moment1 the optimizer's first moments (momentum, Adam), empty for none
   * @param moment2 Adam's second moments, empty for none
   * @param schedule the learning-rate schedule's state
   * @param passSums the epoch's summed batch losses and starting penalty so far (the lesson's
   *     during-pass cost), zeros at an epoch boundary
   * @param samples examples trained on so far
   * @param trainNanos time in the optimization passes so far
   */
  void save(int epoch, int batch, long step, List<double[]> moment1, List<double[]> moment2,
      LrScheduler.State schedule, double[] passSums, long samples, long trainNanos) {
    long t0 = System.nanoTime();
    // one write at a time: the previous one must be on disk before the next starts, and before
    // its arrays take the new state (or the arrays prepared at the start are ready)
    await();
    EpochLog.Saved s = log.save();
    TrainingState old = last != null ? last : prepared;
    // the kept weights are the live ones right after the epoch they were kept at
    boolean keptNow = batch == 0 && s.haveBest() && s.bestEpoch() == epoch - 1;
    List<double[]> kept = s.haveBest() && !keptNow && !same(best, live)
        ? reuse(best, old == null ? null : old.best()) : null;
    TrainingState state = new TrainingState(epoch, batch, step,
        reuse(live, old == null ? null : old.weightArrays()),
        reuse(moment1, old == null ? null : old.moment1()),
        reuse(moment2, old == null ? null : old.moment2()), kept, s, schedule,
        passSums.clone(), samples, trainNanos, examples, devExamples, config(), run);
    prepared = null;
    if (file != null) {
      // encoded and written by a background thread while training goes on
      submit(() -> writer.save(file, state));
    }
    last = state;
    lastWrite = System.nanoTime();
    writes++;
    writeSeconds += (lastWrite - t0) / 1e9;
  }

  /**
   * Ends the run's checkpoints: waits until the last one is written and stops the writer thread.
   *
   * @throws AugregException when the last write failed
   */
  void finish() {
    long t0 = System.nanoTime();
    try {
      await();
    } finally {
      if (background != null) {
        background.shutdown();
        background = null;
      }
      writeSeconds += (System.nanoTime() - t0) / 1e9;
    }
  }

  /** A new state of the run at its start, for the arrays given. */
  private TrainingState state(List<double[]> w, List<double[]> m1, List<double[]> m2,
      EpochLog.Saved s) {
    return new TrainingState(1, 0, 0, w, m1, m2, null, s, new LrScheduler.State(0, 0, 0, 0),
        new double[2], 0, 0, examples, devExamples, config(), run);
  }

  /** Runs {@code task} on the background thread (started on first use), counting its CPU time. */
  private void submit(Runnable task) {
    if (background == null) {
      background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "augreg-checkpoint");
        t.setDaemon(true);
        return t;
      });
    }
    pending = background.submit(() -> {
      long b0 = cpuNanos();
      task.run();
      backgroundSeconds += (cpuNanos() - b0) / 1e9;
    });
  }

  /** This thread's CPU time (its wall time where the JVM cannot measure that). */
  private static long cpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    return t >= 0 ? t : System.nanoTime();
  }

  /** Waits for the write in progress; its failure is thrown here. */
  private void await() {
    Future<?> p = pending;
    pending = null;
    if (p == null) {
      return;
    }
    try {
      p.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("interrupted while writing the checkpoint " + file, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new AugregException(file + ": cannot write the checkpoint (" + e.getCause() + ")",
              e.getCause());
    }
  }

  /** New zero arrays of the shapes of {@code a} (not copies: training changes {@code a} now). */
  private static List<double[]> like(List<double[]> a) {
    List<double[]> out = new java.util.ArrayList<>(a.size());
    for (double[] x : a) {
      out.add(new double[x.length]);
    }
    return out;
  }

  /** Copies {@code src} into {@code into} when it has the same shape, else into new arrays. */
  private static List<double[]> reuse(List<double[]> src, List<double[]> into) {
    if (into == null || into.size() != src.size()) {
      return Trainer.copy(src);
    }
    for (int i = 0; i < src.size(); i++) {
      if (into.get(i).length != src.get(i).length) {
        return Trainer.copy(src);
      }
    }
    Trainer.copyInto(src, into);
    return into;
  }

  private static boolean same(List<double[]> a, List<double[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
