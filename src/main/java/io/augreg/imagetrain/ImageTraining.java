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
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.conv.ArchSource;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.conv.ConvFootprint;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.train.Diagnosis;
import io.augreg.train.OnlineTrainer;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainResult;
import io.augreg.train.Trainer;
import io.augreg.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;

/**
 * Trains a classifier on an image folder end to end: scan (classes sorted), split (of the files
 * that decode) or separate dev/test folders, decode (bad files reported and skipped), optional per-channel
 * standardization from the training set, network initialization, training (in memory without
 * augmentation; {@link AugmentedBatches} + {@link OnlineTrainer} with it), and final accuracies.
 *
 * <p>Products go through {@code Gemms.adaptive(new JavaGemm())}: the wide first layer on
 * OpenBLAS, small products in plain Java; in full-batch training the inputs stay resident.
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
   * @param samplesPerSecond training examples processed per second (epochs · m / seconds)
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
      double samplesPerSecond) implements ImageRun {
    /** Copies the list. */
    public Result {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Everything a run needs before training: labels, input format, the kept training samples (in
   * memory without augmentation, or validated through a decoded cache with it), dev and test sets,
   * and the files that could not be read. Shared by the MLP and the CNN runs.
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
   * Runs the whole training.
   *
   * @param c the configuration
   * @param listener per-epoch callback, may be null
   * @return the result
   * @throws AugregException on bad folders, options or data
   */
  public static Result run(ImageTrainConfig c, TrainingListener listener) {
    return run(c, null, listener);
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

  /**
   * The up-front sizing check of {@code --arch}, for the dense stack {@code --layers} stands for
   * (dense units=h act=relu per hidden layer): a weight matrix longer than a Java array or a
   * footprint above the heap is a usage error naming {@code --layers}, not an out-of-memory crash.
   */
  private static void checkFits(ImageTrainConfig c, int[] hidden, int outputs, int examples) {
    List<Architecture.Step> steps = new ArrayList<>();
    for (int h : hidden) {
      steps.add(new Architecture.DenseStep(h, true));
    }
    int batch = c.trainConfig().batchSize() == 0 || c.trainConfig().optimizer() == Optimizer.GD
        ? examples : Math.min(c.trainConfig().batchSize(), Math.max(examples, 1));
    ConvFootprint.of(new Architecture(steps), new Shape(c.height(), c.width(), c.channels()),
            outputs, ArchSource.LAYERS)
        .checkTraining(Math.max(batch, 1), 1, Runtime.getRuntime().maxMemory());
  }

  /**
   * Runs the whole training, telling {@code onStart} what is trained before the first epoch.
   *
   * @param c the configuration
   * @param onStart called once on the calling thread when the data are prepared and the network
   *     is initialized, before training starts; may be null
   * @param listener per-epoch callback, may be null
   * @return the result
   * @throws AugregException on bad folders, options or data
   */
  public static Result run(ImageTrainConfig c, Consumer<RunStart> onStart, TrainingListener listener) {
    long seed = c.trainConfig().seed();
    int[] hidden = c.hidden();
    Prepared p = prepare(c, (outputs, examples) -> checkFits(c, hidden, outputs, examples));
    ClassLabels labels = p.labels();
    InputFormat format = p.format();
    List<ImageFolder.Sample> kept = p.kept();
    Dataset trainSet = p.trainSet();
    DecodedCache cache = p.cache();
    Dataset devSet = p.devSet();
    Dataset testSet = p.testSet();
    List<BadImageException> failures = p.failures();
    int devCount = p.devCount();
    int testCount = p.testCount();

    int[] sizes = new int[hidden.length + 2];
    sizes[0] = format.features();
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = labels.outputs();
    OutputKind output = labels.binary() ? OutputKind.SIGMOID_BINARY : OutputKind.SOFTMAX;
    String init = c.initFor(false);
    if (init.equals("pytorch")) {
      throw new AugregException("--init pytorch applies to --arch networks; --layers takes lesson,"
          + " he, xavier or numpy");
    }
    Network initial = switch (init) {
      case "numpy" -> Network.initializeNumpy(sizes, Activation.RELU, output, seed);
      default -> Network.initialize(sizes, Activation.RELU, output,
          InitScheme.valueOf(init.toUpperCase(Locale.ROOT)), seed);
    };
    if (onStart != null) {
      String net = "mlp " + java.util.Arrays.stream(sizes).mapToObj(String::valueOf)
          .collect(java.util.stream.Collectors.joining("-"));
      onStart.accept(new RunStart(labels, format, kept.size(), devCount, testCount, failures,
          net, initial.parameterCount()));
    }

    TrainResult result;
    double trainAcc;
    int m = kept.size();
    try (AdaptiveGemm gemm = Gemms.adaptive(new JavaGemm())) {
      if (c.pipeline() == null) {
        result = new Trainer(c.trainConfig(), gemm).train(initial, trainSet, devSet, listener);
        trainAcc = accuracy(result.model(), trainSet, gemm);
      } else {
        int batch = c.trainConfig().batchSize() == 0 ? m : c.trainConfig().batchSize();
        try (AugmentedBatches source = new AugmentedBatches(kept, labels, format, c.pipeline(), cache,
            batch, seed, c.threads(), c.prefetch())) {
          result = new OnlineTrainer(c.trainConfig(), gemm).train(initial, source, devSet, listener);
        }
        trainAcc = 1 - result.diagnosis().trainError();
      }
      double devAcc = devSet == null ? Double.NaN : accuracy(result.model(), devSet, gemm);
      double testAcc = testSet == null ? Double.NaN : accuracy(result.model(), testSet, gemm);
      // no dev set: judge variance on the test set (train vs hold-out error, as in the lesson)
      Diagnosis d = HoldOut.diagnose(result.diagnosis(), trainAcc, testAcc, devCount, testCount,
          c.trainConfig());
      if (d != result.diagnosis()) {
        result = new TrainResult(result.model(), result.history(), result.bestEpoch(), result.stopEpoch(),
            result.stopReason(), result.finalCost(), result.seconds(), d);
      }
      double sps = (double) m * result.stopEpoch() / result.seconds();
      return new Result(result, labels, format, trainAcc, devAcc, testAcc, m, devCount, testCount,
          failures, sps);
    }
  }

  /** Accuracy with the given product kernel (the wide layer on OpenBLAS). */
  static double accuracy(Network net, Dataset d, io.augreg.nn.linalg.Gemm gemm) {
    int[] pred = Predictions.labels(net, net.predictProbabilities(d.x(), gemm));
    int correct = 0;
    for (int j = 0; j < pred.length; j++) {
      if (pred[j] == (int) d.y().data[j]) {
        correct++;
      }
    }
    return (double) correct / pred.length;
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
