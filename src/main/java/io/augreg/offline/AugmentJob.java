package io.augreg.offline;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.image.ImageFiles;
import io.augreg.image.ImageReader;
import io.augreg.image.ImageWriter;
import io.augreg.image.SourceFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs one offline augmentation: walks INPUT, plans the outputs ({@link OutputPlan}), augments the
 * files on {@code threads} workers and writes every output atomically, then the manifest.
 *
 * <p>Determinism: copy {@code k} of a source is made with the generator {@code
 * Seeds.generator(seed, 0, key, k)} (epoch 0; key = {@link OutputPlan#sampleKey}), so its bytes do
 * not depend on the thread count or on which other files exist. The manifest is written in input
 * order by the calling thread while the workers run ahead (at most {@code 4 * threads} files in
 * flight), first to {@code OUTPUT/.manifest.jsonl.part} and renamed to {@code
 * OUTPUT/manifest.jsonl} at the end.
 *
 * <p>Safety: OUTPUT must not overlap INPUT ({@link PathGuard}); a non-empty OUTPUT needs {@code
 * --resume} or {@code --overwrite}; no output may be an input file. A bad input is recorded as a
 * {@link Failure} and the run goes on. A root-level {@code manifest.jsonl} or {@code report.html}
 * in INPUT (an earlier run's manifest and page) is not treated as an input.
 */
public final class AugmentJob {
  /** The manifest's file name inside OUTPUT. */
  public static final String MANIFEST = "manifest.jsonl";

  /** The report page {@code augreg augment} writes beside the manifest (not an input either). */
  public static final String REPORT = "report.html";

  private static final String MANIFEST_PART = ".manifest.jsonl.part";

  /** Receives progress events on the calling thread. */
  public interface Listener {
    /**
     * Called once the inputs are listed.
     *
     * @param sources number of input files
     */
    default void started(int sources) {}

    /**
     * Called for every input, in input order.
     *
     * @param outcome what happened to it
     */
    default void done(SourceOutcome outcome) {}
  }

  private final AugmentConfig config;
  private final SourceAugmenter augmenter;

  /**
   * A job for {@code config}.
   *
   * @param config the run's settings
   */
  public AugmentJob(AugmentConfig config) {
    this.config = config;
    this.augmenter = new SourceAugmenter(config);
  }

  /**
   * Runs the job.
   *
   * @param listener progress events (may be a no-op)
   * @return the summary
   * @throws AugregException (exit 2) for bad paths or an unexpectedly non-empty OUTPUT
   */
  public AugmentReport run(Listener listener) {
    long t0 = System.nanoTime();
    Path input = config.input();
    Path output = config.output();
    if (!Files.exists(input)) {
      throw new AugregException("INPUT " + input + ": no such file or folder");
    }
    PathGuard.check(input, output);
    List<SourceFile> sources = new ArrayList<>(ImageFiles.walk(input));
    if (Files.isDirectory(input)) {
      // an earlier run's manifest and report page are not inputs
      sources.removeIf(s -> s.relative().equals(MANIFEST) || s.relative().equals(REPORT));
    }
    if (sources.isEmpty()) {
      throw new AugregException("INPUT " + input + ": no files found");
    }
    checkOutputEmpty(output);
    List<List<PlannedOutput>> plan =
        OutputPlan.plan(sources, config.copies(), config.keepOriginal(), config.format());
    if (!Files.isDirectory(input)) {
      for (PlannedOutput p : plan.get(0)) {
        if (PathGuard.sameFile(output.resolve(p.relative()), input)) {
          throw new AugregException(
              "output " + output.resolve(p.relative()) + " would overwrite the input");
        }
      }
    }
    Map<String, String> oldRaw = config.resume() ? readOldRaw(output) : Map.of();
    EarlierRun.checkSameOptions(oldRaw.values(), config);
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new AugregException(
          "OUTPUT " + output + ": cannot create folder (" + e.getMessage() + ")", e);
    }
    listener.started(sources.size());

    SourceAugmenter.Sink sink =
        new SourceAugmenter.Sink() {
          @Override
          public boolean exists(String relative) {
            return Files.isRegularFile(output.resolve(relative));
          }

          @Override
          public void write(String relative, byte[] bytes) {
            ImageWriter.writeAtomically(output.resolve(relative), bytes);
          }
        };
    Path part = output.resolve(MANIFEST_PART);
    Path manifest = output.resolve(MANIFEST);
    int written = 0;
    int skipped = 0;
    List<Failure> failures = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            config.threads(),
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        try {
                          r.run();
                        } finally {
                          Pipeline
                              .releaseThreadResources(); // the worker's native scratch, freed when
                                                         // it ends
                        }
                      },
                      "augment-worker");
              t.setDaemon(true);
              return t;
            });
    try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
      ArrayDeque<Future<SourceOutcome>> window = new ArrayDeque<>();
      int next = 0;
      int inFlight = 4 * config.threads();
      while (next < sources.size() || !window.isEmpty()) {
        while (next < sources.size() && window.size() < inFlight) {
          List<PlannedOutput> outs = plan.get(next);
          SourceFile src = sources.get(next);
          window.add(
              pool.submit(
                  () ->
                      augmenter.process(
                          src, () -> ImageReader.readBytes(src.path()), outs, oldRaw, sink)));
          next++;
        }
        SourceOutcome o = await(window.poll());
        for (String line : o.manifestLines()) {
          out.write(line);
          out.write('\n');
        }
        out.flush();
        written += o.written();
        skipped += o.skipped();
        if (o.failure() != null) {
          failures.add(o.failure());
        }
        listener.done(o);
      }
    } catch (IOException e) {
      throw new AugregException(part + ": cannot write the manifest (" + e.getMessage() + ")", e);
    } finally {
      pool.shutdownNow();
    }
    move(part, manifest);
    return new AugmentReport(
        sources.size(), written, skipped, failures, manifest, (System.nanoTime() - t0) / 1e9);
  }

  private void checkOutputEmpty(Path output) {
    if (!Files.isDirectory(output) || config.resume() || config.overwrite()) {
      return;
    }
    try (Stream<Path> s = Files.list(output)) {
      if (s.findAny().isPresent()) {
        throw new AugregException(
            "OUTPUT "
                + output
                + " is not empty; pass --resume to continue an earlier run or --overwrite to"
                + " replace its files");
      }
    } catch (IOException e) {
      throw new AugregException("OUTPUT " + output + ": cannot list (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, String> readOldRaw(Path output) {
    Map<String, String> raw = new HashMap<>();
    for (String name : new String[] {MANIFEST, MANIFEST_PART}) {
      Path f = output.resolve(name);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          EarlierRun.index(line, raw);
        }
      } catch (IOException e) {
        throw new AugregException(
            f + ": cannot read the earlier manifest (" + e.getMessage() + ")", e);
      }
    }
    return raw;
  }

  private static SourceOutcome await(Future<SourceOutcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(c);
    }
  }

  private static void move(Path from, Path to) {
    try {
      try {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AugregException(to + ": cannot write the manifest (" + e.getMessage() + ")", e);
    }
  }
}
