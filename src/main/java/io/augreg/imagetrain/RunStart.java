package io.augreg.imagetrain;

import io.augreg.image.BadImageException;
import io.augreg.image.ClassLabels;
import io.augreg.image.InputFormat;
import java.util.List;

/**
 * What a training run is about to train, handed to the caller once the data are prepared and the
 * network is built, before the first epoch ({@link ImageTraining#run(ImageTrainConfig,
 * io.augreg.nn.Architecture, int, io.augreg.nn.linalg.Precision,
 * java.util.function.Consumer, io.augreg.train.TrainingListener)}),
 * so that a long run can say at once what it trains on.
 *
 * @param labels class mapping
 * @param format input format (with the normalization that will be used)
 * @param trainCount training images that will be used (readable ones)
 * @param devCount dev images
 * @param testCount test images
 * @param failures images that could not be read and are skipped
 * @param network the network in one line: its canonical {@code --arch} spec (for {@code
 *     --layers 20,7,5}: {@code "dense units=20 act=relu | dense units=7 act=relu | dense units=5
 *     act=relu"})
 * @param parameters the network's parameter count, as {@code Network.parameterCount()} reports it
 *     (which includes batch normalization's running statistics)
 */
public record RunStart(
    ClassLabels labels,
    InputFormat format,
    int trainCount,
    int devCount,
    int testCount,
    List<BadImageException> failures,
    String network,
    long parameters) {
  /** Copies the list. */
  public RunStart {
    failures = List.copyOf(failures);
  }
}
