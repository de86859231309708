package io.augreg.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import io.augreg.nn.linalg.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Trainer} run needs to continue exactly where it stopped: the position
 * (the next epoch and how many of its mini-batches are done), the live parameters (batch
 * normalization's running statistics included), the optimizer state (momentum or Adam's two
 * moments and the step count), the learning-rate schedule's state, the early-stopping state (the kept epoch, its weights, the best
 * score and the evaluations since it), the history so far, the training configuration and compute
 * settings it was made with, and a map of the caller's own fields ({@link #run()}; {@code augreg
 * train} keeps its options there).
 *
 * <p>No random-generator state is stored because there is none to store: every draw is keyed by
 * (seed, epoch, batch or example): the shuffled order by (seed, "SHUF", epoch), augmentation by
 * (seed, epoch, example, 0), dropout masks by (seed, "DROP", epoch, batch, layer, example). The
 * position alone puts every generator where it was; batch normalization's running statistics are
 * parameters and travel with the weights.
 *
 * <p>A state is written by the trainer ({@link Checkpointing}) or by {@link #save}, and read by
 * {@link #load}; the file is {@link CheckpointFile}'s. Immutable once taken, except that a
 * trainer's checkpoints reuse the arrays of {@link Checkpointing#last()} at the next checkpoint.
 */
public final class TrainingState {
  static final ObjectMapper JSON = new ObjectMapper();

  private final int epoch;
  private final int batch;
  private final long step;
  private final List<double[]> weights;
  private final List<double[]> moment1;
  private final List<double[]> moment2;
  private final List<double[]> best;
  private final EpochLog.Saved log;
  private final LrScheduler.State schedule;
  private final double[] passSums;
  private final long samples;
  private final long trainNanos;
  private final int examples;
  private final int devExamples;
  private final JsonNode config;
  private final Map<String, String> run;

  /** The parts of a state; the lists are taken as they are (the caller made the copies). */
  TrainingState(int epoch, int batch, long step, List<double[]> weights, List<double[]> moment1,
      List<double[]> moment2, List<double[]> best, EpochLog.Saved log,
      LrScheduler.State schedule, double[] passSums, long samples, long trainNanos, int examples,
      int devExamples, JsonNode config, Map<String, String> run) {
    this.epoch = epoch;
    this.batch = batch;
    this.step = step;
    this.weights = List.copyOf(weights);
    this.moment1 = List.copyOf(moment1);
    this.moment2 = List.copyOf(moment2);
    this.best = best == null ? null : List.copyOf(best);
    this.log = log;
    this.schedule = schedule;
    this.passSums = passSums;
    this.samples = samples;
    this.trainNanos = trainNanos;
    this.examples = examples;
    this.devExamples = devExamples;
    this.config = config;
    this.run = Map.copyOf(run);
  }

  /**
   * The configuration and compute settings a state belongs to, as a JSON object: the training
   * configuration's fields, then {@code threads} and {@code precision} (both change the weights).
   *
   * @param config the training configuration
   * @param threads compute threads
   * @param precision precision of the large products
   * @return the object
   */
  static JsonNode configOf(TrainConfig config, int threads, Precision precision) {
    ObjectNode c = JSON.valueToTree(config);
    c.put("threads", threads);
    c.put("precision", precision.name().toLowerCase(java.util.Locale.ROOT));
    return c;
  }

  /**
   * Refuses to continue with a different configuration, compute setting or data than the state was
   * made with: the result would not be the uninterrupted run's.
   *
   * @param current {@link #configOf} of the trainer asked to continue
   * @param m training examples now
   * @param dev dev examples now (0 without a dev set)
   * @throws AugregException naming the first field that differs
   */
  void checkMatches(JsonNode current, int m, int dev) {
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      JsonNode now = current.get(e.getKey());
      if (!String.valueOf(e.getValue()).equals(String.valueOf(now))) {
        throw new AugregException("the checkpoint was written with " + e.getKey() + " = "
            + e.getValue() + ", this run has " + now + ": a resumed run continues with the"
            + " checkpoint's configuration");
      }
    }
    if (m != examples || dev != devExamples) {
      throw new AugregException("the checkpoint was written for " + examples
          + " training and " + devExamples + " dev examples, the data now have " + m + " and "
          + dev + ": the images changed since the checkpoint");
    }
  }

  /**
   * Writes this state to {@code file} atomically (a temporary name, then renamed over it).
   *
   * @param file the checkpoint file
   * @throws AugregException naming the file when it cannot be written
   */
  public void save(Path file) {
    CheckpointFile.write(file, this);
  }

  /**
   * Reads a state written by {@link #save} or by a trainer's {@link Checkpointing}.
   *
   * @param file the checkpoint file
   * @return the state
   * @throws AugregException naming the file when it is missing, damaged or of another format
   */
  public static TrainingState load(Path file) {
    return CheckpointFile.read(file);
  }

  /**
   * Whether {@code file} holds a checkpoint for {@link #load} (also when a kill in the middle of a
   * write left it under the write's temporary names).
   *
   * @param file the checkpoint file
   * @return whether there is one
   */
  public static boolean exists(Path file) {
    return CheckpointFile.exists(file);
  }

  /**
   * Removes a checkpoint file and the temporary names its writes use.
   *
   * @param file the checkpoint file
   * @throws AugregException naming the file when one cannot be removed
   */
  public static void delete(Path file) {
    try {
      CheckpointFile.delete(file);
    } catch (java.io.IOException e) {
      throw new AugregException(file + ": cannot remove the checkpoint (" + e.getMessage() + ")",
          e);
    }
  }

  /**
   * The epoch training continues with (1-based).
   *
   * @return the next epoch
   */
  public int epoch() {
    return epoch;
  }

  /**
   * The mini-batches of {@link #epoch()} already done (0 at an epoch boundary; more after a stop
   * in the middle of an epoch).
   *
   * @return the batches to skip
   */
  public int batch() {
    return batch;
  }

  /**
   * Optimizer steps taken so far (Adam's bias correction counts them).
   *
   * @return the step count
   */
  public long step() {
    return step;
  }

  /**
   * The recorded epochs so far.
   *
   * @return the history
   */
  public History history() {
    return new History(log.records());
  }

  /**
   * The epoch whose weights early stopping keeps so far (0 when none was kept).
   *
   * @return the kept epoch
   */
  public int bestEpoch() {
    return log.haveBest() ? log.bestEpoch() : 0;
  }

  /**
   * The training examples the state was made on.
   *
   * @return m
   */
  public int examples() {
    return examples;
  }

  /**
   * The live parameters (as {@code Network.parameters()}).
   *
   * @return copies
   */
  public List<double[]> weights() {
    List<double[]> out = new ArrayList<>();
    for (double[] w : weights) {
      out.add(w.clone());
    }
    return out;
  }

  /**
   * The caller's own fields stored with the state ({@link Checkpointing#withRun}).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> run() {
    return run;
  }

  /**
   * The configuration and compute settings the state was made with.
   *
   * @return field name to value, in order (JSON text of each value)
   */
  public Map<String, String> config() {
    Map<String, String> out = new LinkedHashMap<>();
    config.properties().forEach(e -> out.put(e.getKey(), e.getValue().toString()));
    return out;
  }

  // package-private parts for the trainer and the file

  List<double[]> weightArrays() {
    return weights;
  }

  List<double[]> moment1() {
    return moment1;
  }

  List<double[]> moment2() {
    return moment2;
  }

  /** The kept weights, or null when they are the live ones (or none were kept). */
  List<double[]> best() {
    return best;
  }

  EpochLog.Saved log() {
    return log;
  }

  /** The learning-rate schedule's state. */
  LrScheduler.State schedule() {
    return schedule;
  }

  /**
   * In the middle of an epoch, its summed batch losses and the penalty it started from (the
   * lesson's during-pass cost); zeros at an epoch boundary.
   */
  double[] passSums() {
    return passSums;
  }

  long samples() {
    return samples;
  }

  long trainNanos() {
    return trainNanos;
  }

  int devExamples() {
    return devExamples;
  }

  JsonNode configNode() {
    return config;
  }
}
