package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.image.ImageFolder;
import io.augreg.imagetrain.ImageModel;
import io.augreg.report.Block;
import io.augreg.report.Evaluation;
import io.augreg.report.RunInfo;
import io.augreg.report.RunSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportOptionsTest {
  @TempDir Path tmp;

  @Test
  void commandLineAndEverySettingWithItsValue() {
    CommandLine cl = Main.commandLine();
    cl.parseArgs("football", "--no-pictures", "--lambda", "0.5", "--out", "a b/it's");
    RunInfo info = ReportOptions.info(cl.getSubcommands().get("football").getCommandSpec());
    assertEquals("augreg football --no-pictures --lambda 0.5 --out 'a b/it'\\''s'", info.command());
    List<Block.Fact> s = info.settings();
    assertTrue(s.contains(new Block.Fact("--lambda", "0.5")), s.toString());
    assertTrue(s.contains(new Block.Fact("--pictures", "false")), s.toString()); // --no-pictures given
    assertTrue(s.contains(new Block.Fact("--iterations", "30000")), s.toString()); // a default
    assertTrue(s.contains(new Block.Fact("--threads", "(none)")), s.toString());
    assertFalse(s.stream().anyMatch(f -> f.name().equals("--no-report") || f.name().equals("--help")), s.toString());
  }

  @Test
  void noReportAndTheRunsOwnSplit() throws Exception {
    Path data = tmp.resolve("data");
    for (String c : List.of("circles", "squares")) {
      Files.createDirectories(data.resolve(c));
      try (var files = Files.list(Path.of("samples", "shapes", c))) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.copy(p, data.resolve(c).resolve(p.getFileName()));
        }
      }
    }
    Path out = tmp.resolve("out");
    String[] args = {"--train", data.toString(), "--split", "50/25/25", "--size", "8x8", "--layers", "2",
        "--epochs", "1", "--threads", "1", "--seed", "5", "--out", out.toString(), "--no-report"};
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(List.of(args));
    CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("wrote "), r.out());
    assertFalse(Files.exists(out.resolve("report.html")));

    TrainCommand cmd = new TrainCommand();
    new CommandLine(cmd).parseArgs(args);
    RunSamples s = RunSamples.of(cmd.config());
    JsonNode d = new ObjectMapper().readTree(out.resolve("model.json").toFile()).path("data");
    assertEquals(d.path("train_images").asInt(), s.train().size());
    assertEquals(d.path("dev_images").asInt(), s.dev().size());
    assertEquals(d.path("test_images").asInt(), s.test().size());
    Set<Path> seen = new HashSet<>();
    for (List<ImageFolder.Sample> set : List.of(s.train(), s.dev(), s.test())) {
      for (ImageFolder.Sample x : set) {
        assertTrue(seen.add(x.file().path()), "in two sets: " + x);
      }
    }
    assertEquals(8, seen.size());
    assertEquals(List.of(2, 1, 1), List.of(count(s.train(), 0), count(s.dev(), 0), count(s.test(), 0)));
    // the saved model on these dev and test files scores what the run reported
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    ImageModel model = ImageModel.load(out);
    assertEquals(report.path("dev_accuracy").asDouble(),
        Evaluation.measure("dev", model, s.dev(), 1).matrix().accuracy(), 1e-12);
    assertEquals(report.path("test_accuracy").asDouble(),
        Evaluation.measure("test", model, s.test(), 1).matrix().accuracy(), 1e-12);
  }

  private static int count(List<ImageFolder.Sample> set, int label) {
    return (int) set.stream().filter(x -> x.label() == label).count();
  }
}
