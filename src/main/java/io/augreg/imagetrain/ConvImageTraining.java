package io.augreg.imagetrain;

import io.augreg.data.Dataset;
import io.augreg.image.BadImageException;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageFolder;
import io.augreg.image.InputFormat;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.BatchStream;
import io.augreg.train.ConvTrainResult;
import io.augreg.train.ConvTrainer;
import io.augreg.train.DatasetBatches;
import io.augreg.train.Diagnosis;
import io.augreg.train.TrainingListener;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link ImageTraining} for a convolutional network: the same folders, split, decoding, optional
 * standardization and online augmentation ({@link AugmentedBatches}), trained by {@link
 * ConvTrainer} on {@code computeThreads} threads. Without augmentation the training images are
 * decoded once and shuffled in memory ({@link DatasetBatches}). The initializer option of the
 * configuration is not used: a ConvNet starts from PyTorch's default initialization.
 */
public final class ConvImageTraining {
  private ConvImageTraining() {}

  /**
   * What a run produced.
   *
   * @param result the trainer's result
   * @param labels class mapping
   * @param format input format (with the normalization used)
   * @param trainAccuracy accuracy on the un-augmented training images
   * @param devAccuracy dev accuracy (NaN without a dev set)
   * @param testAccuracy test accuracy (NaN without a test set)
   * @param trainCount training images used
   * @param devCount dev images used
   * @param testCount test images used
   * @param failures unreadable images (skipped)
   * @param precision precision of the large products (float and double give different weights)
   * @param computeThreads threads each mini-batch was split across
   */
  public record Result(
      ConvTrainResult result,
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
      int computeThreads) implements ImageRun {
    /** Copies the list. */
    public Result {
      failures = List.copyOf(failures);
    }

    /** The trainer's rate: examples per second of the optimization steps. */
    @Override
    public double samplesPerSecond() {
      return result.samplesPerSecond();
    }
  }

  /**
   * Runs the whole training.
   *
   * @param c folders, size, split, augmentation, training configuration, decoding threads
   * @param arch the hidden steps
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
   * Runs the whole training, telling {@code onStart} what is trained before the first epoch.
   *
   * @param c folders, size, split, augmentation, training configuration, decoding threads
   * @param arch the hidden steps
   * @param computeThreads threads for forward/backward (each mini-batch is split across them)
   * @param precision of the large products
   * @param onStart called once on the calling thread when the data are prepared and the network
   *     is initialized, before training starts (the network as its canonical spec); may be null
   * @param listener per-epoch callback, may be null
   * @return the result
   */
  public static Result run(ImageTrainConfig c, Architecture arch, int computeThreads,
      Precision precision, Consumer<RunStart> onStart, TrainingListener listener) {
    long seed = c.trainConfig().seed();
    // the same data preparation as the MLP run (scan, split, load or validate, standardize)
    Shape shape = new Shape(c.height(), c.width(), c.channels());
    ConvTrainer trainer = new ConvTrainer(c.trainConfig(), computeThreads, precision);
    // a network too large for the heap is a user error, reported before anything is allocated
    ImageTraining.Prepared p = ImageTraining.prepare(c,
        (outputs, examples) -> trainer.checkFits(arch, shape, outputs, examples));
    ClassLabels labels = p.labels();
    InputFormat format = p.format();
    List<ImageFolder.Sample> kept = p.kept();
    Dataset devSet = p.devSet();
    Dataset testSet = p.testSet();
    OutputKind output = labels.binary() ? OutputKind.SIGMOID_BINARY : OutputKind.SOFTMAX;
    int m = kept.size();
    int batch = c.trainConfig().batchSize() == 0 ? m : c.trainConfig().batchSize();
    ConvNet initial = ConvNet.initialize(arch, shape, output, labels.outputs(), seed,
        c.initFor(true));
    if (onStart != null) {
      onStart.accept(new RunStart(labels, format, m, p.devCount(), p.testCount(), p.failures(),
          initial.architecture().toSpec(), initial.parameterCount()));
    }
    ConvTrainResult result;
    if (c.pipeline() == null && batch >= m) {
      // full batch: the training set itself, every epoch (no shuffled copy; the trainer keeps
      // what it derives from the fixed batch, such as the first layer's native input)
      result = trainer.train(initial, p.trainSet(), devSet, listener);
    } else {
      try (BatchStream source = c.pipeline() == null
          ? new DatasetBatches(p.trainSet(), batch, seed)
          : new AugmentedBatches(kept, labels, format, c.pipeline(), p.cache(), batch, seed,
              c.threads(), c.prefetch())) {
        result = trainer.train(initial, source, devSet, listener);
      }
    }
    double trainAcc = 1 - result.diagnosis().trainError();
    try (var gemm = Gemms.adaptive(new JavaGemm())) {
      double devAcc = devSet == null ? Double.NaN : accuracy(result.model(), devSet, gemm);
      double testAcc = testSet == null ? Double.NaN : accuracy(result.model(), testSet, gemm);
      // no dev set: judge variance on the test set, as the MLP run does
      Diagnosis d = HoldOut.diagnose(result.diagnosis(), trainAcc, testAcc, p.devCount(),
          p.testCount(), c.trainConfig());
      if (d != result.diagnosis()) {
        result = new ConvTrainResult(result.model(), result.history(), result.bestEpoch(),
            result.stopEpoch(), result.stopReason(), result.finalCost(), result.seconds(),
            result.trainSeconds(), result.samplesPerSecond(), d);
      }
      return new Result(result, labels, format, trainAcc, devAcc, testAcc, m, p.devCount(),
          p.testCount(), p.failures(), precision, computeThreads);
    }
  }

  private static double accuracy(ConvNet net, Dataset d, Gemm gemm) {
    return net.accuracy(d, gemm);
  }
}
