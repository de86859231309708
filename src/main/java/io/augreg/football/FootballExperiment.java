package io.augreg.football;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.TrainResult;
import io.augreg.train.Trainer;
import io.augreg.train.Diagnosis;
import io.augreg.train.DropoutMasks;
import io.augreg.train.EarlyStopping;
import io.augreg.train.Optimizer;
import io.augreg.train.Penalty;
import io.augreg.train.RecordedCost;
import io.augreg.train.StopReason;
import io.augreg.train.TrainConfig;
import io.augreg.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs the lesson's football experiment: one independent training per {@link FootballMode} on
 * a 2-20-3-1 ReLU network with a sigmoid output and full-batch gradient descent. The runs go to a
 * fixed pool of min(runs, cores) threads; results come back in mode order whatever finishes
 * first, and each run's numbers depend only on its own configuration.
 */
public final class FootballExperiment {
  private final FootballConfig config;

  /**
   * @param config the experiment's settings
   */
  public FootballExperiment(FootballConfig config) {
    this.config = config;
  }

  /** The settings. */
  public FootballConfig config() {
    return config;
  }

  /**
   * The trainer configuration of one run: gradient descent with the experiment's learning rate
   * and iterations, λ if the mode uses L2, the keep probability on both hidden layers if it uses
   * dropout, and the reference's masks in reference mode. It carries the experiment's base error
   * and the default diagnosis thresholds, so the saved model's config says what the verdict
   * was judged against.
   *
   * @param mode the run
   * @return its trainer configuration
   */
  public TrainConfig trainConfig(FootballMode mode) {
    TrainConfig.Builder b =
        TrainConfig.builder()
            .optimizer(Optimizer.GD)
            .learningRate(config.learningRate())
            .epochs(config.iterations())
            .batchSize(0)
            .l2(mode.usesL2() ? config.lambda() : 0.0)
            .keepProb(mode.usesDropout() ? config.keepProb() : 1.0)
            .dropoutMasks(config.reference() ? DropoutMasks.REFERENCE : DropoutMasks.FRESH)
            .seed(config.seed())
            .evalEvery(config.evalEvery())
            .baseError(config.baseError())
            // the lesson's "Cost after iteration i": measured during the iteration's pass
            .recordedCost(RecordedCost.DURING_PASS);
    if (config.earlyStopping()) {
      // Patience is given in iterations; the trainer counts evaluations (every evalEvery).
      int evaluations = (config.patience() + config.evalEvery() - 1) / config.evalEvery();
      b.earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, evaluations, 0.0));
    }
    return b.build();
  }

  /**
   * The run's network: the dense stack 2-20-3-1 (ReLU hidden layers, sigmoid output), with a
   * dropout step of the configured keep probability after each hidden layer when the mode uses
   * dropout.
   *
   * @param mode the run
   * @return its architecture
   */
  public Architecture architecture(FootballMode mode) {
    List<Architecture.Step> steps = new ArrayList<>();
    for (int l = 1; l < FootballConfig.SIZES.length - 1; l++) {
      steps.add(new Architecture.DenseStep(FootballConfig.SIZES[l], true));
      if (mode.usesDropout() && config.keepProb() < 1) {
        steps.add(new Architecture.DropoutStep(config.keepProb(), false));
      }
    }
    return new Architecture(steps);
  }

  /**
   * The initial network: numpy {@code seed(3)} in reference mode (bit-identical to the
   * lesson), otherwise the lesson's scheme (standard normal / sqrt(fan_in)) from the seed.
   *
   * @param mode the run (its dropout steps)
   * @return the network
   */
  public Network initialNetwork(FootballMode mode) {
    return Network.initialize(architecture(mode), Shape.flat(FootballConfig.SIZES[0]),
        OutputKind.SIGMOID_BINARY, 1,
        config.reference() ? FootballConfig.LESSON_SEED : config.seed(),
        config.reference() ? "numpy" : "lesson");
  }

  /**
   * Trains one run on the calling thread.
   *
   * @param data train and test sets
   * @param mode the run
   * @param listener progress events (may be null)
   * @return the run's outcome
   */
  public FootballRun runOne(FootballData data, FootballMode mode, TrainingListener listener) {
    TrainConfig tc = trainConfig(mode);
    Dataset dev = config.earlyStopping() ? data.test() : null;
    TrainResult result = new Trainer(tc, 1, Precision.DOUBLE)
        .train(initialNetwork(mode), data.train(), dev, listener);
    Network model = result.model();
    int trainCorrect = correct(model, data.train());
    int testCorrect = correct(model, data.test());
    double trainAcc = (double) trainCorrect / data.train().size();
    double testAcc = (double) testCorrect / data.test().size();
    // The held-out set of the lesson is its test set: it plays the diagnosis' dev set.
    Diagnosis diagnosis =
        Diagnosis.of(
            1 - trainAcc, 1 - testAcc, tc.baseError(), tc.biasThreshold(), tc.varianceThreshold());
    return new FootballRun(
        mode,
        tc,
        result,
        trainAcc,
        testAcc,
        trainCorrect,
        data.train().size(),
        testCorrect,
        data.test().size(),
        diagnosis,
        keptCost(result, data.train(), tc.l2()));
  }

  /**
   * The training cost of the weights a run returned: the trainer's last recorded cost when they
   * are the last weights, else J = cross-entropy + λ/(2m)·Σ‖W‖²_F of the kept weights on the
   * training set (inference, no dropout).
   */
  static double keptCost(TrainResult result, Dataset train, double lambda) {
    if (result.bestEpoch() == result.stopEpoch() && result.stopReason() != StopReason.DIVERGED) {
      return result.finalCost();
    }
    Network model = result.model();
    double cost = model.cost(train, new JavaGemm());
    if (lambda > 0) {
      cost += new Penalty(lambda, 0, 0).cost(model.stack(model.parameters(), new JavaGemm())
          .params(), train.size());
    }
    return cost;
  }

  /**
   * Trains every run of the configuration in parallel.
   *
   * @param data train and test sets
   * @param threads worker threads (clamped to [1, runs])
   * @param listeners makes the progress listener of a run (may be null, or return null)
   * @param onDone called on the worker thread as soon as a run finishes (e.g. to draw its
   *     pictures); may be null
   * @return the runs in mode order
   * @throws AugregException if a run fails with a user error (the first such, in mode order)
   */
  public List<FootballRun> runAll(
      FootballData data,
      int threads,
      BiFunction<FootballMode, Integer, TrainingListener> listeners,
      Consumer<FootballRun> onDone) {
    List<FootballMode> modes = config.modes();
    int n = Math.max(1, Math.min(threads, modes.size()));
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "football-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<FootballRun>> futures = new ArrayList<>();
      for (int i = 0; i < modes.size(); i++) {
        FootballMode mode = modes.get(i);
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  TrainingListener l = listeners == null ? null : listeners.apply(mode, index);
                  FootballRun run = runOne(data, mode, l);
                  if (onDone != null) {
                    onDone.accept(run);
                  }
                  return run;
                }));
      }
      List<FootballRun> runs = new ArrayList<>();
      for (Future<FootballRun> f : futures) {
        runs.add(await(f));
      }
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  private static FootballRun await(Future<FootballRun> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("football: interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Number of examples whose predicted label equals the true label. */
  static int correct(Network model, Dataset d) {
    int[] predicted = model.predictLabels(d.x(), new JavaGemm());
    org.ejml.data.DMatrixRMaj y = d.y();
    int hits = 0;
    for (int i = 0; i < predicted.length; i++) {
      // The lesson: (a > 0.5) == (y > 0.5).
      if (predicted[i] == (y.get(0, i) > 0.5 ? 1 : 0)) {
        hits++;
      }
    }
    return hits;
  }
}
