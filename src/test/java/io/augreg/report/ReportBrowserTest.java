package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's report page in headless Chromium: it renders without console errors, makes no
 * request, every image decodes, the numbers equal the run's own ({@code report.json}, {@code
 * --json}), and hostile names show as text. One browser for the class; tiny runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest {
  /** Class folders whose names would run script or load an image if they were not escaped. */
  static final String TAGS = "a<b>&\"c'";
  static final String IMG = "dog <img src=x onerror=alert(1)>";

  @TempDir static Path tmp;
  private static Chromium browser;
  private static Path data;
  private static Path model;

  @BeforeAll
  static void start() throws Exception {
    browser = Chromium.start();
    data = tmp.resolve("data");
    copy(Path.of("samples", "shapes", "circles"), data.resolve(TAGS));
    copy(Path.of("samples", "shapes", "squares"), data.resolve(IMG));
    model = tmp.resolve("train");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.copy(p, to.resolve(p.getFileName().toString()));
      }
    }
  }

  /**
   * The file the console's {@code report: FILE} line names: the last line, or for {@code train}
   * the line before the last, which says where the model is.
   */
  private static Path named(String console) throws java.io.IOException {
    String[] lines = console.strip().split("\n");
    String last = lines[lines.length - 1];
    if (last.startsWith("wrote ") && lines.length > 1) {
      last = lines[lines.length - 2];
    }
    assertTrue(last.startsWith("report: "), console);
    Path p = Path.of(last.substring("report: ".length()).strip());
    assertTrue(Files.size(p) > 1000, p.toString());
    return p;
  }

  /**
   * Each {@code data-key} text equals the JSON value at that dotted path, to the shown decimals
   * (numbers) or exactly (text); every key in {@code required} is on the page.
   */
  private static void assertNumbers(Map<String, String> keyed, JsonNode json, List<String> required) {
    for (String k : required) {
      assertTrue(keyed.containsKey(k), "page lacks " + k + ": " + keyed.keySet());
    }
    for (Map.Entry<String, String> e : keyed.entrySet()) {
      JsonNode v = json;
      for (String part : e.getKey().split("\\.(?=[a-z_]+$)")) {
        v = v.path(part);
      }
      String shown = e.getValue().strip();
      if (v.isNumber()) {
        int dot = shown.indexOf('.');
        int decimals = dot < 0 ? 0 : shown.length() - dot - 1;
        assertEquals(v.asDouble(), Double.parseDouble(shown), 0.5 * Math.pow(10, -decimals) + 1e-12,
            e.getKey());
      } else if (v.isNull() || v.isMissingNode()) {
        assertEquals("-", shown, e.getKey() + " is not in the JSON");
      } else {
        assertEquals(v.asText(), shown, e.getKey());
      }
    }
  }

  @Test
  @Order(1)
  void trainPage() throws Exception {
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--dev", data.toString(),
        "--test", data.toString(), "--size", "16x16", "--layers", "4", "--epochs", "4", "--batch", "4",
        "--augment", "hflip p=0.5 | rotate deg=-10..10", "--threads", "1", "--seed", "2",
        "--out", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path page = named(r.out());
    assertEquals(model.resolve("report.html").toAbsolutePath(), page.toAbsolutePath());
    Chromium.Visit v = browser.open(page);
    Chromium.assertClean(v, page);
    // the augmentation strip: 6 images, each as read and in 3 epochs; plus the wrong dev/test images
    assertTrue(v.images() >= TrainReport.STRIP_IMAGES * (1 + TrainReport.STRIP_EPOCHS), "" + v.images());
    JsonNode report = new ObjectMapper().readTree(model.resolve("report.json").toFile());
    assertNumbers(v.keyed(), report, List.of("train_accuracy", "dev_accuracy", "test_accuracy",
        "best_epoch", "stop_epoch", "stop_reason", "seconds", "samples_per_second",
        "diagnosis.train_error", "diagnosis.hold_out_error", "diagnosis.base_error"));
    @SuppressWarnings("unchecked")
    List<String> classes = (List<String>) browser.script(
        "return Array.from(document.querySelectorAll('#class-counts tbody tr td:first-child'))"
            + ".map(td => td.textContent);");
    assertEquals(List.of(TAGS, IMG, "all"), classes);
    assertEquals(1L, browser.script("return document.scripts.length;"));
    String command = (String) browser.script("return document.getElementById('command').textContent;");
    assertTrue(command.contains("'" + data.resolve(TAGS).getParent() + "'") || command.contains(data.toString()), command);
  }

  @Test
  @Order(2)
  void evaluatePage() throws Exception {
    Path file = tmp.resolve("evaluate.html");
    CliHarness.Result r = CliHarness.run("evaluate", "--model", model.toString(), "--data", data.toString(),
        "--json", "--report", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out()); // stdout is only the JSON
    assertEquals(file.toAbsolutePath(), named(r.err()).toAbsolutePath());
    Chromium.Visit v = browser.open(file);
    Chromium.assertClean(v, file);
    assertEquals(Format.number(json.path("accuracy").asDouble()), v.keyed().get("data_accuracy"));
    @SuppressWarnings("unchecked")
    List<String> counts = (List<String>) browser.script(
        "return Array.from(document.querySelectorAll('#data-confusion tbody td'))"
            + ".map(td => td.textContent);");
    List<String> expected = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      expected.add(List.of(TAGS, IMG).get(t));
      for (JsonNode c : json.path("confusion_matrix").get(t)) {
        expected.add(c.asText());
      }
    }
    assertEquals(expected, counts);
  }

  @Test
  @Order(3)
  void augmentPage() throws Exception {
    Path out = tmp.resolve("augmented");
    CliHarness.Result r = CliHarness.run("augment", data.toString(), out.toString(), "--copies", "2",
        "--keep-original", "--threads", "1");
    assertEquals(0, r.exitCode(), r.err());
    Path page = named(r.out());
    Chromium.Visit v = browser.open(page);
    Chromium.assertClean(v, page);
    assertEquals(8 * 3, v.images()); // 8 originals, each with its 2 copies
    assertEquals(Map.of("sources", "8", "written", "24", "skipped", "0", "failed", "0"),
        Map.of("sources", v.keyed().get("sources"), "written", v.keyed().get("written"),
            "skipped", v.keyed().get("skipped"), "failed", v.keyed().get("failed")));
    assertTrue(r.out().contains("24 written, 0 skipped, 0 failed (8 input files)"), r.out());
    // a folder written by augment can be augmented again: its manifest and page are not inputs
    CliHarness.Result again = CliHarness.run("augment", out.toString(), tmp.resolve("again").toString(),
        "--copies", "1", "--no-report");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("(24 input files)"), again.out());
  }

  @Test
  @Order(4)
  void footballPage() throws Exception {
    Path out = tmp.resolve("football");
    CliHarness.Result r = CliHarness.run("football", "--iterations", "600", "--eval-every", "100",
        "--json", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path page = named(r.err());
    Chromium.Visit v = browser.open(page);
    Chromium.assertClean(v, page);
    assertEquals(3, v.images()); // the three decision boundaries
    JsonNode runs = new ObjectMapper().readTree(r.out()).path("runs");
    List<String> keys = new ArrayList<>();
    com.fasterxml.jackson.databind.node.ObjectNode byMode = new ObjectMapper().createObjectNode();
    for (JsonNode run : runs) {
      byMode.set(run.path("mode").asText(), run);
      for (String k : List.of("train_accuracy", "test_accuracy", "final_cost")) {
        keys.add(run.path("mode").asText() + "." + k);
      }
    }
    assertNumbers(v.keyed(), byMode, keys);
    // a click on "test accuracy" sorts the runs by it, ascending
    browser.script("document.querySelectorAll('#runs-table th')[2].click();");
    @SuppressWarnings("unchecked")
    List<String> sorted = (List<String>) browser.script(
        "return Array.from(document.querySelectorAll('#runs-table tbody tr td:nth-child(3)'))"
            + ".map(td => td.textContent);");
    List<String> expected = new ArrayList<>(sorted);
    expected.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
    assertEquals(expected, sorted);
  }

  @Test
  @Order(5)
  void tunePage() throws Exception {
    Path out = tmp.resolve("sweep");
    CliHarness.Result r = CliHarness.run("football", "--sweep", "l2=0,0.7", "--iterations", "300",
        "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path page = named(r.out());
    assertEquals(out.resolve("sweep").resolve("report.html").toAbsolutePath(), page.toAbsolutePath());
    Chromium.Visit v = browser.open(page);
    Chromium.assertClean(v, page);
    assertEquals(1, v.images()); // the validation curve of l2
    JsonNode results = new ObjectMapper().readTree(out.resolve("sweep").resolve("results.json").toFile());
    Map<String, String> keyed = v.keyed();
    assertTrue(keyed.containsKey("best.dev_error.mean"), keyed.keySet().toString());
    assertTrue(keyed.containsKey("cells.1.train_error.mean"), keyed.keySet().toString());
    for (Map.Entry<String, String> e : keyed.entrySet()) {
      JsonNode at = results;
      for (String part : e.getKey().split("\\.")) {
        at = part.matches("\\d+") ? at.path(Integer.parseInt(part)) : at.path(part);
      }
      String shown = e.getValue().strip().split(" ")[0];
      if (at.isNumber()) {
        int dot = shown.indexOf('.');
        int decimals = dot < 0 ? 0 : shown.length() - dot - 1;
        assertEquals(at.asDouble(), Double.parseDouble(shown), 0.5 * Math.pow(10, -decimals) + 1e-12,
            e.getKey());
      } else {
        assertEquals(at.asText(), shown, e.getKey());
      }
    }
    @SuppressWarnings("unchecked")
    List<String> l2 = (List<String>) browser.script(
        "return Array.from(document.querySelectorAll('#tune-results tbody tr td:nth-child(3)'))"
            + ".map(td => td.textContent);");
    assertEquals(List.of("0", "0.7"), l2);
  }

  @Test
  @Order(6)
  void scriptInANameShowsAsText() throws Exception {
    String name = "<script>alert(1)</script>";
    Page p = new Page(name, "augreg evaluate --data '" + name + "'", List.of(new Page.Section("x", name, List.of(
        new Block.Facts(List.of(new Block.Fact(name, name, "name"))),
        new Block.Table("t", name, List.of("class", name), List.of(List.of(Block.Cell.of(name), Block.Cell.of(1L))), true),
        new Block.Gallery(name, List.of(new Block.Thumb(Thumbnails.of(
            new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)), name,
            List.of(name), true)), false),
        new Block.Text(name, List.of(name))))));
    Path file = PageWriter.write(p, tmp.resolve("script.html"));
    Chromium.Visit v = browser.open(file);
    Chromium.assertClean(v, file);
    browser.assertNoAlert();
    assertEquals(name, v.keyed().get("name"));
    assertEquals(name, browser.script("return document.querySelector('#t tbody td').textContent;"));
    assertEquals(name, browser.script("return document.title;"));
    assertEquals(name, browser.script("return document.querySelector('figure img').alt;"));
    assertEquals(1L, browser.script("return document.scripts.length;"));
  }
}
