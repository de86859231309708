package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.data.MatFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path tmp;

  /** A copy of samples/shapes (8 images, 2 classes) under tmp/NAME. */
  private Path shapes(String name) throws Exception {
    Path root = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(Path.of("samples", "shapes"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path rel = Path.of("samples", "shapes").relativize(p);
        if (Files.isDirectory(p)) {
          Files.createDirectories(root.resolve(rel.toString()));
        } else {
          Files.copy(p, root.resolve(rel.toString()));
        }
      }
    }
    return root;
  }

  @Test
  void trainsWithAugmentationWritesEverythingThenEvaluatesAndPredicts() throws Exception {
    Path data = shapes("shapes");
    Files.writeString(data.resolve("circles/bad.png"), "truncated");
    Path out = tmp.resolve("out");
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--dev", data.toString(),
        "--size", "16x16", "--layers", "8,4", "--epochs", "6", "--batch", "4", "--lr", "0.01",
        "--augment", "hflip p=0.5 | rotate deg=-10..10", "--l2", "0.1", "--keep-prob", "0.9",
        "--patience", "3", "--threads", "2", "--seed", "3", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.err()); // a bad file was skipped, training went on
    assertTrue(r.err().contains("bad.png"), r.err());
    assertTrue(r.out().contains("diagnosis (base error 0): "), r.out());
    assertTrue(r.out().contains("stopped:"), r.out());
    for (String f : List.of("model.mat", "model.json", "history.csv", "report.json", "loss.png", "accuracy.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    List<String> keys = new ArrayList<>();
    report.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("train_accuracy", "dev_accuracy", "test_accuracy", "best_epoch", "stop_epoch",
        "stop_reason", "diagnosis", "samples_per_second", "seconds", "architecture", "compute"), keys);
    assertEquals("dense units=8 act=relu | dropout keep=0.9 spatial=false | dense units=4 act=relu"
        + " | dropout keep=0.9 spatial=false", report.path("architecture").asText());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("circles", model.path("classes").get(0).asText());
    assertEquals(16, model.path("input").path("width").asInt());
    assertTrue(model.path("pipeline").asText().contains("hflip"));
    assertEquals(3, model.path("seed").asInt());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,train_cost,dev_cost,train_accuracy,dev_accuracy,lr", history.get(0));
    assertEquals(report.path("stop_epoch").asInt(), history.size() - 1);

    CliHarness.Result ev = CliHarness.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--json");
    assertEquals(1, ev.exitCode(), ev.err());
    JsonNode e = new ObjectMapper().readTree(ev.out());
    assertTrue(e.has("accuracy") && e.has("confusion_matrix") && e.has("classes") && e.has("per_class"));
    long total = 0;
    for (JsonNode row : e.path("confusion_matrix")) {
      for (JsonNode v : row) {
        total += v.asLong();
      }
    }
    assertEquals(8, total);

    CliHarness.Result p = CliHarness.run("predict", "--model", out.toString(),
        data.resolve("squares/square0.png").toString(), "--json");
    assertEquals(0, p.exitCode(), p.err());
    JsonNode probs = new ObjectMapper().readTree(p.out()).get(0).path("probabilities");
    assertEquals(1.0, probs.path("circles").asDouble() + probs.path("squares").asDouble(), 1e-12);

    CliHarness.Result mismatch = CliHarness.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--size", "32x32");
    assertEquals(2, mismatch.exitCode());
    assertTrue(mismatch.err().contains("does not match"), mismatch.err());
  }

  @Test
  void softmaxWithFullBatchGradientDescent() throws Exception {
    Path data = shapes("three");
    Files.createDirectories(data.resolve("zeta"));
    Files.copy(data.resolve("circles/circle0.png"), data.resolve("zeta/a.png"));
    Files.copy(data.resolve("squares/square0.png"), data.resolve("zeta/b.png"));
    Path out = tmp.resolve("soft");
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--size", "8x8", "--gray",
        "--normalize", "channel", "--layers", "6", "--epochs", "30", "--batch", "full", "--optimizer", "gd",
        "--lr", "0.1", "--init", "numpy", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("softmax"), r.out());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("SOFTMAX", model.path("architecture").path("output").asText());
    assertEquals(3, model.path("architecture").path("outputs").asInt());
    assertEquals(30, Files.readAllLines(out.resolve("history.csv")).size() - 1);
  }

  /**
   * Eight shapes, 3 full-batch GD steps at lr 0.01: the network still predicts one class (train
   * error 50%). Against base error 0 that is high bias; against 0.48 the avoidable bias is 2%,
   * below the 5% threshold: fine. On the MLP path with a dev set and on the --arch path.
   */
  @Test
  void baseErrorChangesTheDiagnosisOfBothPaths() throws Exception {
    Path data = shapes("base");
    String[] mlp = {"train", "--train", data.toString(), "--dev", data.toString(), "--size", "8x8",
        "--gray", "--layers", "4", "--epochs", "3", "--batch", "full", "--optimizer", "gd", "--lr",
        "0.01", "--threads", "1", "--out", tmp.resolve("mlp").toString()};
    CliHarness.Result zero = CliHarness.run(mlp);
    // the second run replaces the first in the same --out
    CliHarness.Result base = CliHarness.run(with(mlp, "--base-error", "0.48", "--overwrite"));
    assertEquals(0, zero.exitCode(), zero.err());
    assertEquals(0, base.exitCode(), base.err());
    assertTrue(zero.out().contains("diagnosis (base error 0): high bias (underfitting) — train error"
        + " 50.0%, dev error 50.0%, base error 0.0%\n  try: bigger network"), zero.out());
    assertTrue(base.out().contains("diagnosis (base error 0.48): fine (low bias, low variance) — train"
        + " error 50.0%, dev error 50.0%, base error 48.0%\nreport: "), base.out());
    JsonNode report = new ObjectMapper().readTree(tmp.resolve("mlp/report.json").toFile());
    assertEquals(0.48, report.path("diagnosis").path("base_error").asDouble());
    assertEquals("FINE", report.path("diagnosis").path("verdict").asText());
    assertEquals("dev", report.path("diagnosis").path("hold_out").asText());
    assertEquals(0.5, report.path("diagnosis").path("hold_out_error").asDouble(), 1e-12);
    assertEquals(0.5, report.path("diagnosis").path("dev_error").asDouble(), 1e-12);

    String[] conv = {"train", "--train", data.toString(), "--size", "8x8", "--gray", "--arch",
        "conv filters=2 k=3 | pool k=2", "--epochs", "1", "--batch", "full", "--optimizer", "gd",
        "--lr", "0.001", "--threads", "1", "--out", tmp.resolve("conv").toString()};
    zero = CliHarness.run(conv);
    base = CliHarness.run(with(conv, "--base-error", "0.48", "--overwrite"));
    assertEquals(0, zero.exitCode(), zero.err());
    assertEquals(0, base.exitCode(), base.err());
    assertTrue(zero.out().contains("diagnosis (base error 0): high bias (underfitting) — train error"
        + " 50.0%, no dev set"), zero.out());
    assertTrue(base.out().contains("diagnosis (base error 0.48): low bias (variance not judged) — train"
        + " error 50.0%, no dev set"), base.out());
    report = new ObjectMapper().readTree(tmp.resolve("conv/report.json").toFile());
    assertEquals(0.48, report.path("diagnosis").path("base_error").asDouble());
    assertTrue(report.path("diagnosis").path("hold_out").isNull(), report.toString());
    assertTrue(report.path("diagnosis").path("hold_out_error").isNull(), report.toString());
    assertTrue(report.path("diagnosis").path("dev_error").isNull(), report.toString());
  }

  /**
   * No dev set, a test set: both paths judge variance on the test set. The same training (8 shapes,
   * Adam, seed fixed) reaches train error 12.5%; against base error 0.1 that is no high bias. Tested
   * on the training images themselves (test error 12.5%) the verdict is fine; on the same images
   * with the two labels swapped (test error 87.5%) it is high variance, so the verdict comes from
   * the test error alone.
   */
  @Test
  void withoutADevSetBothPathsDiagnoseVarianceOnTheTestSet() throws Exception {
    Path data = shapes("holdout");
    Path swapped = tmp.resolve("swapped");
    for (String[] from : new String[][] {{"circles", "squares"}, {"squares", "circles"}}) {
      Files.createDirectories(swapped.resolve(from[1]));
      try (Stream<Path> s = Files.list(data.resolve(from[0]))) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.copy(p, swapped.resolve(from[1]).resolve(p.getFileName().toString()));
        }
      }
    }
    String[] common = {"--train", data.toString(), "--size", "8x8", "--gray", "--batch", "full",
        "--optimizer", "adam", "--threads", "1", "--base-error", "0.1"};
    String[] conv = with(with(new String[] {"train"}, common), "--arch",
        "conv filters=2 k=3 | pool k=2", "--epochs", "30", "--lr", "0.05");
    String[] mlp = with(with(new String[] {"train"}, common), "--layers", "8", "--epochs", "60",
        "--lr", "0.01");
    String heading = "diagnosis (no dev set: the test set is the hold-out; base error 0.1): ";
    for (String[] run : new String[][] {conv, mlp}) {
      String name = run == conv ? "conv" : "mlp";
      CliHarness.Result same = CliHarness.run(with(run, "--test", data.toString(), "--out",
          tmp.resolve(name + "-same").toString()));
      CliHarness.Result swap = CliHarness.run(with(run, "--test", swapped.toString(), "--out",
          tmp.resolve(name + "-swap").toString()));
      assertEquals(0, same.exitCode(), same.err());
      assertEquals(0, swap.exitCode(), swap.err());
      assertTrue(same.out().contains("accuracy: train 0.8750  dev -  test 0.8750\n" + heading
          + "fine (low bias, low variance) — train error 12.5%, test error 12.5%, base error 10.0%\n"
          + "report: "), name + ": " + same.out());
      assertTrue(swap.out().contains("accuracy: train 0.8750  dev -  test 0.1250\n" + heading
          + "high variance (overfitting) — train error 12.5%, test error 87.5%, base error 10.0%\n"
          + "  try: more data (or data augmentation); regularization (L2, dropout, early stopping);"
          + " a better-suited architecture\nreport: "), name + ": " + swap.out());
      JsonNode d = new ObjectMapper().readTree(tmp.resolve(name + "-swap/report.json").toFile())
          .path("diagnosis");
      assertEquals("HIGH_VARIANCE", d.path("verdict").asText(), name);
      assertEquals(0.125, d.path("train_error").asDouble(), 1e-12, name);
      assertEquals(0.875, d.path("hold_out_error").asDouble(), 1e-12, name);
      // a test error is not a dev error: dev_error stays null without a dev set
      assertTrue(d.path("dev_error").isNull(), name + ": " + d);
      assertEquals(0.1, d.path("base_error").asDouble(), 1e-12, name);
      assertEquals("test", d.path("hold_out").asText(), name);
      assertTrue(d.path("summary").asText().startsWith("high variance (overfitting) — train error"
          + " 12.5%, test error 87.5%"), name + ": " + d);
      assertEquals(3, d.path("remedies").size(), name);
      JsonNode fine = new ObjectMapper().readTree(tmp.resolve(name + "-same/report.json").toFile())
          .path("diagnosis");
      assertEquals("FINE", fine.path("verdict").asText(), name);
      assertEquals(0.125, fine.path("hold_out_error").asDouble(), 1e-12, name);
      assertTrue(fine.path("dev_error").isNull(), name + ": " + fine);
      assertEquals(0, fine.path("remedies").size(), name);
    }
  }

  @Test
  void baseErrorOutsideZeroToOneExits2NamingTheOption() throws Exception {
    Path ok = shapes("badbase");
    for (String[] bad : new String[][] {{"-0.1", "-0.1"}, {"1", "1.0"}, {"NaN", "NaN"}}) {
      CliHarness.Result r = CliHarness.run("train", "--train", ok.toString(), "--base-error", bad[0],
          "--out", tmp.resolve("o").toString());
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("augreg train: --base-error must be in [0, 1), got " + bad[1],
          r.err().lines().findFirst().orElse(""));
      assertEquals("", r.out());
    }
    CliHarness.Result r = CliHarness.run("train", "--train", ok.toString(), "--base-error", "abc",
        "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertEquals("augreg train: Invalid value for option '--base-error': 'abc' is not a double",
        r.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  @Test
  void negativeWeightDecayExits2NamingTheOption() throws Exception {
    Path ok = shapes("badwd");
    CliHarness.Result r = CliHarness.run("train", "--train", ok.toString(), "--weight-decay", "-5e-4",
        "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("augreg train: --weight-decay must be >= 0, got -5.0E-4",
        r.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  @Test
  void helpShowsTheBaseErrorAndItsDefault() {
    String flat = CliHarness.run("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("--base-error=E Base (Bayes/human) error the bias/variance diagnosis"
        + " measures avoidable bias from, a fraction in [0, 1): train error - E above 0.05 is high"
        + " bias (default: 0.0)."), flat);
  }

  /** The listing of a folder tree (relative paths, sizes), to show that nothing was written. */
  private static List<String> listing(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + p.toFile().length() : "/"))
          .sorted().toList();
    }
  }

  /**
   * A bad --out (an existing file, below a file, inside an input folder, uncreatable) fails before
   * any training, for both networks: exit 2, one message naming --out, nothing on stdout (no
   * opening line: the data were not even read), nothing written anywhere.
   */
  @Test
  void badOutIsRefusedBeforeTraining() throws Exception {
    Path data = shapes("outcheck");
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    List<String> before = listing(data);
    String[][] nets = {{"--layers", "4"}, {"--arch", "conv filters=2 k=3 | pool k=2"}};
    for (String[] net : nets) {
      String[] run = with(with(new String[] {"train", "--train", data.toString(), "--size", "8x8",
          "--epochs", "2", "--threads", "1"}, net), "--out");
      CliHarness.Result r = CliHarness.run(with(run, file.toString()));
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("augreg train: --out " + file + " exists and is not a folder", r.err().strip());
      assertEquals("", r.out());
      r = CliHarness.run(with(run, file.resolve("sub").toString()));
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("augreg train: --out " + file.resolve("sub") + ": cannot create it, " + file
          + " is a file", r.err().strip());
      assertEquals("", r.out());
      for (Path inside : List.of(data, data.resolve("circles"), data.resolve("circles/new"))) {
        r = CliHarness.run(with(run, inside.toString()));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("augreg train: --out " + inside
            + (inside.equals(data) ? " is the --train folder " : " is inside the --train folder ")
            + data + "; choose an output folder outside the inputs"), r.err());
        assertEquals("", r.out());
      }
      if (Files.isDirectory(Path.of("/proc/self"))) { // Linux: no folder can be created in /proc
        r = CliHarness.run(with(run, "/proc/x"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("augreg train: --out /proc/x: cannot create or write the folder ("),
            r.err());
        assertEquals("", r.out());
      }
    }
    assertEquals(before, listing(data));
    assertEquals("x", Files.readString(file));
    // a good --out that does not exist yet is created by the run (the check leaves nothing behind)
    Path good = tmp.resolve("new/deeper/out");
    CliHarness.Result r = CliHarness.run("train", "--train", data.toString(), "--size", "8x8",
        "--layers", "4", "--epochs", "1", "--threads", "1", "--out", good.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(good.resolve("model.json")));
    try (Stream<Path> s = Files.list(good)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".augreg-write-check")));
    }
  }

  /**
   * The opening lines (classes, counts, input, network) come first, with the parameter count of
   * each network: the MLP 64 → 4 → 1 has 4·65 + 5 = 265 parameters; the conv net 2·(9 + 1) = 20 in
   * the conv layer and 32 + 1 = 33 in the output unit (pooled 4x4x2), 53.
   */
  @Test
  void openingLinesNameTheDataAndTheNetworkOfBothPaths() throws Exception {
    Path data = shapes("opening");
    String[] common = {"train", "--train", data.toString(), "--size", "8x8", "--gray", "--epochs", "1",
        "--threads", "1"};
    CliHarness.Result mlp = CliHarness.run(with(common, "--layers", "4", "--out", tmp.resolve("m").toString()));
    assertEquals(0, mlp.exitCode(), mlp.err());
    assertTrue(mlp.out().startsWith("classes [circles, squares], binary, positive 'squares'; images:"
        + " train 8, dev 0, test 0; input 8x8x1 /255\nnetwork: dense units=4 act=relu (265 parameters)\nstopped: "),
        mlp.out());
    CliHarness.Result conv = CliHarness.run(with(common, "--arch", "conv filters=2 k=3 | pool k=2",
        "--out", tmp.resolve("c").toString()));
    assertEquals(0, conv.exitCode(), conv.err());
    assertTrue(conv.out().startsWith("classes [circles, squares], binary, positive 'squares'; images:"
        + " train 8, dev 0, test 0; input 8x8x1 /255\nnetwork: conv filters=2 k=3 stride=1 pad=1"
        + " act=relu | pool k=2 stride=2 (53 parameters)\nstopped: "), conv.out());
  }

  /** Options that do not apply to the chosen network are refused, not ignored. */
  @Test
  void optionsThatDoNotApplyAreRefused() throws Exception {
    Path data = shapes("apply");
    String[] conv = {"train", "--train", data.toString(), "--size", "8x8", "--arch", "conv filters=2 k=3",
        "--epochs", "1", "--out", tmp.resolve("o").toString()};
    String[][] cases = {
      // --layers has a default: giving it, even with the default value, is what counts
      {"--layers", "10,5", "augreg train: --layers and --arch are alternatives: --layers N,N,... is"
          + " shorthand for 'dense units=N' steps, which --arch SPEC can hold itself"},
      {"--layers", "20,7,5", "augreg train: --layers and --arch are alternatives"},
      {"--keep-prob", "0.8", "augreg train: --keep-prob applies to --layers; with --arch put"
          + " 'dropout keep=P' steps in the spec"},
    };
    for (String[] c : cases) {
      CliHarness.Result r = CliHarness.run(with(conv, c[0], c[1]));
      assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
      assertTrue(r.err().startsWith(c[2]), r.err());
      assertEquals("", r.out());
    }
    String flat = CliHarness.run("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(flat.contains("or pytorch (uniform ±1/sqrt(fan_in)) (default: he for --layers,"
        + " pytorch for --arch)"), flat);
    assertTrue(flat.contains("Hidden layer sizes of the MLP, shorthand for --arch 'dense units=N |"
        + " ...'"), flat);
  }

  /**
   * --layers is shorthand for dense --arch steps: with the same --init and seed, {@code --layers
   * 6,3 --keep-prob 0.8} and its --arch spelling write the same history.csv and the same weights
   * (mini-batches, dropout, L2); --init pytorch and --precision float apply to --layers too.
   */
  @Test
  void layersTrainsAsItsDenseArchSteps() throws Exception {
    Path data = shapes("layers");
    String[] common = {"train", "--train", data.toString(), "--dev", data.toString(), "--size",
        "8x8", "--gray", "--epochs", "5", "--batch", "3", "--l2", "0.1", "--seed", "4", "--threads",
        "2", "--lr", "0.01"};
    CliHarness.Result layers = CliHarness.run(with(common, "--init", "he", "--layers", "6,3",
        "--keep-prob", "0.8", "--out", tmp.resolve("l").toString()));
    CliHarness.Result arch = CliHarness.run(with(common, "--init", "he", "--arch",
        "dense units=6 | dropout keep=0.8 | dense units=3 | dropout keep=0.8", "--out",
        tmp.resolve("a").toString()));
    assertEquals(0, layers.exitCode(), layers.err());
    assertEquals(0, arch.exitCode(), arch.err());
    String history = Files.readString(tmp.resolve("l/history.csv"));
    assertEquals(6, history.lines().count(), history);
    assertEquals(history, Files.readString(tmp.resolve("a/history.csv")));
    MatFile l = MatFile.read(tmp.resolve("l/model.mat"));
    MatFile a = MatFile.read(tmp.resolve("a/model.mat"));
    assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), List.copyOf(l.names()));
    for (String name : l.names()) {
      assertArrayEquals(l.matrix(name).data, a.matrix(name).data, 0.0, name);
    }
    assertTrue(layers.out().contains("network: dense units=6 act=relu | dropout keep=0.8"
        + " spatial=false | dense units=3 act=relu | dropout keep=0.8 spatial=false ("), layers.out());

    CliHarness.Result py = CliHarness.run(with(common, "--layers", "4", "--init", "pytorch",
        "--precision", "float", "--out", tmp.resolve("p").toString()));
    assertEquals(0, py.exitCode(), py.err());
    JsonNode model = new ObjectMapper().readTree(tmp.resolve("p/model.json").toFile());
    assertEquals("pytorch", model.path("data").path("init").asText());
    assertEquals("float", model.path("compute").path("precision").asText());
  }

  /** Early stopping without a dev set names the options that make one; before any data is read. */
  @Test
  void patienceWithoutADevSetNamesTheDevOptions() throws Exception {
    Path data = shapes("patience");
    String expected = "augreg train: --patience (early stopping) needs a dev set: give --dev DIR or"
        + " --split TRAIN/DEV/TEST (with --test DIR: --split TRAIN/DEV)";
    for (String[] extra : new String[][] {{}, {"--split", "70/30"}, {"--test", data.toString()}}) {
      CliHarness.Result r = CliHarness.run(with(with(new String[] {"train", "--train", data.toString(),
          "--patience", "3", "--out", tmp.resolve("o").toString()}, extra)));
      assertEquals(2, r.exitCode(), r.err());
      assertEquals(expected, r.err().strip());
    }
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  /** One class folder given as --train: the message counts its images and asks for class folders. */
  @Test
  void aClassFolderGivenAsTrainSaysSo() throws Exception {
    Path data = shapes("classfolder");
    Path circles = data.resolve("circles");
    CliHarness.Result r = CliHarness.run("train", "--train", circles.toString(), "--out",
        tmp.resolve("o").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("augreg train: --train " + circles + ": 4 images directly in the folder, no class"
        + " sub-folders; training needs one sub-folder per class (--train DIR with DIR/CLASS/*.png);"
        + " did you mean --train " + data + " (sub-folders [circles, squares])?", r.err().strip());
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void badInputIsAClearErrorWithExitCode2() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliHarness.Result r = CliHarness.run("train", "--train", empty.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("empty"), r.err());

    Path data = shapes("noimages");
    Files.createDirectories(data.resolve("triangles"));
    r = CliHarness.run("train", "--train", data.toString(), "--out", tmp.resolve("o").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("triangles") && r.err().contains("no images"), r.err());

    Path ok = shapes("ok");
    r = CliHarness.run("train", "--train", ok.toString(), "--optimizer", "rmsprop");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--optimizer"), r.err());
    r = CliHarness.run("train", "--train", ok.toString(), "--batch", "many");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--batch"), r.err());
    r = CliHarness.run("train", "--train", ok.toString(), "--keep-prob", "1.5");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--keep-prob"), r.err());
    r = CliHarness.run("train", "--train", ok.toString(), "--positive-class", "dogs");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("dogs"), r.err());
    r = CliHarness.run("train", "--train", ok.toString(), "--augment", "spin deg=3");
    assertEquals(2, r.exitCode());
    r = CliHarness.run("train", "--train", ok.toString(), "--epochs", "x");
    assertEquals(2, r.exitCode());
    r = CliHarness.run("evaluate", "--model", tmp.resolve("nomodel").toString(), "--data", ok.toString());
    assertEquals(2, r.exitCode());
  }
}
