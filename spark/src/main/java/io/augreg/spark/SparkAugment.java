package io.augreg.spark;

import io.augreg.cli.AugmentOptions;
import io.augreg.cli.Main;
import io.augreg.offline.AugmentConfig;
import io.augreg.offline.AugmentReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augreg spark INPUT OUTPUT [augment options]}: the main class of the Spark job, for {@code
 * spark-submit} on a cluster or {@code ./augreg spark} on one machine ({@code --master local[N]}).
 * Prints progress on stderr, then the summary {@code augreg augment} prints; exit codes as
 * {@code augment}'s: 0 done, 1 some inputs failed (listed), 2 bad usage.
 */
@Command(
    name = "augreg spark",
    mixinStandardHelpOptions = true,
    versionProvider = io.augreg.cli.VersionProvider.class,
    header =
        "augreg augment as an Apache Spark job: the same files, byte for byte, over any Hadoop"
            + " path.",
    description = {
      "Augments every image under INPUT into OUTPUT exactly as 'augreg augment' does (same names,"
          + " bytes and manifest.jsonl); failed inputs are also listed in OUTPUT/failures.jsonl.",
      "INPUT and OUTPUT are Hadoop paths: a local path, file:, hdfs:, s3a: ...",
      ""
    })
public final class SparkAugment implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin AugmentOptions options;

  @Parameters(index = "0", paramLabel = "INPUT", description = "Input folder or one image file.")
  String input;

  @Parameters(
      index = "1",
      paramLabel = "OUTPUT",
      description = "Output folder; must not overlap INPUT.")
  String output;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master, e.g. local[2] (default: spark-submit's, else local[*]).")
  String master;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "0",
      description = "Tasks (default 0: about 500 inputs each, at least 2 per core).")
  int partitions;

  /**
   * Process entry point.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(Main.configure(new CommandLine(new SparkAugment())).execute(args));
  }

  @Override
  public Integer call() {
    AugmentConfig config = options.config(Path.of(input), Path.of(output), 1);
    SparkConf conf = new SparkConf().setAppName("augreg spark");
    if (master != null) {
      conf.setMaster(master);
    }
    conf.setIfMissing("spark.master", "local[*]");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AugmentReport report;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      report =
          new SparkAugmentJob(sc, input, output, config, partitions, null)
              .run(new Progress(err, sc.master()));
    }
    return AugmentOptions.summary("spark", report, out, err);
  }

  /** One line on stderr per finished partition. */
  private static final class Progress implements SparkAugmentJob.Listener {
    private final PrintWriter err;
    private final String master;
    private int sources;
    private int partitions;
    private long t0;

    Progress(PrintWriter err, String master) {
      this.err = err;
      this.master = master;
    }

    @Override
    public void started(int sources, int partitions) {
      this.sources = sources;
      this.partitions = partitions;
      this.t0 = System.nanoTime();
      err.printf(
          Locale.ROOT,
          "augreg spark: %d input files in %d partitions on %s%n",
          sources,
          partitions,
          master);
      err.flush();
    }

    @Override
    public void progress(int partitionsDone, int sourcesDone) {
      double s = (System.nanoTime() - t0) / 1e9;
      err.printf(
          Locale.ROOT,
          "augreg spark: %d/%d files, %d/%d partitions, %.1f s, %.1f files/s%n",
          sourcesDone,
          sources,
          partitionsDone,
          partitions,
          s,
          sourcesDone / Math.max(s, 1e-9));
      err.flush();
    }
  }
}
