package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.augreg.core.AugregException;
import io.augreg.image.ImageReader;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.Failure;
import io.augreg.offline.ManifestLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page of an {@code augment} run: the totals, the failures with their reasons, the pipeline,
 * and a contact sheet of the first originals next to their copies, read from the manifest.
 */
public final class AugmentPage {
  /** Originals on the contact sheet. */
  static final int SHEET_SOURCES = 8;

  /** Copies shown per original. */
  static final int SHEET_COPIES = 5;

  private AugmentPage() {}

  /**
   * Builds the page.
   *
   * @param c the run's settings
   * @param r the run's totals
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(AugmentConfig c, AugmentReport r, RunInfo info) {
    List<Page.Section> sections = new ArrayList<>();
    sections.add(new Page.Section("totals", "Totals", List.of(new Block.Facts(List.of(
        new Block.Fact("input files", Integer.toString(r.sources()), "sources"),
        new Block.Fact("written", Integer.toString(r.written()), "written"),
        new Block.Fact("skipped (kept from an earlier run)", Integer.toString(r.skipped()), "skipped"),
        new Block.Fact("failed", Integer.toString(r.failures().size()), "failed"),
        new Block.Fact("time (s)", Format.one(r.seconds()), "seconds"),
        new Block.Fact("input files/s", Format.one(r.sources() / Math.max(r.seconds(), 1e-9))),
        new Block.Fact("manifest", r.manifest().toString()))))));
    if (!r.failures().isEmpty()) {
      List<List<Block.Cell>> rows = new ArrayList<>();
      for (Failure f : r.failures().subList(0, Math.min(RunReports.MAX_PROBLEMS, r.failures().size()))) {
        rows.add(List.of(Block.Cell.of(f.path().toString()), Block.Cell.of(f.reason())));
      }
      sections.add(new Page.Section("failures", "Failed inputs", List.of(new Block.Table("failures",
          r.failures().size() > rows.size() ? "the first " + rows.size() + " of " + r.failures().size() : null,
          List.of("file", "reason"), rows, true))));
    }
    sections.add(new Page.Section("pipeline", "Pipeline", List.of(new Block.Text(
        "Seed " + c.seed() + ", " + c.copies() + " copies per image" + (c.keepOriginal() ? " plus the original" : "")
            + "; the steps, in order (each with its probability p):",
        List.of(c.pipeline().toSpec().split("\\s*\\|\\s*"))))));
    sections.add(new Page.Section("sheet", "Originals and copies", List.of(sheet(c, r.manifest()))));
    sections.add(info.section());
    return new Page("augreg augment: " + c.output(), info.command(), sections);
  }

  /** The first originals (framed) followed by their first copies, captioned with what was applied. */
  private static Block.Gallery sheet(AugmentConfig c, Path manifest) {
    Map<String, List<JsonNode>> bySource = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      for (Iterator<String> it = in.lines().iterator(); it.hasNext(); ) {
        JsonNode line = ManifestLine.parse(it.next());
        String source = line.path("source").asText();
        if (!bySource.containsKey(source) && bySource.size() == SHEET_SOURCES) {
          break;
        }
        List<JsonNode> copies = bySource.computeIfAbsent(source, s -> new ArrayList<>());
        if (!line.path("copy").isNull() && copies.size() < SHEET_COPIES) {
          copies.add(line);
        }
      }
    } catch (IOException e) {
      throw new AugregException(manifest + ": cannot read it for the report (" + e.getMessage() + ")", e);
    }
    ImageReader reader = new ImageReader(c.maxPixels());
    List<Block.Thumb> thumbs = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : bySource.entrySet()) {
      Path original = Files.isDirectory(c.input()) ? c.input().resolve(e.getKey()) : c.input();
      thumbs.add(new Block.Thumb(Evaluation.thumbnail(reader, original), e.getKey(), List.of(e.getKey()), true));
      for (JsonNode copy : e.getValue()) {
        List<String> lines = new ArrayList<>();
        lines.add("copy " + copy.path("copy").asInt());
        for (JsonNode step : copy.path("steps")) {
          if (step.path("applied").asBoolean()) {
            lines.add(step(step));
          }
        }
        thumbs.add(new Block.Thumb(Evaluation.thumbnail(reader, c.output().resolve(copy.path("output").asText())),
            copy.path("output").asText(), lines, false));
      }
    }
    return new Block.Gallery("Framed: an original; after it its first copies, each with the steps"
        + " that were applied and their parameters (from the manifest)", thumbs, false);
  }

  /** {@code rotate angle=-2.21 border=reflect}: a step's numbers rounded, booleans left out. */
  private static String step(JsonNode step) {
    StringBuilder s = new StringBuilder(step.path("name").asText());
    step.path("params").properties().forEach(p -> {
      JsonNode v = p.getValue();
      if (v.isNumber()) {
        s.append(' ').append(p.getKey()).append('=').append(v.isIntegralNumber() ? v.asText()
            : String.format(Locale.ROOT, "%.2f", v.asDouble()));
      } else if (v.isTextual()) {
        s.append(' ').append(p.getKey()).append('=').append(v.asText());
      }
    });
    return s.toString();
  }
}
