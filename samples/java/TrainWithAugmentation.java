package samples;

import io.augreg.augment.Pipeline;
import io.augreg.data.SplitRatios;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.imagetrain.HoldOut;
import io.augreg.imagetrain.ImageTraining;
import io.augreg.imagetrain.TrainOutputs;
import io.augreg.train.EarlyStopping;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.nio.file.Path;

/**
 * Library use: train a classifier on an image folder with per-batch augmentation, L2, dropout
 * and early stopping, then print the verdict and save the model.
 *
 * <pre>
 * java -cp target/augreg.jar:target/test-classes samples.TrainWithAugmentation samples/shapes out/sample
 * </pre>
 *
 * (This file lives in src/test/java/samples so that the build compiles it and a test runs it;
 * samples/java/TrainWithAugmentation.java links to it.)
 */
public final class TrainWithAugmentation {
  private TrainWithAugmentation() {}

  /**
   * Trains on {@code folder} (one sub-folder per class) and writes the model to {@code out}.
   *
   * @param folder the images
   * @param out output folder
   * @return the run's result
   */
  public static ImageTraining.Result train(Path folder, Path out) {
    // 1. the augmentation: the same text as `augreg train --augment`, or Pipeline.builder()
    Pipeline augment = Pipeline.parse("hflip p=0.5 | rotate deg=-15..15 border=reflect | noise sigma=0..5 p=0.3");

    // 2. the optimizer and the regularizers
    TrainConfig training = TrainConfig.builder()
        .optimizer(Optimizer.ADAM)
        .learningRate(1e-3)
        .batchSize(4)
        .epochs(20)
        .l2(0.05)
        .keepProb(0.9)
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 5, 0.0))
        .seed(7)
        .build();

    // 3. the data: a seeded, stratified 50/25/25 split of one folder, 32x32 RGB inputs
    ImageTrainConfig config = ImageTrainConfig.builder(folder)
        .split(SplitRatios.parse("50/25/25"))
        .size(32, 32)
        .hidden(16, 8)
        .init("he")
        .pipeline(augment)
        .trainConfig(training)
        .threads(2)
        .build();

    ImageTraining.Result r = ImageTraining.run(config, epoch -> { });
    TrainOutputs.write(out, config, r);
    return r;
  }

  /**
   * Entry point.
   *
   * @param args FOLDER [OUT]
   */
  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "samples/shapes");
    Path out = Path.of(args.length > 1 ? args[1] : "out/sample");
    ImageTraining.Result r = train(folder, out);
    System.out.printf("train %.3f dev %.3f test %.3f, stopped: %s%n%s%n", r.trainAccuracy(), r.devAccuracy(),
        r.testAccuracy(), r.result().stopReason().label(),
        r.result().diagnosis().summary(HoldOut.name(r.devCount(), r.testCount())));
  }
}
