package io.augreg.imagetrain;

import io.augreg.train.ConvModelFiles;
import io.augreg.train.ConvTrainResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link TrainOutputs} for a convolutional run: {@code model.mat} + {@code model.json} (through
 * {@link ConvModelFiles}, with the architecture spec, class names, input format, pipeline and
 * configuration), {@code history.csv}, {@code report.json}, {@code loss.png} and {@code
 * accuracy.png}, each written to a temporary name and renamed.
 */
public final class ConvTrainOutputs {
  private ConvTrainOutputs() {}

  /**
   * Writes everything.
   *
   * @param dir the output folder (created)
   * @param config the run's configuration
   * @param r the run's result
   */
  public static void write(Path dir, ImageTrainConfig config, ConvImageTraining.Result r) {
    ConvTrainResult t = r.result();
    ConvModelFiles.save(
        dir,
        "model",
        t.model(),
        config.trainConfig(),
        TrainOutputs.metrics(r.trainAccuracy(), r.devAccuracy(), r.testAccuracy()),
        TrainOutputs.modelExtra(
            config, r.labels(), r.format(), r.trainCount(), r.devCount(), r.testCount(), Map.of()));
    TrainOutputs.writeRun(
        dir,
        new TrainOutputs.RunSummary(
            r.trainAccuracy(),
            r.devAccuracy(),
            r.testAccuracy(),
            t.history(),
            t.bestEpoch(),
            t.stopEpoch(),
            t.stopReason(),
            t.diagnosis(),
            HoldOut.name(r.devCount(), r.testCount()),
            t.samplesPerSecond(),
            t.seconds()),
        Map.of("architecture", t.model().architecture().toSpec()));
  }
}
