package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageFolder;
import io.augreg.imagetrain.ImageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The page of an {@code evaluate} run: the model, the data and the evaluation parts. */
public final class EvaluateReport {
  private EvaluateReport() {}

  /**
   * Builds the page.
   *
   * @param modelDir the model folder ({@code model.json} names its network)
   * @param model the loaded model
   * @param data the labelled folder
   * @param samples its images, labelled with the model's classes
   * @param evaluation the results
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(Path modelDir, ImageModel model, Path data, List<ImageFolder.Sample> samples,
      Evaluation evaluation, RunInfo info) {
    List<Page.Section> sections = new ArrayList<>();
    sections.add(new Page.Section("evaluation", "Evaluation on " + data, evaluation.blocks(data)));
    List<Block.Fact> facts = new ArrayList<>();
    facts.add(new Block.Fact("model", modelDir.toString()));
    Path json = modelDir.resolve("model.json");
    if (Files.isRegularFile(json)) {
      JsonNode m = RunFiles.json(json);
      JsonNode arch = m.path("architecture");
      if (arch.path("spec").isTextual()) {
        facts.add(new Block.Fact("network", arch.path("spec").asText()));
      } else if (arch.path("sizes").isArray()) {
        List<String> sizes = new ArrayList<>();
        arch.path("sizes").forEach(n -> sizes.add(n.asText()));
        facts.add(new Block.Fact("network", "mlp " + String.join("-", sizes)));
      }
      if (m.path("data").isObject()) {
        facts.add(new Block.Fact("trained on", m.path("data").path("train").asText()));
      }
      if (m.path("pipeline").isTextual()) {
        facts.add(new Block.Fact("training augmentation", m.path("pipeline").asText()));
      }
    }
    facts.add(new Block.Fact("input", model.format().width() + "x" + model.format().height() + "x"
        + model.format().channels()));
    facts.add(new Block.Fact("labels", String.join(", ", model.labels().labelNames())));
    sections.add(new Page.Section("model", "Model", List.of(new Block.Facts(facts))));
    RunSamples counts = new RunSamples(model.labels().classes(), List.of(), List.of(), samples);
    List<Block> dataBlocks = new ArrayList<>();
    dataBlocks.add(counts.counts("images", samples));
    if (!evaluation.failures().isEmpty()) {
      dataBlocks.add(RunReports.problems(
          evaluation.failures().stream().map(BadImageException::getMessage).toList()));
    }
    sections.add(new Page.Section("data", "Data", dataBlocks));
    sections.add(info.section());
    return new Page("augreg evaluate: " + data, info.command(), sections);
  }
}
