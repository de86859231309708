package io.augreg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentJob;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.OutputFormat;
import io.augreg.offline.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job against {@code augreg augment} on a real folder (cat/non-cat photos and two larger
 * JPEGs from ../shared/datasets, plus two bad files): same files, same bytes, same manifest, same
 * failures; a task that fails once is retried without a trace; a resume redoes only what is
 * missing.
 */
class SparkAugmentJobTest {
  @TempDir static Path dir;
  static Path in;

  @BeforeAll
  static void makeInput() throws IOException {
    in = dir.resolve("in");
    Path data = Path.of("../shared/datasets");
    for (String cls : new String[] {"cat", "non-cat"}) {
      try (Stream<Path> s = Files.list(data.resolve("catvnoncat/test/" + cls))) {
        List<Path> files = s.sorted().limit(9).toList();
        for (Path f : files) {
          Files.createDirectories(in.resolve(cls));
          Files.copy(f, in.resolve(cls).resolve(f.getFileName()));
        }
      }
    }
    Files.createDirectories(in.resolve("photos/big"));
    Files.copy(data.resolve("photos/flower.jpg"), in.resolve("photos/big/flower.jpg"));
    Files.copy(data.resolve("photos/china.jpg"), in.resolve("photos/china.jpg"));
    byte[] png = Files.readAllBytes(in.resolve("cat").resolve(first(in.resolve("cat"))));
    // a name Hadoop's Path would misread as a URI (scheme "odd #1", a '%' escape)
    Files.write(in.resolve("photos/odd #1: 50%.png"), png);
    Files.write(in.resolve("cat/zz-truncated.png"), java.util.Arrays.copyOf(png, 120));
    Files.writeString(in.resolve("non-cat/notes.txt"), "not an image");
  }

  private static String first(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
  }

  private static AugmentConfig config(
      Path out, int copies, boolean keep, OutputFormat format, Size size, boolean resume) {
    return new AugmentConfig(
        in,
        out,
        copies,
        keep,
        Pipeline.parse(AugmentConfig.DEFAULT_PIPELINE),
        7,
        2,
        format,
        90,
        size,
        resume,
        false,
        50_000_000);
  }

  private static AugmentReport spark(AugmentConfig c, int partitions, String failOnceAt) {
    return new SparkAugmentJob(
            SparkTestContext.get(),
            in.toString(),
            c.output().toString(),
            c,
            partitions,
            failOnceAt)
        .run(new SparkAugmentJob.Listener() {});
  }

  /** Relative path → SHA-256 of every file under {@code root}, hidden ones included. */
  static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> h = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        byte[] d;
        try {
          d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
        h.put(root.relativize(p).toString(), HexFormat.of().formatHex(d));
      }
    }
    return h;
  }

  @Test
  void sameFilesBytesManifestAndFailuresAsTheCli() throws IOException {
    AugmentReport cli =
        new AugmentJob(config(dir.resolve("cli"), 2, true, OutputFormat.SAME, null, false))
            .run(new AugmentJob.Listener() {});
    AugmentReport spark =
        spark(config(dir.resolve("spark"), 2, true, OutputFormat.SAME, null, false), 3, null);

    Map<String, String> expected = hashes(dir.resolve("cli"));
    Map<String, String> got = hashes(dir.resolve("spark"));
    assertTrue(got.containsKey(SparkAugmentJob.FAILURES), got.keySet().toString());
    got.remove(SparkAugmentJob.FAILURES);
    assertEquals(expected, got);
    assertEquals(21 * 3, expected.size() - 1); // 21 images x (original + 2 copies) + manifest
    assertEquals(
        Files.readAllLines(dir.resolve("cli/manifest.jsonl")),
        Files.readAllLines(dir.resolve("spark/manifest.jsonl")));

    assertEquals(cli.sources(), spark.sources());
    assertEquals(63, spark.written());
    assertEquals(0, spark.skipped());
    assertEquals(
        cli.failures().stream().map(Object::toString).toList(),
        spark.failures().stream().map(Object::toString).toList());
    assertEquals(2, spark.failures().size());
    List<String> failures =
        Files.readAllLines(dir.resolve("spark").resolve(SparkAugmentJob.FAILURES));
    assertEquals(2, failures.size());
    assertTrue(
        failures.get(0).startsWith("{\"source\":\"cat/zz-truncated.png\",\"reason\":\""),
        failures.get(0));
    assertTrue(failures.get(1).contains("non-cat/notes.txt"), failures.get(1));
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndLeavesNoTrace() throws IOException {
    AtomicInteger failedTasks = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!end.taskInfo().successful()) {
              failedTasks.incrementAndGet();
            }
          }
        };
    SparkTestContext.get().sc().addSparkListener(counter);
    Size size = new Size(48, 40);
    new AugmentJob(config(dir.resolve("cli-r"), 3, false, OutputFormat.PNG, size, false))
        .run(new AugmentJob.Listener() {});
    AugmentReport r;
    try {
      // the second of 3 partitions ([7, 15) of 23 inputs) fails once, after the outputs of its
      // 5th input (the 2nd non-cat image) are written
      String victim = HadoopStore.list(
              HadoopStore.fileSystem(
                  new org.apache.hadoop.fs.Path(in.toString()),
                  SparkTestContext.get().hadoopConfiguration()),
              new org.apache.hadoop.fs.Path(in.toString()))
          .get(11);
      r = spark(config(dir.resolve("spark-r"), 3, false, OutputFormat.PNG, size, false), 3, victim);
    } finally {
      SparkTestContext.get().sc().removeSparkListener(counter);
    }
    assertEquals(1, failedTasks.get(), "the injected failure did not happen once");
    assertEquals(21 * 3, r.written());
    Map<String, String> got = hashes(dir.resolve("spark-r"));
    got.remove(SparkAugmentJob.FAILURES);
    assertEquals(hashes(dir.resolve("cli-r")), got);
    assertFalse(
        got.keySet().stream().anyMatch(k -> k.contains("/.") || k.startsWith(".")),
        got.keySet().toString());
  }

  @Test
  void aResumeRedoesOnlyWhatIsMissingAndRefusesOtherOptions() throws IOException {
    Path out = dir.resolve("spark-resume");
    spark(config(out, 2, false, OutputFormat.SAME, null, false), 4, null);
    Map<String, String> full = hashes(out);
    // interrupted as the CLI leaves it: a partial manifest, and an output of a listed source lost
    List<String> lines = Files.readAllLines(out.resolve("manifest.jsonl"));
    Files.write(out.resolve(".manifest.jsonl.part"), lines.subList(0, 10));
    Files.delete(out.resolve("manifest.jsonl"));
    Files.delete(out.resolve("cat/" + first(in.resolve("cat")).replace(".png", "_aug1.png")));

    AugregException other =
        assertThrows(
            AugregException.class,
            () -> spark(config(out, 3, false, OutputFormat.SAME, null, true), 2, null));
    assertTrue(other.getMessage().contains("--copies differs"), other.getMessage());
    AugregException notEmpty =
        assertThrows(
            AugregException.class,
            () -> spark(config(out, 2, false, OutputFormat.SAME, null, false), 2, null));
    assertTrue(notEmpty.getMessage().contains("is not empty"), notEmpty.getMessage());

    AugmentReport r = spark(config(out, 2, false, OutputFormat.SAME, null, true), 2, null);
    assertEquals(9, r.skipped());
    assertEquals(42 - 9, r.written());
    assertEquals(full, hashes(out));
  }

  @Test
  void theDefaultPartitionCountBalancesAndBoundsTasks() {
    assertEquals(4, SparkAugmentJob.defaultPartitions(100, 2));
    assertEquals(3, SparkAugmentJob.defaultPartitions(3, 8));
    assertEquals(200, SparkAugmentJob.defaultPartitions(100_000, 2));
  }
}
