package io.augreg.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
  @TempDir Path tmp;

  /**
   * A fake trainer: with λ = l2, train error 0.05 + 0.1·λ and dev error 0.30 − 0.2·λ + 0.05·λ²
   * (lowest at λ = 2), ± 0.01 by seed; the test error is lowest at λ = 0, so a choice that looked
   * at it would pick λ = 0.
   */
  private static final class Fake implements CellRunner {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    volatile int maxRunning;
    volatile String failOn;
    volatile boolean noTestAccuracy;

    @Override
    public int run(Setting s, long seed, TuneData.Parts data, int threads, Path dir) {
      int now = running.incrementAndGet();
      maxRunning = Math.max(maxRunning, now);
      try {
        calls.add(s.label() + " seed " + seed + " train " + data.train().getFileName());
        if (s.label().equals(failOn)) {
          return 3; // like a killed run: no report, the folder stays .part
        }
        double l = Double.parseDouble(s.values().getOrDefault("l2", "0"));
        double jitter = 0.01 * (seed % 2 == 0 ? 1 : -1);
        double train = 0.05 + 0.1 * l + jitter;
        double dev = 0.30 - 0.2 * l + 0.05 * l * l + jitter;
        String test = data.test() == null || noTestAccuracy ? "null" : Double.toString(1 - (0.1 + 0.05 * l));
        Files.writeString(dir.resolve("report.json"), "{\"train_accuracy\": " + (1 - train)
            + ", \"dev_accuracy\": " + (1 - dev) + ", \"test_accuracy\": " + test
            + ", \"stop_epoch\": " + (10 + seed) + ", \"best_epoch\": 8}");
        Thread.sleep(5);
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 3;
      } finally {
        running.decrementAndGet();
      }
    }
  }

  private TuneConfig config(String grid, int seeds, int rounds, double[] sizes, int threads) {
    return new TuneConfig(SearchSpace.parse(List.of(grid), "--grid"), 0, seeds, 1, 3, false, 64,
        threads, 4096, 1024, sizes, rounds, 0, Map.of(), tmp.resolve("tune"));
  }

  private Path images(String name, int perClass) throws IOException {
    Path root = tmp.resolve(name);
    for (String c : List.of("a", "b")) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < perClass; i++) {
        Files.writeString(root.resolve(c).resolve(c + i + ".png"), c + i);
      }
    }
    return root;
  }

  @Test
  void aTestRunWithoutAnAccuracyIsWrittenAsNull() throws Exception {
    Fake fake = new Fake();
    fake.noTestAccuracy = true; // e.g. every final run diverged before its test evaluation
    TuneData d = TuneData.images(images("data", 10), null, 0.2, 1, images("test", 2),
        tmp.resolve("tune/data"));
    new Tuner(config("l2=0,1", 1, 1, new double[0], 1), d, fake, Set.of("l2"), null).run();
    JsonNode j = new ObjectMapper().readTree(tmp.resolve("tune/results.json").toFile());
    assertTrue(j.path("test").path("test_accuracy").path("mean").isNull(), j.path("test").toString());
    assertTrue(j.path("test").path("test_accuracy").path("sd").isNull(), j.path("test").toString());
  }

  @Test
  void choosesOnDevOnlyThenRunsTheTestOnceForTheChoiceAndWritesTheResults() throws Exception {
    Fake fake = new Fake();
    Path data = images("data", 10);
    Path test = images("test", 2);
    TuneData d = TuneData.images(data, null, 0.2, 1, test, tmp.resolve("tune/data"));
    TuneReport r = new Tuner(config("l2=0,1,2,3", 2, 1, new double[] {0.5, 1}, 2), d, fake,
        Set.of("l2"), null).run();

    assertEquals("2", r.best().setting().get("l2"));
    assertEquals(0.10, r.best().dev().mean(), 1e-9);
    assertEquals(Math.sqrt(2) * 0.01, r.best().dev().sd(), 1e-9); // sample sd of 0.09, 0.11
    assertEquals(11.5, r.best().stopEpoch(), 1e-9);
    assertEquals("HIGH_BIAS", r.best().diagnosis().verdict().name()); // train 0.25
    // 8 search runs + 2 at half the data + 3 test runs; the test ran for the choice only
    assertEquals(13, fake.calls.size());
    assertEquals(2, fake.calls.stream().filter(c -> c.contains("train train-0.5")).count());
    assertEquals("2", r.test().setting().get("l2"));
    assertEquals(3, r.test().runs().size());
    assertEquals(0.2, r.test().test().mean(), 1e-9);
    assertTrue(fake.maxRunning <= 2, "at most --threads runs at once");

    // the split: stratified 8 + 2 per class, hard links or copies of the inputs, inputs untouched
    assertEquals(8, count(tmp.resolve("tune/data/train/a")));
    assertEquals(2, count(tmp.resolve("tune/data/dev/b")));
    assertEquals(4, count(tmp.resolve("tune/data/train-0.5/a")));
    assertEquals(10, count(data.resolve("a")));

    List<String> csv = Files.readAllLines(tmp.resolve("tune/results.csv"));
    assertTrue(csv.get(0).startsWith("phase,round,l2,seeds,train_error_mean"), csv.get(0));
    assertEquals(1 + 4 + 2 + 1, csv.size()); // 4 cells, 2 learning-curve points, the test cell
    assertTrue(csv.get(3).startsWith("search,1,2,2,0.250000,"), csv.get(3));
    JsonNode j = new ObjectMapper().readTree(tmp.resolve("tune/results.json").toFile());
    assertEquals("2", j.path("best").path("setting").path("l2").asText());
    assertEquals(0.8, j.path("test").path("test_accuracy").path("mean").asDouble(), 1e-9);
    assertEquals(2, j.path("learning_curve").size());
    assertTrue(j.path("recommendation").asText().startsWith("high bias"));
    assertTrue(Files.size(tmp.resolve("tune/validation-l2.png")) > 1000);
    assertTrue(Files.size(tmp.resolve("tune/learning-curve.png")) > 1000);
  }

  @Test
  void aKilledTuneContinuesWhereItStoppedAndKeepsFinishedRuns() throws Exception {
    Fake first = new Fake();
    first.failOn = "l2=1";
    TuneData d = TuneData.fixed(tmp.resolve("x.mat"), null, null);
    TuneReport r1 = new Tuner(config("l2=0,1,2", 2, 1, new double[0], 1), d, first, Set.of("l2"), null).run();
    assertEquals(6, first.calls.size());
    assertEquals(2, r1.failures().size());
    assertTrue(Files.isDirectory(tmp.resolve("tune/cells").resolve(Setting.of(Map.of("l2", "1")).id())
        .resolve("seed-1.part")));

    Fake second = new Fake();
    TuneReport r2 = new Tuner(config("l2=0,1,2", 2, 1, new double[0], 2), d, second, Set.of("l2"), null).run();
    assertEquals(List.of("l2=1 seed 1 train x.mat", "l2=1 seed 2 train x.mat"),
        second.calls.stream().sorted().toList());
    assertEquals(4, r2.kept());
    assertTrue(r2.failures().isEmpty());
    assertEquals(3, r2.cells().size());
    assertFalse(Files.exists(tmp.resolve("tune/cells").resolve(Setting.of(Map.of("l2", "1")).id())
        .resolve("seed-1.part")));

    Fake third = new Fake();
    new Tuner(config("l2=0,1,2", 2, 1, new double[0], 2), d, third, Set.of("l2"), null).run();
    assertEquals(0, third.calls.size());
  }

  @Test
  void otherFixedOptionsInTheSameFolderAreRefused() {
    TuneData d = TuneData.fixed(tmp.resolve("x.mat"), null, null);
    new Tuner(config("l2=0", 1, 1, new double[0], 1), d, new Fake(), Set.of("l2"), null).run();
    TuneConfig other = new TuneConfig(SearchSpace.parse(List.of("l2=0"), "--grid"), 0, 1, 1, 0, false,
        64, 1, 4096, 1024, new double[0], 1, 0, Map.of("epochs", "9"), tmp.resolve("tune"));
    AugregException e = assertThrows(AugregException.class,
        () -> new Tuner(other, d, new Fake(), Set.of("l2"), null).run());
    assertTrue(e.getMessage().contains("other fixed options"), e.getMessage());
  }

  @Test
  void roundsRefineAroundTheBestAsTheVerdictSays() {
    // dev error falls with λ up to 2: high variance at λ = 0.1 → the next round tries 0.3 and 1
    Fake fake = new Fake();
    TuneData d = TuneData.fixed(tmp.resolve("x.mat"), null, null);
    TuneConfig c = new TuneConfig(SearchSpace.parse(List.of("l2=0,0.1"), "--grid"), 0, 1, 1, 0, false,
        64, 1, 4096, 1024, new double[0], 2, 0.2, Map.of(), tmp.resolve("tune"));
    TuneReport r = new Tuner(c, d, fake, Set.of("l2"), null).run();
    assertEquals(List.of("0", "0.1", "0.3", "1"), r.cells().stream().map(x -> x.setting().get("l2")).toList());
    assertEquals(2, r.cells().get(3).round());
    assertTrue(r.advice().get(0).contains("next round: l2=0.1,0.3,1"), r.advice().get(0));
    assertEquals("1", r.best().setting().get("l2"));
    assertNull(r.test());
  }

  @Test
  void configRefusesTooManyCellsAndSizesOutsideTheUnitInterval() {
    SearchSpace big = SearchSpace.parse(List.of("l2=0..1:10 lr=0..1:10"), "--grid");
    AugregException e = assertThrows(AugregException.class, () -> new TuneConfig(big, 0, 1, 1, 0, false,
        64, 1, 4096, 1024, new double[0], 1, 0, Map.of(), tmp));
    assertTrue(e.getMessage().contains("100 settings, more than --max-cells 64"), e.getMessage());
    for (double f : new double[] {0, 1.5, -0.1, Double.NaN}) {
      AugregException s = assertThrows(AugregException.class, () -> new TuneConfig(SearchSpace.empty(), 0,
          1, 1, 0, false, 64, 1, 4096, 1024, new double[] {f}, 1, 0, Map.of(), tmp));
      assertTrue(s.getMessage().startsWith("--sizes must be fractions in (0, 1]"), s.getMessage());
    }
    assertEquals(2, new TuneConfig(SearchSpace.empty(), 0, 1, 1, 0, false, 64, 8, 2048, 1024,
        new double[0], 1, 0, Map.of(), tmp).parallel());
  }

  private static long count(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }
}
