package io.augreg.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bias/variance loop, automated: runs every setting of the search on its seeds (ordinary
 * runs of the trainer, see {@link CellRunner}), picks the setting with the lowest mean dev error,
 * reads its verdict, refines for {@code rounds − 1} more rounds, then runs the learning curve
 * ({@code sizes}) and the chosen setting on the test set ({@code finalSeeds} runs). The test set
 * takes no part in any choice.
 *
 * <p>Folders under {@code out}: {@code cells/SETTING/seed-S} (search runs), {@code
 * sizes/FRACTION/SETTING/seed-S}, {@code final/SETTING/seed-S}, {@code data/} (the split). A run
 * folder is complete once renamed from {@code .part} (see {@link RunStore}); a rerun keeps them.
 */
public final class Tuner {

  /** Follows the runs: called when a phase starts and after each of its runs. */
  public interface Listener {
    /**
     * Progress of a phase.
     *
     * @param phase e.g. {@code "round 1"}, {@code "sizes"}, {@code "test"}
     * @param done finished runs (kept ones included)
     * @param total runs of the phase
     */
    void progress(String phase, int done, int total);
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TuneConfig config;
  private final TuneData data;
  private final CellRunner runner;
  private final Set<String> validKeys;
  private final Listener listener;
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private int kept;

  /**
   * A tune.
   *
   * @param config what to search
   * @param data where the runs read their data
   * @param runner runs one training
   * @param validKeys the options a run takes (for the refinement)
   * @param listener progress, or null
   */
  public Tuner(TuneConfig config, TuneData data, CellRunner runner, Set<String> validKeys,
      Listener listener) {
    this.config = config;
    this.data = data;
    this.runner = runner;
    this.validKeys = Set.copyOf(validKeys);
    this.listener = listener == null ? (p, d, t) -> { } : listener;
  }

  /**
   * Runs the tune (keeping the finished runs of an earlier, interrupted one) and writes its
   * results into {@code out}.
   *
   * @return the results
   * @throws AugregException when {@code out} holds a tune with other fixed options
   */
  public TuneReport run() {
    claim();
    Map<String, CellSummary> cells = new LinkedHashMap<>();
    List<String> advice = new ArrayList<>();
    Set<String> searched = new LinkedHashSet<>();
    for (SearchSpace.Axis a : config.space().axes()) {
      searched.add(a.key());
    }
    List<Setting> settings = config.random() > 0
        ? config.space().random(config.random(), config.seed()) : config.space().grid();
    CellSummary best = null;
    for (int round = 1; round <= config.rounds() && !settings.isEmpty(); round++) {
      List<Setting> fresh = settings.stream().filter(s -> !cells.containsKey(s.id())).toList();
      if (fresh.isEmpty()) {
        advice.add("round " + round + ": the refinement proposes nothing new; stopped");
        break;
      }
      for (CellSummary c : runSettings("round " + round, fresh, round, 1.0, "cells", false)) {
        cells.put(c.setting().id(), c);
      }
      best = best(cells.values());
      if (best == null) {
        break;
      }
      Refine r = Refine.from(best, searched, config.base(), validKeys);
      advice.add(r.advice());
      writeProgress(cells, searched, advice, best);
      settings = new ArrayList<>();
      if (r.next() != null && round < config.rounds()) {
        for (SearchSpace.Axis a : r.next().axes()) {
          searched.add(a.key());
        }
        for (Setting s : r.next().grid()) {
          Setting full = best.setting();
          for (Map.Entry<String, String> e : s.values().entrySet()) {
            full = full.with(e.getKey(), e.getValue());
          }
          settings.add(full);
        }
      }
    }
    List<TuneReport.SizePoint> sizes = new ArrayList<>();
    CellSummary finalCell = null;
    if (best != null) {
      for (double f : config.sizes()) {
        List<CellSummary> s = f == 1.0 ? List.of(cells.get(best.setting().id()))
            : runSettings("size " + SearchSpace.format(f, 4), List.of(best.setting()), 0, f,
                "sizes/" + SearchSpace.format(f, 4), false);
        for (CellSummary c : s) {
          sizes.add(new TuneReport.SizePoint(f, c));
        }
      }
      if (data.test() != null && config.finalSeeds() > 0) {
        List<CellSummary> t = runSettings("test", List.of(best.setting()), 0, 1.0,
            config.refit() ? "final-refit" : "final", true);
        finalCell = t.isEmpty() ? null : t.get(0);
      }
    }
    TuneReport report = new TuneReport(data.describe(), List.copyOf(cells.values()), best,
        List.copyOf(searched), advice, sizes, finalCell, config.refit() ? "final-refit" : "final",
        List.copyOf(failures), kept);
    TuneOutputs.write(config.out(), report, config);
    return report;
  }

  /** The cell with the lowest mean dev error (ties: the smaller spread, then the earlier). */
  static CellSummary best(java.util.Collection<CellSummary> cells) {
    return cells.stream().filter(c -> Double.isFinite(c.dev().mean()))
        .min(Comparator.comparingDouble((CellSummary c) -> c.dev().mean())
            .thenComparingDouble(c -> c.dev().sd()))
        .orElse(null);
  }

  /** Runs {@code settings} × seeds in parallel and sums each setting up. */
  private List<CellSummary> runSettings(String phase, List<Setting> settings, int round,
      double fraction, String folder, boolean test) {
    TuneData.Parts parts = data.parts(fraction);
    if (test) {
      parts = config.refit() ? new TuneData.Parts(data.whole(), null, data.test())
          : new TuneData.Parts(parts.train(), parts.dev(), data.test());
    }
    int seeds = test ? config.finalSeeds() : config.seeds();
    List<Path> todo = new ArrayList<>();
    List<Runnable> jobs = new ArrayList<>();
    Map<Setting, List<Path>> dirs = new LinkedHashMap<>();
    int per = Math.max(1, config.threads() / Math.min(config.parallel(), settings.size() * seeds));
    for (Setting s : settings) {
      List<Path> ds = new ArrayList<>();
      for (int k = 0; k < seeds; k++) {
        long seed = config.seed() + k;
        Path dir = config.out().resolve(folder).resolve(s.id()).resolve("seed-" + seed);
        ds.add(dir);
        if (RunStore.finished(dir)) {
          kept++;
          continue;
        }
        TuneData.Parts p = parts;
        todo.add(dir);
        jobs.add(() -> RunStore.run(dir, d -> runner.run(s, seed, p, per, d)));
      }
      dirs.put(s, ds);
    }
    execute(phase, jobs, todo, settings.size() * seeds);
    List<CellSummary> out = new ArrayList<>();
    for (Map.Entry<Setting, List<Path>> e : dirs.entrySet()) {
      List<RunResult> runs = new ArrayList<>();
      for (Path d : e.getValue()) {
        if (RunStore.finished(d)) {
          runs.add(RunResult.read(d));
        }
      }
      if (!runs.isEmpty()) {
        out.add(CellSummary.of(e.getKey(), round, runs, config.baseError()));
      }
    }
    return out;
  }

  /** Runs the jobs, {@link TuneConfig#parallel()} at once; a failed run is recorded, not fatal. */
  private void execute(String phase, List<Runnable> jobs, List<Path> dirs, int total) {
    int[] done = {total - jobs.size()};
    listener.progress(phase, done[0], total);
    if (jobs.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallel(), jobs.size()), r -> {
      Thread t = new Thread(r, "tune-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        Runnable job = jobs.get(i);
        Path dir = dirs.get(i);
        futures.add(pool.submit(() -> {
          try {
            job.run();
          } catch (RuntimeException e) {
            failures.add(config.out().relativize(dir) + ": " + e.getMessage());
          }
          synchronized (done) {
            done[0]++;
            listener.progress(phase, done[0], total);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("tune: interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Records the fixed options in {@code out/tune.json}, or checks that an existing one has the
   * same: finished runs are only kept when they ran with the same fixed options and data.
   */
  private void claim() {
    Map<String, Object> id = new LinkedHashMap<>();
    id.put("data", data.describe());
    id.put("base", config.base());
    Path file = config.out().resolve("tune.json");
    try {
      String text = JSON.writeValueAsString(id) + "\n";
      if (Files.exists(file)) {
        String old = Files.readString(file);
        if (!old.equals(text)) {
          throw new AugregException(config.out() + " holds a tune with other fixed options or data"
              + " (see its tune.json); rerun with the same ones to continue it, or choose a new --out");
        }
        return;
      }
      Files.createDirectories(config.out());
      TuneOutputs.writeText(file, text);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read or write (" + e.getMessage() + ")", e);
    }
  }

  /** The results so far (after each round), so that an interrupted tune still has them. */
  private void writeProgress(Map<String, CellSummary> cells, Set<String> searched,
      List<String> advice, CellSummary best) {
    TuneOutputs.write(config.out(), new TuneReport(data.describe(), List.copyOf(cells.values()), best,
        List.copyOf(searched), advice, List.of(), null, "final", List.copyOf(failures), kept),
        config);
  }
}
