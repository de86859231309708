package io.augreg.spark;

import java.util.BitSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Turns Spark's task ends into {@link SparkAugmentJob.Listener#progress} calls: a partition counts
 * once, on its first successful attempt; its size is known from how {@code parallelize} slices a
 * list (partition {@code i} of {@code n} holds items {@code [i*len/n, (i+1)*len/n)}).
 */
final class ProgressListener extends SparkListener {
  private final JavaSparkContext sc;
  private final long items;
  private final int partitions;
  private final SparkAugmentJob.Listener listener;
  private final BitSet done = new BitSet();
  private int sources;

  ProgressListener(
      JavaSparkContext sc, int items, int partitions, SparkAugmentJob.Listener listener) {
    this.sc = sc;
    this.items = items;
    this.partitions = partitions;
    this.listener = listener;
    sc.sc().addSparkListener(this);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (!end.taskInfo().successful()) {
      return;
    }
    int i = end.taskInfo().index();
    synchronized (this) {
      if (i >= partitions || done.get(i)) {
        return;
      }
      done.set(i);
      sources += (int) ((i + 1) * items / partitions - i * items / partitions);
      listener.progress(done.cardinality(), sources);
    }
  }

  /** Stops listening. */
  void close() {
    sc.sc().removeSparkListener(this);
  }
}
