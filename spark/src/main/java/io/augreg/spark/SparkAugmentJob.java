package io.augreg.spark;

import io.augreg.core.AugregException;
import io.augreg.image.SourceFile;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentJob;
import io.augreg.offline.AugmentReport;
import io.augreg.offline.EarlierRun;
import io.augreg.offline.Failure;
import io.augreg.offline.OutputPlan;
import io.augreg.offline.PathGuard;
import io.augreg.offline.PlannedOutput;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code augreg augment} as a Spark job: the same outputs, byte for byte, the same manifest, the
 * same failure reasons, over any Hadoop path.
 *
 * <p>The driver lists INPUT and plans every output name ({@link OutputPlan}: a name can depend on
 * other files), then hands contiguous runs of inputs to tasks ({@link PartitionTask}), which write
 * the outputs and one manifest part each. The driver then joins the parts in partition order into
 * {@code OUTPUT/manifest.jsonl} (input order, as the CLI writes it), lists the failed inputs in
 * {@code OUTPUT/failures.jsonl} when there are any, and returns the CLI's summary.
 *
 * <p>Rules kept from the CLI: OUTPUT must not overlap INPUT; a non-empty OUTPUT needs resume or
 * overwrite; a resume with other options than the earlier run's is refused ({@link EarlierRun});
 * a root-level {@code manifest.jsonl} in INPUT is not an input.
 */
public final class SparkAugmentJob {
  /** The failures file inside OUTPUT, written when some inputs failed. */
  public static final String FAILURES = "failures.jsonl";

  private static final String MANIFEST_PART = ".manifest.jsonl.part";

  /** Progress events, on the driver. */
  public interface Listener {
    /**
     * The inputs are listed and the job is submitted.
     *
     * @param sources input files
     * @param partitions tasks
     */
    default void started(int sources, int partitions) {}

    /**
     * A partition finished (first success only).
     *
     * @param partitionsDone partitions done so far
     * @param sourcesDone inputs done so far
     */
    default void progress(int partitionsDone, int sourcesDone) {}
  }

  private final JavaSparkContext sc;
  private final JobSettings settings;
  private final AugmentConfig config;
  private final int partitions;

  /**
   * A job.
   *
   * @param sc the Spark context
   * @param input INPUT (any Hadoop path)
   * @param output OUTPUT (any Hadoop path)
   * @param config the validated augment options (its paths and threads are not used)
   * @param partitions tasks, or 0 for the default ({@link #defaultPartitions})
   * @param failOnceAt test hook (see {@link JobSettings}), null in real runs
   */
  public SparkAugmentJob(
      JavaSparkContext sc,
      String input,
      String output,
      AugmentConfig config,
      int partitions,
      String failOnceAt) {
    if (partitions < 0) {
      throw new AugregException("--partitions must be >= 0 (0: automatic), got " + partitions);
    }
    this.sc = sc;
    this.config = config;
    this.partitions = partitions;
    this.settings = JobSettings.of(input, output, config, failOnceAt);
  }

  /**
   * The default number of tasks: about 500 inputs each (a lost task costs little to redo), and
   * at least two per core so that uneven tasks balance.
   *
   * @param sources input files
   * @param parallelism the context's default parallelism (total cores)
   * @return the number of partitions
   */
  public static int defaultPartitions(int sources, int parallelism) {
    int n = Math.max(2 * parallelism, (sources + 499) / 500);
    return Math.max(1, Math.min(n, sources));
  }

  /**
   * Runs the job.
   *
   * @param listener progress events
   * @return the summary, as the CLI's
   * @throws AugregException (exit 2) for bad paths, an unexpectedly non-empty OUTPUT or a resume
   *     with other options
   */
  public AugmentReport run(Listener listener) {
    long t0 = System.nanoTime();
    Configuration conf = sc.hadoopConfiguration();
    Path in = new Path(settings.input());
    Path out = new Path(settings.output());
    FileSystem inFs = HadoopStore.fileSystem(in, conf);
    FileSystem outFs = HadoopStore.fileSystem(out, conf);
    try {
      FileStatus input = status(inFs, in);
      if (input == null) {
        throw new AugregException("INPUT " + settings.input() + ": no such file or folder");
      }
      checkOverlap(inFs, in, outFs, out);
      List<String> relative = HadoopStore.list(inFs, in);
      if (input.isDirectory()) {
        relative.remove(AugmentJob.MANIFEST);
        relative.remove(AugmentJob.REPORT);
      }
      if (relative.isEmpty()) {
        throw new AugregException("INPUT " + settings.input() + ": no files found");
      }
      checkOutputEmpty(outFs, out);
      List<SourceFile> sources = new ArrayList<>(relative.size());
      for (String r : relative) {
        sources.add(new SourceFile(java.nio.file.Path.of(r), r));
      }
      List<List<PlannedOutput>> plan =
          OutputPlan.plan(sources, config.copies(), config.keepOriginal(), config.format());
      if (input.isFile()) {
        for (PlannedOutput p : plan.get(0)) {
          Path target = outFs.makeQualified(HadoopStore.child(out, p.relative()));
          if (target.equals(inFs.makeQualified(in))) {
            throw new AugregException("output " + target + " would overwrite the input");
          }
        }
      }
      Map<String, String> earlier = config.resume() ? readEarlier(outFs, out) : Map.of();
      EarlierRun.checkSameOptions(earlier.values(), config);
      outFs.mkdirs(out);

      List<Item> items = new ArrayList<>(plan.size());
      for (List<PlannedOutput> p : plan) {
        items.add(Item.of(p, earlier));
      }
      int n = partitions > 0 ? Math.min(partitions, items.size())
          : defaultPartitions(items.size(), sc.defaultParallelism());
      listener.started(items.size(), n);
      List<PartitionResult> results;
      ProgressListener progress = new ProgressListener(sc, items.size(), n, listener);
      try {
        results =
            new ArrayList<>(
                sc.parallelize(items, n)
                    .mapPartitionsWithIndex(
                        new PartitionTask(
                            settings,
                            sc.broadcast(new SerializableWritable<>(conf)),
                            input.isFile()),
                        true)
                    .collect());
      } finally {
        progress.close();
      }
      results.sort(Comparator.comparingInt(PartitionResult::partition));
      Path manifest = new Path(out, AugmentJob.MANIFEST);
      joinParts(outFs, out, n, manifest);
      List<Failure> failures = new ArrayList<>();
      int written = 0;
      int skipped = 0;
      for (PartitionResult r : results) {
        written += r.written();
        skipped += r.skipped();
        for (String[] f : r.failures()) {
          failures.add(new Failure(display(input.isFile(), f[0]), f[1]));
        }
      }
      writeFailures(outFs, out, results);
      return new AugmentReport(
          items.size(),
          written,
          skipped,
          failures,
          java.nio.file.Path.of(settings.output(), AugmentJob.MANIFEST),
          (System.nanoTime() - t0) / 1e9);
    } catch (IOException e) {
      throw new AugregException(
          "OUTPUT " + settings.output() + ": " + e.getMessage(), e);
    }
  }

  private java.nio.file.Path display(boolean inputIsFile, String relative) {
    java.nio.file.Path in = java.nio.file.Path.of(settings.input());
    return inputIsFile ? in : in.resolve(relative);
  }

  private static FileStatus status(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** OUTPUT may not be INPUT, be inside it, or contain it (checked on real paths when local). */
  private void checkOverlap(FileSystem inFs, Path in, FileSystem outFs, Path out)
      throws IOException {
    Path qin = inFs.makeQualified(in);
    Path qout = outFs.makeQualified(out);
    if ("file".equals(qin.toUri().getScheme()) && "file".equals(qout.toUri().getScheme())) {
      PathGuard.check(java.nio.file.Path.of(qin.toUri()), java.nio.file.Path.of(qout.toUri()));
      return;
    }
    FileStatus o = status(outFs, out);
    if (o != null && !o.isDirectory()) {
      throw new AugregException("OUTPUT " + settings.output() + " exists and is not a folder");
    }
    String a = qin.toString() + "/";
    String b = qout.toString() + "/";
    if (a.startsWith(b) || b.startsWith(a)) {
      throw new AugregException(
          "OUTPUT " + settings.output() + " overlaps INPUT " + settings.input()
              + "; choose an OUTPUT outside INPUT");
    }
  }

  private void checkOutputEmpty(FileSystem fs, Path out) throws IOException {
    FileStatus o = status(fs, out);
    if (o == null || config.resume() || config.overwrite()) {
      return;
    }
    if (fs.listStatus(out).length > 0) {
      throw new AugregException(
          "OUTPUT "
              + settings.output()
              + " is not empty; pass --resume to continue an earlier run or --overwrite to"
              + " replace its files");
    }
  }

  /** The lines of the earlier manifest, of a CLI run's partial one and of finished parts. */
  private static Map<String, String> readEarlier(FileSystem fs, Path out) throws IOException {
    Map<String, String> earlier = new HashMap<>();
    List<Path> files = new ArrayList<>();
    files.add(new Path(out, AugmentJob.MANIFEST));
    files.add(new Path(out, MANIFEST_PART));
    FileStatus[] parts =
        status(fs, new Path(out, PartitionTask.PARTS)) == null
            ? new FileStatus[0]
            : fs.listStatus(new Path(out, PartitionTask.PARTS));
    Arrays.sort(parts, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus p : parts) {
      if (p.isFile() && !p.getPath().getName().startsWith(".")) {
        files.add(p.getPath());
      }
    }
    for (Path f : files) {
      if (status(fs, f) == null) {
        continue;
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(f), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          EarlierRun.index(line, earlier);
        }
      }
    }
    return earlier;
  }

  /**
   * Joins the part files in partition order into the manifest (written under a temporary name,
   * then renamed), then removes the parts.
   */
  private static void joinParts(FileSystem fs, Path out, int n, Path manifest) throws IOException {
    Path tmp = new Path(out, MANIFEST_PART);
    try (var os = HadoopStore.create(fs, tmp)) {
      for (int i = 0; i < n; i++) {
        try (var is = fs.open(PartitionTask.partFile(out, i))) {
          is.transferTo(os);
        }
      }
    }
    HadoopStore.commit(fs, tmp, manifest);
    fs.delete(new Path(out, PartitionTask.PARTS), true);
  }

  /** {@code OUTPUT/failures.jsonl}: one {"source", "reason"} object per failed input. */
  private static void writeFailures(FileSystem fs, Path out, List<PartitionResult> results)
      throws IOException {
    Path file = new Path(out, FAILURES);
    boolean any = results.stream().anyMatch(r -> !r.failures().isEmpty());
    if (!any) {
      if (status(fs, file) != null) {
        fs.delete(file, false);
      }
      return;
    }
    Path tmp = HadoopStore.tempName(file, "driver");
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(HadoopStore.create(fs, tmp), StandardCharsets.UTF_8))) {
      for (PartitionResult r : results) {
        for (String[] f : r.failures()) {
          Map<String, String> line = new java.util.LinkedHashMap<>();
          line.put("source", f[0]);
          line.put("reason", f[1]);
          w.write(JSON.writeValueAsString(line));
          w.write('\n');
        }
      }
    }
    HadoopStore.commit(fs, tmp, file);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
