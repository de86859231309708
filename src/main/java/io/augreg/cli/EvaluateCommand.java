package io.augreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.core.AugregException;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.imagetrain.ConfusionMatrix;
import io.augreg.imagetrain.ImageModel;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.offline.Size;
import io.augreg.report.EvaluateReport;
import io.augreg.report.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augreg evaluate}: accuracy, confusion matrix and per-class scores of a trained model. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Evaluates a model written by 'augreg train --out DIR' on a labelled image folder:"
        + " accuracy, confusion matrix (rows = true label, columns = predicted) and per-label"
        + " precision, recall and F1.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReportOptions report;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Labelled images, one sub-folder per class (classes must be the model's).")
  Path data;

  @Option(names = "--size", paramLabel = "WxH",
      description = "Expected input size; an error if the model's differs (default: the model's).")
  String size;

  @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "Print a JSON object instead of a table (default: ${DEFAULT-VALUE}).")
  boolean json;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Where the report page goes (default: ${DEFAULT-VALUE}).")
  Path reportFile = Path.of("out", "evaluate", "report.html");

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new AugregException("--threads must be >= 1, got " + threads);
    }
    ImageModel m = ImageModel.load(model);
    if (size != null) {
      Size s = Size.parse(size);
      if (s.width() != m.format().width() || s.height() != m.format().height()) {
        throw new AugregException("--size " + s + " does not match the model's input size "
            + m.format().width() + "x" + m.format().height() + " (" + model + ")");
      }
    }
    // a class of the model without a folder, or with an empty one, has no examples (support 0)
    List<ImageFolder.Sample> samples = ImageData.scanForModel(data, "--data", m.labels().classes());
    ImageData.Loaded loaded = ImageData.load(samples, m.format(), m.labels(), new ImageReader(), threads);
    DMatrixRMaj probabilities;
    try (AdaptiveGemm gemm = Gemms.adaptive(new JavaGemm())) {
      probabilities = m.probabilities(loaded.data().x(), gemm);
    }
    int[] pred = m.labelsOf(probabilities);
    List<String> names = m.labels().labelNames();
    int k = names.size();
    double[] y = loaded.data().y().data;
    int[] truth = new int[y.length];
    for (int j = 0; j < y.length; j++) {
      truth[j] = (int) y[j];
    }
    ConfusionMatrix cm = ConfusionMatrix.of(k, truth, pred);
    List<Map<String, Object>> perClass = new ArrayList<>();
    for (ConfusionMatrix.ClassScores sc : cm.perClass()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("class", names.get(sc.label()));
      e.put("precision", sc.precision());
      e.put("recall", sc.recall());
      e.put("f1", sc.f1());
      e.put("support", sc.support());
      perClass.add(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (BadImageException e : loaded.failures()) {
      err.println("augreg evaluate: skipped " + e.getMessage());
    }
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("accuracy", cm.accuracy());
      o.put("images", pred.length);
      o.put("classes", names);
      o.put("confusion_matrix", cm.counts());
      o.put("per_class", perClass);
      o.put("skipped", loaded.failures().size());
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
    } else {
      out.printf(Locale.ROOT, "accuracy %.4f (%d/%d images)%n", cm.accuracy(), cm.correct(), cm.total());
      out.println("confusion matrix (rows = true, columns = predicted):");
      int w = 10;
      for (String n : names) {
        w = Math.max(w, n.length() + 2);
      }
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", ""));
      for (String n : names) {
        head.append(String.format(Locale.ROOT, "%" + w + "s", n));
      }
      out.println(head);
      for (int c = 0; c < k; c++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", names.get(c)));
        for (int o = 0; o < k; o++) {
          row.append(String.format(Locale.ROOT, "%" + w + "d", cm.count(c, o)));
        }
        out.println(row);
      }
      out.printf(Locale.ROOT, "%-" + w + "s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support");
      for (Map<String, Object> e : perClass) {
        out.printf(Locale.ROOT, "%-" + w + "s %9.4f %9.4f %9.4f %8d%n", e.get("class"), e.get("precision"),
            e.get("recall"), e.get("f1"), e.get("support"));
      }
    }
    out.flush();
    err.flush();
    // with --json stdout holds only the JSON object, so the report's file is named on stderr
    boolean page = report.write(spec, reportFile, info -> EvaluateReport.build(model, m, data, samples,
        Evaluation.of("data", m, loaded, probabilities), info), json ? err : out, err);
    return loaded.failures().isEmpty() && page ? 0 : 1;
  }
}
