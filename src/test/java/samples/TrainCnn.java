package samples;

import io.augreg.augment.Pipeline;
import io.augreg.data.SplitRatios;
import io.augreg.imagetrain.ImageTraining;
import io.augreg.imagetrain.ImageModel;
import io.augreg.imagetrain.ImageTrainConfig;
import io.augreg.imagetrain.TrainOutputs;
import io.augreg.nn.Architecture;
import io.augreg.nn.linalg.Precision;
import io.augreg.train.EarlyStopping;
import io.augreg.train.Optimizer;
import io.augreg.train.TrainConfig;
import java.nio.file.Path;

/**
 * Library use: train a small convolutional network on an image folder with per-batch
 * augmentation, weight decay, dropout and early stopping, save it, load it back and classify an
 * image file.
 *
 * <pre>
 * java -cp target/augreg.jar:target/test-classes samples.TrainCnn samples/shapes out/cnn-sample
 * </pre>
 *
 * (This file lives in src/test/java/samples so that the build compiles it and a test runs it;
 * samples/java/TrainCnn.java is a link to it.)
 */
public final class TrainCnn {
  private TrainCnn() {}

  /**
   * Trains on {@code folder} (one sub-folder per class) and writes the model to {@code out}.
   *
   * @param folder the images
   * @param out output folder
   * @return the run's result
   */
  public static ImageTraining.Result train(Path folder, Path out) {
    // 1. the network: the same text as `augreg train --arch` (the output layer follows from the classes)
    Architecture arch = Architecture.parse(
        "conv filters=8 k=3 | pool k=2 | conv filters=16 k=3 | pool k=2 | dropout keep=0.5 | dense units=16");

    // 2. the augmentation, the optimizer and the regularizers
    Pipeline augment = Pipeline.parse("hflip p=0.5 | rotate deg=-10..10 | contrast factor=0.8..1.2");
    TrainConfig training = TrainConfig.builder()
        .optimizer(Optimizer.ADAM)
        .learningRate(1e-3)
        .batchSize(4)
        .epochs(15)
        .weightDecay(5e-4)                       // PyTorch's weight_decay, every parameter
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 5, 0.0))
        .seed(7)
        .build();

    // 3. the data: a seeded, stratified 50/25/25 split of one folder, 32x32 RGB inputs
    ImageTrainConfig config = ImageTrainConfig.builder(folder)
        .split(SplitRatios.parse("50/25/25"))
        .size(32, 32)
        .pipeline(augment)
        .trainConfig(training)
        .threads(2)                               // decoding and augmentation workers
        .build();

    // 4. train on 2 compute threads with single-precision products; onStart runs before epoch 1
    ImageTraining.Result r = ImageTraining.run(config, arch, 2, Precision.FLOAT,
        start -> System.out.println("training " + start.network() + " (" + start.parameters()
            + " parameters) on " + start.trainCount() + " images"),
        epoch -> { });
    TrainOutputs.write(out, config, r);     // model.json, model.mat, history.csv, report.json, PNGs
    return r;
  }

  /**
   * Entry point.
   *
   * @param args FOLDER [OUT]
   */
  public static void main(String[] args) {
    Path folder = Path.of(args.length > 0 ? args[0] : "samples/shapes");
    Path out = Path.of(args.length > 1 ? args[1] : "out/cnn-sample");
    ImageTraining.Result r = train(folder, out);
    System.out.printf("train %.3f dev %.3f test %.3f, stopped: %s%n", r.trainAccuracy(), r.devAccuracy(),
        r.testAccuracy(), r.result().stopReason().label());

    // 5. load the saved model and classify one file (decoded and resized as in training)
    ImageModel model = ImageModel.load(out);
    ImageModel.Prediction p = model.predict(folder.resolve("circles/circle0.png"));
    System.out.println("circles/circle0.png: " + p.className() + " " + p.probabilities());
  }
}
