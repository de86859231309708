package io.augreg.imagetrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.core.AtomicFiles;
import io.augreg.core.AugregException;
import io.augreg.core.RealPaths;
import io.augreg.plot.LearningCurveChart;
import io.augreg.image.ClassLabels;
import io.augreg.image.InputFormat;
import io.augreg.nn.linalg.Gemms;
import io.augreg.train.Diagnosis;
import io.augreg.train.EpochRecord;
import io.augreg.train.History;
import io.augreg.train.ModelFiles;
import io.augreg.train.StopReason;
import io.augreg.train.TrainOutcome;
import io.augreg.train.TrainResult;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a training run to its output folder: {@code model.mat} + {@code model.json} (through
 * {@link ModelFiles}: the architecture, class names, labels, input format with normalization,
 * pipeline, configuration, seed, initializer and the compute settings: precision, threads,
 * OpenBLAS), {@code history.csv}, {@code report.json} (with the spec and the compute settings)
 * and the learning curves {@code loss.png} and {@code accuracy.png}. Every file goes to a
 * temporary name first and is renamed when complete.
 */
public final class TrainOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TrainOutputs() {}

  /**
   * Writes everything.
   *
   * @param dir the output folder (created)
   * @param config the run's configuration
   * @param r the run's result
   * @return whether the learning curves were drawn (false: no recorded epoch had a finite cost)
   */
  public static boolean write(Path dir, ImageTrainConfig config, ImageTraining.Result r) {
    TrainResult t = r.result();
    Map<String, Object> extra = modelExtra(config, r.labels(), r.format(), r.trainCount(),
        r.devCount(), r.testCount(), Map.of("init", r.init()));
    extra.put("compute", compute(r));
    ModelFiles.save(dir, "model", t.model(), config.trainConfig(),
        metrics(r.trainAccuracy(), r.devAccuracy(), r.testAccuracy()), extra);
    // report.json's last keys, in this order (a Map.of iterates in an order drawn per JVM)
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("architecture", t.model().architecture().toSpec());
    more.put("compute", compute(r));
    return writeRun(dir, RunSummary.of(r), more);
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
  static Map<String, Object> compute(ImageTraining.Result r) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("precision", r.precision().name().toLowerCase(Locale.ROOT));
    c.put("threads", r.computeThreads());
    c.put("openblas", Gemms.openBlasAvailable());
    return c;
  }

  /**
   * Checks, before any training, that {@code dir} can receive the outputs: it is a folder or can be
   * created as one, it is writable, and it is neither an input folder ({@code --train}, {@code
   * --dev}, {@code --test}) nor inside one (the learning curves are PNG images that a later run
   * would read as training images). Leaves nothing behind: a probe file is deleted, and folders
   * created for the check are removed again ({@link #write} creates them when the run is done).
   *
   * @param dir the output folder ({@code --out})
   * @param config the run's configuration (its input folders)
   * @throws AugregException (exit 2) naming {@code --out} and what is wrong
   */
  public static void checkFolder(Path dir, ImageTrainConfig config) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new AugregException("--out " + dir + " exists and is not a folder");
    }
    List<Path> missing = new ArrayList<>(); // deepest first
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      missing.add(existing);
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new AugregException("--out " + dir + ": cannot create it, " + existing + " is a file");
    }
    Path out = RealPaths.of(abs);
    String[] options = {"--train", "--dev", "--test"};
    Path[] inputs = {config.train(), config.dev(), config.test()};
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] == null || !Files.isDirectory(inputs[i])) {
        continue;
      }
      Path in = RealPaths.of(inputs[i]);
      if (out.startsWith(in)) {
        throw new AugregException("--out " + dir + (out.equals(in) ? " is the " : " is inside the ")
            + options[i] + " folder " + inputs[i] + "; choose an output folder outside the inputs"
            + " (a later run would read loss.png and accuracy.png as images)");
      }
    }
    try {
      Files.createDirectories(abs);
      Files.delete(Files.createTempFile(abs, ".augreg-write-check", ".tmp"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new AugregException("--out " + dir + ": cannot create or write the folder ("
          + describe(e) + ")", e);
    } finally {
      for (Path p : missing) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // not empty (something else wrote into it meanwhile) or gone: leave it as it is
        }
      }
    }
  }

  /**
   * The files a training run writes into its folder: the model, the history, the report, the
   * learning curves and the report page ({@code report.html}, written by the command).
   */
  public static final List<String> RUN_FILES = List.of("model.json", "model.mat", "history.csv",
      "report.json", "loss.png", "accuracy.png", "report.html");

  /**
   * The checkpoint a run writes into its folder while it trains ({@code train --checkpoint-every},
   * read by {@code train --resume}); removed when the run has written its outputs.
   */
  public static final String CHECKPOINT = "checkpoint.ckpt";

  /** The files whose presence marks a folder as holding an earlier run. */
  private static final List<String> EARLIER_RUN_MARKS =
      List.of("model.json", "model.mat", "history.csv", "report.json", CHECKPOINT);

  /**
   * Refuses, before any training, a folder that holds an earlier run ({@code model.json}, {@code
   * model.mat}, {@code history.csv} or {@code report.json} in it) unless {@code overwrite}: a second
   * run must not replace a model without a word. An empty or missing folder, or one holding only
   * other files, is fine.
   *
   * @param dir the output folder ({@code --out})
   * @param overwrite whether {@code --overwrite} was given
   * @throws AugregException (exit 2) naming {@code --out} and the earlier run's files
   */
  public static void checkNoEarlierRun(Path dir, boolean overwrite) {
    if (overwrite) {
      return;
    }
    List<String> found = new ArrayList<>();
    for (String f : EARLIER_RUN_MARKS) {
      if (Files.exists(dir.resolve(f), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        found.add(f);
      }
    }
    if (!found.isEmpty()) {
      throw new AugregException("--out " + dir + " holds an earlier run (" + String.join(", ", found)
          + "); pass --overwrite to replace its files, " + (found.contains(CHECKPOINT)
              ? "--resume to continue it from its checkpoint, " : "") + "or choose another --out");
    }
  }

  /**
   * Removes an earlier run's files ({@link #RUN_FILES} and their temporary names) from {@code
   * dir}, so that none the new run does not write (a curve after a divergence, the page with
   * {@code --no-report}) is left looking like the new run's. Other files are left alone.
   *
   * @param dir the output folder
   * @throws AugregException naming the file that cannot be removed
   */
  public static void removeEarlierRun(Path dir) {
    for (String f : RUN_FILES) {
      for (Path p : new Path[] {dir.resolve(f), dir.resolve("." + f + ".tmp")}) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new AugregException(p + ": cannot remove the earlier run's file (" + describe(e)
              + ")", e);
        }
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": " + f.getFile();
    }
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }

  /** What {@code history.csv}, {@code report.json} and the learning curves are made of. */
  record RunSummary(
      double trainAccuracy,
      double devAccuracy,
      double testAccuracy,
      History history,
      int bestEpoch,
      int stopEpoch,
      StopReason stopReason,
      Diagnosis diagnosis,
      String holdOut,
      double samplesPerSecond,
      double seconds) {

    /** The summary of a run. */
    static RunSummary of(ImageTraining.Result r) {
      TrainOutcome t = r.result();
      return new RunSummary(r.trainAccuracy(), r.devAccuracy(), r.testAccuracy(), t.history(),
          t.bestEpoch(), t.stopEpoch(), t.stopReason(), t.diagnosis(),
          HoldOut.name(r.devCount(), r.testCount()), r.samplesPerSecond(), t.seconds());
    }
  }

  /** The accuracies stored as the model's metrics. */
  static Map<String, Double> metrics(double train, double dev, double test) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", train);
    metrics.put("dev_accuracy", dev);
    metrics.put("test_accuracy", test);
    return metrics;
  }

  /**
   * The model JSON's extra fields: classes, labels, input format, pipeline and a {@code data} map
   * (folders, split, {@code moreData}, image counts).
   */
  static Map<String, Object> modelExtra(
      ImageTrainConfig config,
      ClassLabels labels,
      InputFormat format,
      int trainCount,
      int devCount,
      int testCount,
      Map<String, Object> moreData) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("classes", labels.classes());
    extra.put("positive_class", labels.binary() ? labels.classes().get(labels.positive()) : null);
    extra.put("labels", labels.labelNames());
    extra.put("input", format.toMap());
    extra.put("pipeline", config.pipeline() == null ? "none" : config.pipeline().toSpec());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("train", config.train().toString());
    data.put("dev", config.dev() == null ? null : config.dev().toString());
    data.put("test", config.test() == null ? null : config.test().toString());
    data.put("split", config.split() == null ? null : config.split().toString());
    data.putAll(moreData);
    data.put("train_images", trainCount);
    data.put("dev_images", devCount);
    data.put("test_images", testCount);
    extra.put("data", data);
    return extra;
  }

  /**
   * Writes {@code history.csv}, {@code report.json} (the keys, then {@code more}) and the
   * learning curves {@code loss.png} and {@code accuracy.png}, which leave out non-finite points.
   *
   * @return false if no recorded epoch had a finite cost, so no curve was drawn
   */
  static boolean writeRun(Path dir, RunSummary s, Map<String, Object> more) {
    StringBuilder csv =
        new StringBuilder("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy,lr\n");
    List<EpochRecord> h = s.history().epochs();
    for (EpochRecord e : h) {
      csv.append(e.epoch()).append(',').append(num(e.trainCost())).append(',').append(num(e.devCost()))
          .append(',').append(num(e.trainAccuracy())).append(',').append(num(e.devAccuracy())).append(',').append(num(e.lr())).append('\n');
    }
    writeText(dir.resolve("history.csv"), csv.toString());

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("train_accuracy", finite(s.trainAccuracy()));
    report.put("dev_accuracy", finite(s.devAccuracy()));
    report.put("test_accuracy", finite(s.testAccuracy()));
    report.put("best_epoch", s.bestEpoch());
    report.put("stop_epoch", s.stopEpoch());
    report.put("stop_reason", s.stopReason().label());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("verdict", s.diagnosis().verdict().name());
    d.put("train_error", finite(s.diagnosis().trainError()));
    // the diagnosis' second error was measured on the hold-out set: "dev", "test" (no dev set) or
    // none; dev_error is only written for a dev set, so that it never holds a test error
    double holdOutError = s.diagnosis().devError();
    String holdOut = Double.isNaN(holdOutError) ? null : s.holdOut();
    d.put("hold_out", holdOut);
    d.put("hold_out_error", finite(holdOutError));
    d.put("dev_error", "dev".equals(holdOut) ? finite(holdOutError) : null);
    d.put("base_error", finite(s.diagnosis().baseError()));
    d.put("summary", s.diagnosis().summary(s.holdOut()));
    d.put("remedies", s.diagnosis().remedies());
    report.put("diagnosis", d);
    report.put("samples_per_second", finite(s.samplesPerSecond()));
    report.put("seconds", s.seconds());
    report.putAll(more);
    try {
      writeText(dir.resolve("report.json"), JSON.writeValueAsString(report) + "\n");
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
    // the curves leave out non-finite points (a diverged epoch); with none at all there is no curve
    if (anyFinite(v[0]) || anyFinite(v[1])) {
      String mark = dev ? "" : " (no dev set)";
      LearningCurveChart.write(dir.resolve("loss.png"), "Learning curve: loss" + mark, "cross-entropy",
          x, v[0], dev ? v[1] : null, s.bestEpoch());
      // an accuracy lies in [0, 1]: its axis never shows more (a flat curve would reach 1.156)
      LearningCurveChart.write(dir.resolve("accuracy.png"), "Learning curve: accuracy" + mark, "accuracy",
          x, v[2], dev ? v[3] : null, s.bestEpoch(), 0.0, 1.0);
      return true;
    }
    // no curve: a previous run's curves in the same folder would contradict this run's history
    for (String f : new String[] {"loss.png", "accuracy.png"}) {
      try {
        Files.deleteIfExists(dir.resolve(f));
      } catch (IOException e) {
        throw new AugregException(dir.resolve(f) + ": cannot remove the previous run's curve ("
            + e.getMessage() + ")", e);
      }
    }
    return false;
  }

  private static boolean anyFinite(double[] v) {
    for (double d : v) {
      if (Double.isFinite(d)) {
        return true;
      }
    }
    return false;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : "";
  }

  static void writeText(Path file, String text) {
    AtomicFiles.writeOutput(file, text);
  }
}
