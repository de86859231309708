package io.augreg.imagetrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.core.AugregException;
import io.augreg.plot.LearningCurveChart;
import io.augreg.train.ConvModelFiles;
import io.augreg.train.ConvTrainResult;
import io.augreg.train.EpochRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link TrainOutputs} for a convolutional run: {@code model.mat} + {@code model.json} (through
 * {@link ConvModelFiles}, with the architecture spec, class names, input format, pipeline and
 * configuration), {@code history.csv}, {@code report.json}, {@code loss.png} and {@code
 * accuracy.png}, each written to a temporary name and renamed.
 */
public final class ConvTrainOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", r.trainAccuracy());
    metrics.put("dev_accuracy", r.devAccuracy());
    metrics.put("test_accuracy", r.testAccuracy());
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("classes", r.labels().classes());
    extra.put("positive_class", r.labels().binary() ? r.labels().classes().get(r.labels().positive()) : null);
    extra.put("labels", r.labels().labelNames());
    extra.put("input", r.format().toMap());
    extra.put("pipeline", config.pipeline() == null ? "none" : config.pipeline().toSpec());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("train", config.train().toString());
    data.put("dev", config.dev() == null ? null : config.dev().toString());
    data.put("test", config.test() == null ? null : config.test().toString());
    data.put("split", config.split() == null ? null : config.split().toString());
    data.put("train_images", r.trainCount());
    data.put("dev_images", r.devCount());
    data.put("test_images", r.testCount());
    extra.put("data", data);
    ConvModelFiles.save(dir, "model", t.model(), config.trainConfig(), metrics, extra);

    StringBuilder csv = new StringBuilder("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy\n");
    List<EpochRecord> h = t.history().epochs();
    for (EpochRecord e : h) {
      csv.append(e.epoch()).append(',').append(num(e.trainCost())).append(',').append(num(e.devCost()))
          .append(',').append(num(e.trainAccuracy())).append(',').append(num(e.devAccuracy())).append('\n');
    }
    TrainOutputs.writeText(dir.resolve("history.csv"), csv.toString());

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("train_accuracy", finite(r.trainAccuracy()));
    report.put("dev_accuracy", finite(r.devAccuracy()));
    report.put("test_accuracy", finite(r.testAccuracy()));
    report.put("best_epoch", t.bestEpoch());
    report.put("stop_epoch", t.stopEpoch());
    report.put("stop_reason", t.stopReason().label());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("verdict", t.diagnosis().verdict().name());
    d.put("train_error", finite(t.diagnosis().trainError()));
    d.put("dev_error", finite(t.diagnosis().devError()));
    d.put("base_error", finite(t.diagnosis().baseError()));
    d.put("summary", t.diagnosis().summary());
    d.put("remedies", t.diagnosis().remedies());
    report.put("diagnosis", d);
    report.put("samples_per_second", finite(t.samplesPerSecond()));
    report.put("seconds", t.seconds());
    report.put("architecture", t.model().architecture().toSpec());
    try {
      TrainOutputs.writeText(dir.resolve("report.json"), JSON.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new AugregException(dir + ": cannot write report.json (" + e.getMessage() + ")", e);
    }

    int n = h.size();
    double[] x = new double[n];
    double[][] v = new double[4][n];
    boolean dev = false;
    for (int i = 0; i < n; i++) {
      EpochRecord e = h.get(i);
      x[i] = e.epoch();
      v[0][i] = e.trainCost();
      v[1][i] = e.devCost();
      v[2][i] = e.trainAccuracy();
      v[3][i] = e.devAccuracy();
      dev |= Double.isFinite(e.devCost());
    }
    if (n > 0) {
      String mark = dev ? "" : " (no dev set)";
      LearningCurveChart.write(dir.resolve("loss.png"), "Learning curve: loss" + mark, "cross-entropy",
          x, v[0], dev ? v[1] : null, t.bestEpoch());
      LearningCurveChart.write(dir.resolve("accuracy.png"), "Learning curve: accuracy" + mark, "accuracy",
          x, v[2], dev ? v[3] : null, t.bestEpoch());
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : "";
  }
}
