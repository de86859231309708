package io.augreg.spark;

import io.augreg.augment.Pipeline;
import io.augreg.image.SourceFile;
import io.augreg.offline.SourceAugmenter;
import io.augreg.offline.SourceOutcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The work of one partition (a contiguous run of inputs in input order): each input through
 * {@link SourceAugmenter}, one at a time (a partition streams: only the current image is decoded),
 * its manifest lines appended to the partition's part file {@code
 * OUTPUT/.manifest-parts/part-NNNNN.jsonl}, which is committed by rename when the partition is
 * done. A failed attempt leaves no part file and no temporary file; its finished outputs are whole
 * files with the bytes any attempt writes, so a retry just writes them again.
 */
final class PartitionTask
    implements Function2<Integer, Iterator<Item>, Iterator<PartitionResult>> {
  private static final long serialVersionUID = 1L;

  /** The folder of the partitions' manifest parts inside OUTPUT (hidden, removed at the end). */
  static final String PARTS = ".manifest-parts";

  private final JobSettings settings;
  private final Broadcast<SerializableWritable<Configuration>> conf;
  private final boolean inputIsFile;

  PartitionTask(
      JobSettings settings,
      Broadcast<SerializableWritable<Configuration>> conf,
      boolean inputIsFile) {
    this.settings = settings;
    this.conf = conf;
    this.inputIsFile = inputIsFile;
  }

  /** The part file of a partition. */
  static Path partFile(Path output, int partition) {
    return new Path(
        new Path(output, PARTS), String.format(Locale.ROOT, "part-%05d.jsonl", partition));
  }

  @Override
  public Iterator<PartitionResult> call(Integer partition, Iterator<Item> items)
      throws IOException {
    Configuration c = conf.value().value();
    Path in = new Path(settings.input());
    Path out = new Path(settings.output());
    FileSystem inFs = HadoopStore.fileSystem(in, c);
    FileSystem outFs = HadoopStore.fileSystem(out, c);
    TaskContext task = TaskContext.get();
    String tag = task == null ? "local" : Long.toString(task.taskAttemptId());
    SourceAugmenter augmenter = new SourceAugmenter(settings.config());
    HadoopStore.Sink sink = new HadoopStore.Sink(outFs, out, tag);
    Path part = partFile(out, partition);
    Path tmp = HadoopStore.tempName(part, tag);
    int sources = 0;
    int written = 0;
    int skipped = 0;
    List<String[]> failures = new ArrayList<>();
    boolean committed = false;
    try {
      try (BufferedWriter lines =
          new BufferedWriter(
              new OutputStreamWriter(HadoopStore.create(outFs, tmp), StandardCharsets.UTF_8))) {
        while (items.hasNext()) {
          Item item = items.next();
          SourceFile src = item.source();
          Path file = inputIsFile ? in : HadoopStore.child(in, item.relative());
          SourceOutcome o =
              augmenter.process(
                  src,
                  () -> HadoopStore.read(inFs, file, src),
                  item.plan(src),
                  item.earlierLines(),
                  sink);
          for (String line : o.manifestLines()) {
            lines.write(line);
            lines.write('\n');
          }
          sources++;
          written += o.written();
          skipped += o.skipped();
          if (o.failure() != null) {
            failures.add(new String[] {item.relative(), o.failure().reason()});
          }
          if (item.relative().equals(settings.failOnceAt())
              && task != null
              && task.attemptNumber() == 0) {
            throw new IllegalStateException(
                "failure injected for a test after " + item.relative() + " (first attempt only)");
          }
        }
      }
      HadoopStore.commit(outFs, tmp, part);
      committed = true;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (!committed) {
        HadoopStore.discard(outFs, tmp);
      }
      Pipeline.releaseThreadResources();
    }
    return List.of(new PartitionResult(partition, sources, written, skipped, failures)).iterator();
  }
}
