package io.augreg.imagetrain;

import io.augreg.nn.linalg.Gemms;
import io.augreg.train.ConvModelFiles;
import io.augreg.train.ConvTrainResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link TrainOutputs} for a convolutional run: {@code model.mat} + {@code model.json} (through
 * {@link ConvModelFiles}, with the architecture spec, class names, input format, pipeline,
 * configuration and the compute settings: precision, threads, OpenBLAS), {@code history.csv}, {@code report.json}
 * (with the spec and the compute settings), {@code loss.png} and {@code accuracy.png}, each
 * written to a temporary name and renamed.
 */
public final class ConvTrainOutputs {
  private ConvTrainOutputs() {}

  /**
   * Writes everything.
   *
   * @param dir the output folder (created)
   * @param config the run's configuration
   * @param r the run's result
   * @return whether the learning curves were drawn (false: no recorded epoch had a finite cost)
   */
  public static boolean write(Path dir, ImageTrainConfig config, ConvImageTraining.Result r) {
    ConvTrainResult t = r.result();
    Map<String, Object> extra = TrainOutputs.modelExtra(
        config, r.labels(), r.format(), r.trainCount(), r.devCount(), r.testCount(), Map.of());
    extra.put("compute", compute(r));
    ConvModelFiles.save(
        dir,
        "model",
        t.model(),
        config.trainConfig(),
        TrainOutputs.metrics(r.trainAccuracy(), r.devAccuracy(), r.testAccuracy()),
        extra);
    // report.json's last keys, in this order (a Map.of iterates in an order drawn per JVM)
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("architecture", t.model().architecture().toSpec());
    more.put("compute", compute(r));
    return TrainOutputs.writeRun(dir, TrainOutputs.RunSummary.of(r), more);
  }

  /**
   * How the products were computed, which changes the trained weights: {@code precision}
   * ({@code "double"} or {@code "float"}, for the OpenBLAS products), {@code threads} (each
   * mini-batch split across them; the sums are added in a different order) and {@code openblas}
   * (false: every product in Java, double, whatever the precision).
   *
   * @param r the run's result
   * @return the fields, in order
   */
  static Map<String, Object> compute(ConvImageTraining.Result r) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("precision", r.precision().name().toLowerCase(Locale.ROOT));
    c.put("threads", r.computeThreads());
    c.put("openblas", Gemms.openBlasAvailable());
    return c;
  }
}
