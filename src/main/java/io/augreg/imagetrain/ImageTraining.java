package io.augreg.imagetrain;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.data.Split;
import io.augreg.image.BadImageException;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.image.InputFormat;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.ArchSource;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.BatchStream;
import io.augreg.train.TrainResult;
import io.augreg.train.Checkpointing;
import io.augreg.train.Trainer;
import io.augreg.train.DatasetBatches;
import io.augreg.train.FullBatch;
import io.augreg.train.Diagnosis;
import io.augreg.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains a classifier on an image folder end to end: scan (classes sorted), split (of the files
 * that decode) or separate dev/test folders, decode (bad files reported and skipped), optional
 * per-channel standardization from the training set, network initialization, training by {@link
 * Trainer} on {@code computeThreads} threads, and final accuracies. The network is a layer
 * stack ({@link Network}): {@code train --arch SPEC}, or {@code train --layers 20,7,5}, which
 * stands for the dense steps {@link #layers} gives. Without augmentation the training images are
 * decoded once and shuffled in memory ({@link DatasetBatches}); with it {@link AugmentedBatches}
 * augments every sample per batch.
 */
public final class ImageTraining {
  private ImageTraining() {}

  /**
   * What a run produced.
   *
   * @param result the trainer's result (model, history, stop, diagnosis; without a dev set but
   *     with a test set, the diagnosis compares train and test error)
   * @param labels class mapping
   * @param format the input format (with the normalization used)
   * @param trainAccuracy accuracy on the (un-augmented) training images
   * @param devAccuracy dev accuracy (NaN without a dev set)
   * @param testAccuracy test accuracy (NaN without a test set)
   * @param trainCount training images used
   * @param devCount dev images used
   * @param testCount test images used
   * @param failures images that could not be read (skipped)
   * @param precision precision of the large products (float and double give different weights)
   * @param computeThreads threads each mini-batch was split across (at most the batch size)
   * @param init the initializer the network started from ({@link Network#INITIALIZERS})
   */
  public record Result(
      TrainResult result,
      ClassLabels labels,
      InputFormat format,
      double trainAccuracy,
      double devAccuracy,
      double testAccuracy,
      int trainCount,
      int devCount,
      int testCount,
      List<BadImageException> failures,
      Precision precision,
      int computeThreads,
      String init) {
    /** Copies the list. */
    public Result {
      failures = List.copyOf(failures);
    }

    /**
     * The trainer's rate.
     *
     * @return examples per second of the optimization steps
     */
    public double samplesPerSecond() {
      return result.samplesPerSecond();
    }
  }

  /**
   * Everything a run needs before training: labels, input format, the kept training samples (in
   * memory without augmentation, or validated through a decoded cache with it), dev and test sets,
   * and the files that could not be read.
   */
  record Prepared(
      ClassLabels labels,
      InputFormat format,
      List<ImageFolder.Sample> kept,
      Dataset trainSet,
      DecodedCache cache,
      Dataset devSet,
      Dataset testSet,
      int devCount,
      int testCount,
      List<BadImageException> failures) {}

  /**
   * Scans, splits, loads (or validates) and standardizes the data of {@code c}.
   *
   * @param c the configuration
   * @return the prepared data
   * @throws AugregException on bad folders, options or data
   */
  static Prepared prepare(ImageTrainConfig c, SizeCheck sizeCheck) {
    long seed = c.trainConfig().seed();
    ImageFolder trainFolder = ImageData.scanForTraining(c.train(), "--train");
    ClassLabels labels = ClassLabels.of(trainFolder.classes(), c.positiveClass(), false);
    List<ImageFolder.Sample> trainSamples;
    List<ImageFolder.Sample> devSamples = List.of();
    List<ImageFolder.Sample> testSamples = List.of();
    ImageReader reader = new ImageReader();
    List<BadImageException> failures = new ArrayList<>();
    if (c.split() != null) {
      List<ImageFolder.Sample> scanned = trainFolder.samples();
      // the network must fit before a single image is decoded: sized on the split of every file
      sizeCheck.check(labels.outputs(), Split.stratified(
          scanned.stream().mapToInt(ImageFolder.Sample::label).toArray(), c.split(), seed).train().length);
      // split only what decodes, so that an unreadable file cannot move another between the parts
      ImageData.Readable readable = ImageData.readable(scanned, reader, c.threads());
      failures.addAll(readable.failures());
      List<ImageFolder.Sample> all = readable.kept();
      checkClasses(all, labels, "training");
      int[] classOf = all.stream().mapToInt(ImageFolder.Sample::label).toArray();
      Split s = Split.stratified(classOf, c.split(), seed);
      trainSamples = pick(all, s.train());
      checkSplitKeepsEveryClass(trainSamples, classOf, trainFolder.classes(), c.split());
      if (c.test() != null) {
        // TRAIN/DEV split of --train (its second part is the dev set); test from its folder
        devSamples = pick(all, s.test());
        testSamples = ImageData.relabel(ImageData.scanForTraining(c.test(), "--test"), trainFolder.classes(), "--test");
      } else {
        devSamples = pick(all, s.dev());
        testSamples = pick(all, s.test());
      }
    } else {
      trainSamples = trainFolder.samples();
      if (c.dev() != null) {
        devSamples = ImageData.relabel(ImageData.scanForTraining(c.dev(), "--dev"), trainFolder.classes(), "--dev");
      }
      if (c.test() != null) {
        testSamples = ImageData.relabel(ImageData.scanForTraining(c.test(), "--test"), trainFolder.classes(), "--test");
      }
    }
    if (c.split() == null) {
      // the network must fit before a single image is decoded
      sizeCheck.check(labels.outputs(), trainSamples.size());
    }
    InputFormat plain = InputFormat.scaled(c.width(), c.height(), c.channels());

    // Training images: in memory without augmentation; validated through the cache with it.
    Dataset trainSet = null;
    List<ImageFolder.Sample> kept;
    DecodedCache cache = null;
    double[][] stats = null;
    if (c.pipeline() == null) {
      ImageData.Loaded loaded = ImageData.load(trainSamples, plain, labels, reader, c.threads());
      failures.addAll(loaded.failures());
      kept = loaded.kept();
      trainSet = loaded.data();
      if (c.standardize()) {
        stats = ImageData.channelStatistics(trainSet.x(), c.channels());
        DMatrixRMaj x = trainSet.x().copy();
        ImageData.standardize(x, stats[0], stats[1]);
        trainSet = new Dataset(x, trainSet.y());
      }
    } else {
      cache = new DecodedCache(reader, c.width(), c.height(), c.cacheBytes());
      Validated v = validate(trainSamples, cache, plain, c.threads());
      failures.addAll(v.failures);
      kept = v.kept;
      stats = c.standardize() ? v.stats() : null;
    }
    checkClasses(kept, labels, "training");
    InputFormat format = stats == null ? plain : plain.withNormalization(stats[0], stats[1]);
    Dataset devSet = null;
    Dataset testSet = null;
    int devCount = 0;
    int testCount = 0;
    if (!devSamples.isEmpty()) {
      ImageData.Loaded d = ImageData.load(devSamples, format, labels, reader, c.threads());
      failures.addAll(d.failures());
      devSet = d.data();
      devCount = d.kept().size();
    }
    if (!testSamples.isEmpty()) {
      ImageData.Loaded t = ImageData.load(testSamples, format, labels, reader, c.threads());
      failures.addAll(t.failures());
      testSet = t.data();
      testCount = t.kept().size();
    }
    return new Prepared(
        labels, format, kept, trainSet, cache, devSet, testSet, devCount, testCount, failures);
  }

  /**
   * Trains the {@code --layers} network of {@code c} ({@link #layers}) on {@code c.threads()}
   * compute threads in double precision.
   *
   * @param c the configuration
   * @param listener per-epoch callback, may be null
   * @return the result
   * @throws AugregException on bad folders, options or data
   */
  public static Result run(ImageTrainConfig c, TrainingListener listener) {
    return run(c, null, c.threads(), Precision.DOUBLE, null, listener);
  }

  /**
   * The network {@code train --layers} stands for: the hidden sizes of {@code c} as dense ReLU
   * steps, each followed by a dropout step when its {@code --keep-prob} is below 1 ({@link
   * Architecture#ofLayers}).
   *
   * @param c the configuration
   * @return the equivalent {@code --arch} steps
   */
  public static Architecture layers(ImageTrainConfig c) {
    return Architecture.ofLayers(c.hidden(), c.trainConfig().keepProb());
  }

  /**
   * Trains the network {@code arch} ({@code train --arch}), or the {@code --layers} network of
   * {@code c}.
   *
   * @param c folders, size, split, augmentation, training configuration, decoding threads
   * @param arch the hidden steps, or null for {@link #layers layers(c)}
   * @param computeThreads threads for forward/backward (each mini-batch is split across them)
   * @param precision of the large products
   * @param listener per-epoch callback, may be null
   * @return the result
   */
  public static Result run(ImageTrainConfig c, Architecture arch, int computeThreads,
      Precision precision, TrainingListener listener) {
    return run(c, arch, computeThreads, precision, null, listener);
  }

  /**
   * Trains the network {@code arch} ({@code train --arch}), or the {@code --layers} network of
   * {@code c}, telling {@code onStart} what is trained before the first epoch. The initializer is
   * {@link ImageTrainConfig#initFor} ({@code he} for {@code --layers}, {@code pytorch} for {@code
   * --arch} unless the configuration names one); a network too large for the heap is reported
   * naming {@code --layers} or {@code --arch}.
   *
   * @param c folders, size, split, augmentation, training configuration, decoding threads
   * @param arch the hidden steps, or null for {@link #layers layers(c)}
   * @param computeThreads threads for forward/backward (each mini-batch is split across them)
   * @param precision of the large products
   * @param onStart called once on the calling thread when the data are prepared and the network
   *     is initialized, before training starts (the network as its canonical spec); may be null
   * @param listener per-epoch callback, may be null
   * @return the result
   */
  public static Result run(ImageTrainConfig c, Architecture arch, int computeThreads,
      Precision precision, Consumer<RunStart> onStart, TrainingListener listener) {
    return run(c, arch, computeThreads, precision, Checkpointing.none(), onStart, listener);
  }

  /**
   * {@link #run(ImageTrainConfig, Architecture, int, Precision, Consumer, TrainingListener)} with
   * checkpoints ({@link Trainer#train(Network, BatchStream, Dataset, TrainingListener,
   * Checkpointing)}): written when {@code checkpoints} says so, resumed from the state it holds,
   * stopped on its request.
   *
   * @param c folders, size, split, augmentation, training configuration, decoding threads
   * @param arch the hidden steps, or null for {@link #layers layers(c)}
   * @param computeThreads threads for forward/backward (each mini-batch is split across them)
   * @param precision of the large products
   * @param checkpoints when and where to write checkpoints, and what to resume from
   * @param onStart called once before training starts; may be null
   * @param listener per-epoch callback, may be null
   * @return the result
   */
  public static Result run(ImageTrainConfig c, Architecture arch, int computeThreads,
      Precision precision, Checkpointing checkpoints, Consumer<RunStart> onStart,
      TrainingListener listener) {
    return arch == null
        ? run(c, layers(c), ArchSource.LAYERS, c.initFor(false), computeThreads, precision,
            checkpoints, onStart, listener)
        : run(c, arch, ArchSource.OPTION, c.initFor(true), computeThreads, precision,
            checkpoints, onStart, listener);
  }

  private static Result run(ImageTrainConfig c, Architecture arch, ArchSource source, String init,
      int computeThreads, Precision precision, Checkpointing checkpoints,
      Consumer<RunStart> onStart, TrainingListener listener) {
    if (computeThreads < 1) {
      throw new AugregException("--threads must be >= 1, got " + computeThreads);
    }
    long seed = c.trainConfig().seed();
    Shape shape = new Shape(c.height(), c.width(), c.channels());
    // a network too large for the heap is a user error (naming --layers or --arch), reported
    // before a single image is decoded
    Prepared p = prepare(c, (outputs, examples) ->
        new Trainer(c.trainConfig(), threadsFor(computeThreads, c, examples), precision)
            .checkFits(arch, shape, outputs, examples, source));
    ClassLabels labels = p.labels();
    List<ImageFolder.Sample> kept = p.kept();
    Dataset devSet = p.devSet();
    Dataset testSet = p.testSet();
    OutputKind output = labels.binary() ? OutputKind.SIGMOID_BINARY : OutputKind.SOFTMAX;
    int m = kept.size();
    int batch = c.trainConfig().batchSize() == 0 ? m : c.trainConfig().batchSize();
    int threads = threadsFor(computeThreads, c, m);
    Trainer trainer = new Trainer(c.trainConfig(), threads, precision);
    Network initial = Network.initialize(arch, shape, output, labels.outputs(), seed, init);
    if (onStart != null) {
      onStart.accept(new RunStart(labels, p.format(), m, p.devCount(), p.testCount(),
          p.failures(), initial.architecture().toSpec(), initial.parameterCount()));
    }
    TrainResult result;
    // full batch without augmentation: the training set itself, every epoch (no shuffled copy;
    // the trainer keeps what it derives from the fixed batch, such as the first layer's input)
    try (BatchStream batches = c.pipeline() == null
        ? (batch >= m ? new FullBatch(p.trainSet()) : new DatasetBatches(p.trainSet(), batch, seed))
        : new AugmentedBatches(kept, labels, p.format(), c.pipeline(), p.cache(), batch, seed,
            c.threads(), c.prefetch())) {
      result = trainer.train(initial, batches, devSet, listener, checkpoints);
    }
    double trainAcc = 1 - result.diagnosis().trainError();
    try (AdaptiveGemm gemm = Gemms.adaptive(new JavaGemm())) {
      double devAcc = devSet == null ? Double.NaN : result.model().accuracy(devSet, gemm);
      double testAcc = testSet == null ? Double.NaN : result.model().accuracy(testSet, gemm);
      // no dev set: judge variance on the test set (train vs hold-out error, as in the lesson)
      Diagnosis d = HoldOut.diagnose(result.diagnosis(), trainAcc, testAcc, p.devCount(),
          p.testCount(), c.trainConfig());
      if (d != result.diagnosis()) {
        result = new TrainResult(result.model(), result.history(), result.bestEpoch(),
            result.stopEpoch(), result.stopReason(), result.finalCost(), result.seconds(),
            result.trainSeconds(), result.samplesPerSecond(), d);
      }
      return new Result(result, labels, p.format(), trainAcc, devAcc, testAcc, m, p.devCount(),
          p.testCount(), p.failures(), precision, threads, init);
    }
  }

  /**
   * The compute threads a batch is split across: as asked, but no more than a batch has examples
   * (a slice per thread; more threads would only hold idle layer copies).
   */
  private static int threadsFor(int computeThreads, ImageTrainConfig c, int examples) {
    int size = c.trainConfig().batchSize();
    int batch = size == 0 ? examples : Math.min(size, examples);
    return Math.max(1, Math.min(computeThreads, batch));
  }

  /** Checks, once the class count is known and before any image is decoded, that the network fits. */
  interface SizeCheck {
    /**
     * @param outputs output units
     * @param examples training examples found (the full batch's size at most)
     * @throws AugregException (exit 2) naming the option when the network cannot be trained here
     */
    void check(int outputs, int examples);
  }

  private static List<ImageFolder.Sample> pick(List<ImageFolder.Sample> all, int[] idx) {
    List<ImageFolder.Sample> out = new ArrayList<>(idx.length);
    for (int i : idx) {
      out.add(all.get(i));
    }
    return out;
  }

  /**
   * A split that leaves a class without training images says so (the images are readable; the
   * split sent them to the dev/test sets).
   */
  private static void checkSplitKeepsEveryClass(
      List<ImageFolder.Sample> train, int[] classOf, List<String> classes, Object split) {
    boolean[] seen = new boolean[classes.size()];
    for (ImageFolder.Sample s : train) {
      seen[s.label()] = true;
    }
    for (int k = 0; k < seen.length; k++) {
      if (!seen[k]) {
        int n = 0;
        for (int label : classOf) {
          n += label == k ? 1 : 0;
        }
        throw new AugregException("--split " + split + " sends all " + n + " image(s) of class '"
            + classes.get(k) + "' to the dev/test sets, none to training; give the class more"
            + " images or the train part a larger share");
      }
    }
  }

  private static void checkClasses(List<ImageFolder.Sample> kept, ClassLabels labels, String what) {
    boolean[] seen = new boolean[labels.classes().size()];
    for (ImageFolder.Sample s : kept) {
      seen[s.label()] = true;
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        throw new AugregException(
            "class '" + labels.classes().get(i) + "' has no readable " + what + " images");
      }
    }
  }

  private record Validated(List<ImageFolder.Sample> kept, List<BadImageException> failures,
      double[] sum, double[] sq, long count, int channels) {
    double[][] stats() {
      double[] mean = new double[channels];
      double[] std = new double[channels];
      for (int ch = 0; ch < channels; ch++) {
        mean[ch] = sum[ch] / count;
        double var = Math.max(0, sq[ch] / count - mean[ch] * mean[ch]);
        std[ch] = var > 0 ? Math.sqrt(var) : 1.0;
      }
      return new double[][] {mean, std};
    }
  }

  /** Reads every training image once through the cache: failures out, channel sums in. */
  private static Validated validate(List<ImageFolder.Sample> samples, DecodedCache cache,
      InputFormat plain, int threads) {
    int n = samples.size();
    BadImageException[] bad = new BadImageException[n];
    double[][] sums = new double[n][];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = i;
        fs.add(pool.submit(() -> {
          try (Mat img = cache.get(id, samples.get(id).file().path())) {
            byte[] px = plain.pixels(img);
            int ch = plain.channels();
            double[] s = new double[2 * ch];
            for (int f = 0; f < px.length; f++) {
              double v = (px[f] & 0xFF) / 255.;
              s[f % ch] += v;
              s[ch + f % ch] += v * v;
            }
            sums[id] = s;
          } catch (BadImageException e) {
            bad[id] = e;
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("interrupted while reading images", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new AugregException("reading images failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    int ch = plain.channels();
    double[] sum = new double[ch];
    double[] sq = new double[ch];
    long count = 0;
    List<ImageFolder.Sample> kept = new ArrayList<>();
    List<BadImageException> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (bad[i] != null) {
        failures.add(bad[i]);
        continue;
      }
      kept.add(samples.get(i));
      for (int k = 0; k < ch; k++) {
        sum[k] += sums[i][k];
        sq[k] += sums[i][ch + k];
      }
      count += (long) plain.width() * plain.height();
    }
    if (kept.isEmpty()) {
      throw new AugregException("none of the " + n + " training images could be read");
    }
    return new Validated(kept, failures, sum, sq, count, ch);
  }
}
