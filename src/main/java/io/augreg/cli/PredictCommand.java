package io.augreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageReader;
import io.augreg.imagetrain.ImageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code augreg predict}: class and probabilities of single images. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Predicts the class of each IMAGE with a model written by 'augreg train --out DIR'"
        + " and prints the probability of every label. Unreadable images are reported and skipped"
        + " (exit 1).")
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder.")
  Path model;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @Option(names = "--json", description = "Print a JSON array instead of lines (default: ${DEFAULT-VALUE}).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ImageModel m = ImageModel.load(model);
    ImageReader reader = new ImageReader();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Map<String, Object>> rows = new ArrayList<>();
    int failed = 0;
    for (Path p : images) {
      ImageModel.Prediction pred;
      try {
        pred = m.predict(p, reader);
      } catch (BadImageException e) {
        err.println("augreg predict: skipped " + e.getMessage());
        failed++;
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("image", p.toString());
      row.put("class", pred.className());
      row.put("probabilities", pred.probabilities());
      rows.add(row);
      if (!json) {
        StringBuilder sb = new StringBuilder(p + ": " + pred.className() + " ");
        pred.probabilities().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        out.println(sb);
      }
    }
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
    }
    out.flush();
    err.flush();
    return failed == 0 ? 0 : 1;
  }
}
