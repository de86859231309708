package io.augreg.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The page of a {@code tune}: the chosen setting with its verdict, what to try next and the test
 * result (measured once, apart); every cell in a sortable table; the validation and learning
 * curves the tune drew. Built from the files the tune wrote ({@code results.json} and its PNGs), so
 * the page shows exactly what they hold.
 */
public final class TunePage {
  private TunePage() {}

  /**
   * Builds the page.
   *
   * @param out the tune's folder (with {@code results.json})
   * @param info the command line and settings
   * @return the page
   */
  public static Page build(Path out, RunInfo info) {
    JsonNode r = RunFiles.json(out.resolve("results.json"));
    List<Page.Section> sections = new ArrayList<>();
    sections.add(new Page.Section("choice", "Chosen on the dev set", choice(r)));
    sections.add(new Page.Section("results", "Every setting", List.of(
        Block.Text.of("Errors are mean ± sample standard deviation over the seeds; the test column is"
            + " filled only for the chosen setting's final runs."),
        table(r))));
    List<Block.Thumb> curves = curves(out);
    if (!curves.isEmpty()) {
      sections.add(new Page.Section("curves", "Validation and learning curves", List.of(
          new Block.Gallery("Train and dev error against each searched option (a slice through the"
              + " best setting) and against the training-set size", curves, true))));
    }
    List<String> failures = new ArrayList<>();
    r.path("failures").forEach(f -> failures.add(f.asText()));
    if (!failures.isEmpty()) {
      sections.add(new Page.Section("failures", "Runs that failed", List.of(
          RunReports.problems(failures))));
    }
    sections.add(info.section());
    return new Page("augreg tune", info.command(), sections);
  }

  private static List<Block> choice(JsonNode r) {
    JsonNode best = r.path("best");
    List<Block> blocks = new ArrayList<>();
    if (best.isMissingNode() || best.isNull()) {
      blocks.add(Block.Text.of("No setting finished, so none was chosen."));
      return blocks;
    }
    List<Block.Fact> facts = new ArrayList<>();
    facts.add(new Block.Fact("setting", best.path("label").asText()));
    facts.add(new Block.Fact("seeds", best.path("seeds").asText(), "best.seeds"));
    facts.add(new Block.Fact("train error", stat(best.path("train_error")), "best.train_error.mean"));
    facts.add(new Block.Fact("dev error", stat(best.path("dev_error")), "best.dev_error.mean"));
    facts.add(new Block.Fact("verdict", best.path("summary").asText()));
    JsonNode test = r.path("test");
    if (!test.isMissingNode() && !test.isNull()) {
      facts.add(new Block.Fact("test accuracy (" + test.path("seeds").asText() + " seeds)",
          stat(test.path("test_accuracy")), "test.test_accuracy.mean"));
    }
    blocks.add(new Block.Facts(facts));
    String advice = r.path("recommendation").asText("");
    if (!advice.isEmpty()) {
      blocks.add(Block.Text.of("What to try next: " + advice));
    }
    return blocks;
  }

  private static Block.Table table(JsonNode r) {
    List<String> keys = new ArrayList<>();
    r.path("searched").forEach(k -> keys.add(k.asText()));
    List<String> header = new ArrayList<>(List.of("phase", "round"));
    header.addAll(keys);
    header.addAll(List.of("seeds", "train error", "dev error", "test error", "stop epoch", "verdict"));
    List<List<Block.Cell>> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode c : r.path("cells")) {
      List<Block.Cell> row = new ArrayList<>();
      row.add(Block.Cell.of(c.path("phase").asText()));
      row.add(Block.Cell.of(c.path("round").asLong()));
      for (String k : keys) {
        row.add(Block.Cell.of(c.path("setting").path(k).asText("")));
      }
      row.add(Block.Cell.of(c.path("seeds").asLong()));
      for (String e : List.of("train_error", "dev_error", "test_error")) {
        row.add(keyed(c.path(e), "cells." + i + "." + e + ".mean"));
      }
      row.add(Block.Cell.of(RunFiles.num(c, "stop_epoch_mean")));
      row.add(Block.Cell.of(c.path("verdict").asText()));
      rows.add(row);
      i++;
    }
    return new Block.Table("tune-results", "Click a header to sort", header, rows, true);
  }

  /** A mean ± sd cell that sorts by the mean and carries its {@code results.json} key. */
  private static Block.Cell keyed(JsonNode stat, String key) {
    double mean = RunFiles.num(stat, "mean");
    if (!Double.isFinite(mean)) {
      return Block.Cell.of("");
    }
    return new Block.Cell(stat(stat), mean, 0, key);
  }

  private static String stat(JsonNode s) {
    double mean = RunFiles.num(s, "mean");
    double sd = RunFiles.num(s, "sd");
    return Format.number(mean) + (Double.isFinite(sd) ? " ± " + Format.number(sd) : "");
  }

  /** The tune's PNG curves: validation curves by option name, then the learning curve. */
  private static List<Block.Thumb> curves(Path out) {
    Map<String, Path> found = new TreeMap<>();
    try (DirectoryStream<Path> pngs = Files.newDirectoryStream(out, "validation-*.png")) {
      for (Path p : pngs) {
        found.put(p.getFileName().toString(), p);
      }
    } catch (IOException e) {
      return List.of();
    }
    List<Block.Thumb> thumbs = new ArrayList<>();
    for (Path p : found.values()) {
      String name = p.getFileName().toString();
      String option = name.substring("validation-".length(), name.length() - ".png".length());
      thumbs.add(new Block.Thumb(RunFiles.png(p), "validation curve: " + option,
          List.of("validation curve: " + option), false));
    }
    Path learning = out.resolve("learning-curve.png");
    if (Files.isRegularFile(learning)) {
      thumbs.add(new Block.Thumb(RunFiles.png(learning), "learning curve",
          List.of("learning curve"), false));
    }
    return thumbs;
  }
}
