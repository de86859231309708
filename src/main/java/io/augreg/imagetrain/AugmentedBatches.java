package io.augreg.imagetrain;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageFolder;
import io.augreg.image.InputFormat;
import io.augreg.train.BatchStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;

/**
 * Online augmentation: the training images as a {@link BatchStream}. Every epoch draws a new
 * shuffled order (generator from (seed, "SHUF", epoch)); every sample of a batch is decoded (or
 * taken from the {@link DecodedCache}), augmented by the pipeline with its own generator
 * {@code Seeds.generator(seed, epoch, index, 0)} (index = the sample's position in the training
 * list) and encoded into its column. Batches are built by {@code workers} threads, several at a
 * time, and handed over in order through a bounded queue of {@code prefetch} batches, so
 * augmentation overlaps training. The bytes of every batch depend only on (seed, epoch), never on
 * the number of workers.
 *
 * <p>Per sample, a worker's {@link SampleAugmenter} runs the pipeline (bit for bit {@link
 * Pipeline#apply}, with a trailing contrast/noise done in one Java pass; or, opt-in {@code
 * singleWarp}, with the leading flips, rotation and crops fused into one warp) and stages the 8-bit
 * result; the {@link BatchEncoder} converts the whole batch to doubles at the end.
 *
 * <p>Buffers: {@code prefetch + 2} batch matrices and byte staging areas are allocated once and
 * recycled; each worker thread reuses its own Mats.
 */
public final class AugmentedBatches implements BatchStream {
  private static final long SHUFFLE_KEY = 0x5348_5546L; // "SHUF"

  private final List<ImageFolder.Sample> samples;
  private final double[] targets;
  private final InputFormat format;
  private final Pipeline pipeline;
  private final DecodedCache cache;
  private final int batchSize;
  private final long seed;
  private final int prefetch;
  private final ExecutorService pool;
  private final ExecutorService feeder;
  private final BlockingQueue<Buffer> free;

  private final BatchEncoder encoder;
  private final boolean singleWarp;

  private static final class Buffer {
    final DMatrixRMaj x;
    final double[] y;
    /** The batch's 8-bit feature values, one row per sample (see {@link BatchEncoder}). */
    final byte[] stage;
    int size;

    Buffer(int features, int stride, int batch) {
      x = new DMatrixRMaj(features, batch);
      y = new double[batch];
      stage = new byte[stride * batch];
    }
  }

  /** A worker thread's decoded image and augmenter, reused for every sample it builds. */
  private static final class Work {
    final Mat image = new Mat();
    final SampleAugmenter augmenter = new SampleAugmenter();

    void close() {
      image.close();
      augmenter.close();
    }
  }

  private static final ThreadLocal<Work> WORK = new ThreadLocal<>();

  private static Work work() {
    Work w = WORK.get();
    if (w == null) {
      w = new Work();
      WORK.set(w);
    }
    return w;
  }

  /**
   * @param samples the training images (labels are class indices)
   * @param labels class → target mapping
   * @param format input size, channels, scaling
   * @param pipeline the augmentation, or null for none
   * @param cache decoded images
   * @param batchSize examples per batch (&gt;= 1)
   * @param seed run seed
   * @param workers augmentation threads (&gt;= 1)
   * @param prefetch batches prepared ahead (&gt;= 1)
   */
  public AugmentedBatches(
      List<ImageFolder.Sample> samples,
      ClassLabels labels,
      InputFormat format,
      Pipeline pipeline,
      DecodedCache cache,
      int batchSize,
      long seed,
      int workers,
      int prefetch) {
    this(samples, labels, format, pipeline, cache, batchSize, seed, workers, prefetch, false);
  }

  /**
   * @param samples the training images (labels are class indices)
   * @param labels class → target mapping
   * @param format input size, channels, scaling
   * @param pipeline the augmentation, or null for none
   * @param cache decoded images
   * @param batchSize examples per batch (&gt;= 1)
   * @param seed run seed
   * @param workers augmentation threads (&gt;= 1)
   * @param prefetch batches prepared ahead (&gt;= 1)
   * @param singleWarp apply the pipeline's leading flips, rotation and crops as one warp ({@link
   *     SingleWarp}: faster, slightly different bytes); false gives exactly {@link Pipeline#apply}
   */
  public AugmentedBatches(
      List<ImageFolder.Sample> samples,
      ClassLabels labels,
      InputFormat format,
      Pipeline pipeline,
      DecodedCache cache,
      int batchSize,
      long seed,
      int workers,
      int prefetch,
      boolean singleWarp) {
    if (samples.isEmpty()) {
      throw new AugregException("no training images");
    }
    if (batchSize < 1) {
      throw new AugregException("--batch must be >= 1, got " + batchSize);
    }
    if (workers < 1) {
      throw new AugregException("--threads must be >= 1, got " + workers);
    }
    if (prefetch < 1) {
      throw new AugregException("--prefetch must be >= 1, got " + prefetch);
    }
    this.samples = List.copyOf(samples);
    this.targets = new double[samples.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = labels.target(samples.get(i).label());
    }
    this.format = format;
    this.pipeline = pipeline;
    this.cache = cache;
    this.batchSize = Math.min(batchSize, samples.size());
    this.seed = seed;
    this.prefetch = prefetch;
    this.encoder = new BatchEncoder(format);
    this.singleWarp = singleWarp;
    this.pool = Executors.newFixedThreadPool(workers, daemon("augreg-augment"));
    this.feeder = Executors.newSingleThreadExecutor(daemon("augreg-batches"));
    this.free = new LinkedBlockingQueue<>();
    for (int i = 0; i < prefetch + 2; i++) {
      free.add(new Buffer(format.features(), encoder.stride(), this.batchSize));
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      // a worker frees the pipeline's per-thread native temporaries when the pool shuts it down
      Runnable releasing = () -> {
        try {
          r.run();
        } finally {
          Pipeline.releaseThreadResources();
          Work w = WORK.get();
          if (w != null) {
            WORK.remove();
            w.close();
          }
        }
      };
      Thread t = new Thread(releasing, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public int size() {
    return samples.size();
  }

  @Override
  public int features() {
    return format.features();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  /** The decoded-image cache. */
  public DecodedCache cache() {
    return cache;
  }

  /**
   * The order of epoch {@code epoch}: a Fisher–Yates shuffle of 0..m−1 with the generator (seed,
   * "SHUF", epoch).
   *
   * @param epoch 1-based epoch
   * @return a permutation of the sample indices
   */
  public int[] order(int epoch) {
    return Seeds.permutation(samples.size(), Seeds.generator(seed, SHUFFLE_KEY, epoch));
  }

  @Override
  public Epoch epoch(int epoch) {
    return new Run(order(epoch), epoch, pipeline, 0);
  }

  /** The batches of {@code epoch} from batch {@code first} on; the skipped ones are not built. */
  @Override
  public Epoch epoch(int epoch, int first) {
    return new Run(order(epoch), epoch, pipeline, first);
  }

  @Override
  public Epoch clean() {
    int[] identity = new int[samples.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return new Run(identity, 0, null, 0);
  }

  /** Fills {@code buf} with the samples order[from..from+mb), augmented when {@code pipe != null}. */
  private void fill(Buffer buf, int[] order, int from, int mb, int epoch, Pipeline pipe) {
    buf.x.reshape(format.features(), mb);
    buf.size = mb;
    Work w = work();
    for (int c = 0; c < mb; c++) {
      int id = order[from + c];
      ImageFolder.Sample s = samples.get(id);
      cache.get(id, s.file().path(), w.image);
      if (pipe == null) {
        encoder.stage(w.image, buf.stage, c);
      } else {
        // each sample its own generator: (seed, epoch, index, copy 0)
        w.augmenter.augment(w.image, pipe, Seeds.generator(seed, epoch, id, 0), singleWarp, encoder,
            buf.stage, c);
      }
      buf.y[c] = targets[id];
    }
    encoder.encode(buf.stage, mb, buf.x.data);
  }

  /** One pass: a feeder submits batch jobs in order; the consumer takes their results in order. */
  private final class Run implements Epoch {
    private final BlockingQueue<Future<Buffer>> ready = new ArrayBlockingQueue<>(prefetch);
    private final Future<?> feeding;
    private final int batches;
    private int taken;
    private Buffer current;
    private volatile boolean stopped;

    Run(int[] order, int epoch, Pipeline pipe, int first) {
      int m = order.length;
      batches = (m + batchSize - 1) / batchSize;
      int start = Math.min(first, batches);
      taken = start;
      feeding = feeder.submit(() -> {
        for (int b = start; b < batches && !stopped; b++) {
          int from = b * batchSize;
          int mb = Math.min(batchSize, m - from);
          Future<Buffer> f = pool.submit(() -> {
            Buffer buf = free.take();
            try {
              fill(buf, order, from, mb, epoch, pipe);
            } catch (RuntimeException e) {
              free.add(buf);
              throw e;
            }
            return buf;
          });
          ready.put(f);
        }
        return null;
      });
    }

    @Override
    public Batch next() {
      if (current != null) {
        free.add(current);
        current = null;
      }
      if (taken == batches) {
        return null;
      }
      try {
        current = ready.take().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AugregException("interrupted while waiting for a batch", e);
      } catch (ExecutionException e) {
        close();
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new AugregException("building a batch failed: " + e.getCause(), e.getCause());
      }
      taken++;
      return new Batch(current.x, current.y, current.size);
    }

    @Override
    public void close() {
      stopped = true;
      if (current != null) {
        free.add(current);
        current = null;
      }
      // drain what the feeder queued (it stops at the next batch) so every buffer comes back
      while (!(feeding.isDone() && ready.isEmpty())) {
        Future<Buffer> f;
        try {
          f = ready.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (f != null) {
            taken++;
            free.add(f.get());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException e) {
          // already reported by next(), or moot after a stop
        }
      }
    }
  }

  @Override
  public void close() {
    feeder.shutdownNow();
    pool.shutdownNow();
  }
}
