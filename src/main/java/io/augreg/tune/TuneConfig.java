package io.augreg.tune;

import io.augreg.core.AugregException;
import io.augreg.train.Diagnosis;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tune does, validated in the constructor (a bad value is a usage error naming the option).
 *
 * @param space the searched options
 * @param random 0 for the whole grid of {@code space}, else the number of random settings drawn
 *     from it
 * @param seeds runs per setting (seeds {@code seed}, {@code seed + 1}, ...)
 * @param seed the first run seed; also the seed of the random draws
 * @param finalSeeds runs of the chosen setting on the test set (0 = none)
 * @param refit the test runs train on the whole training folder (dev split included, no dev
 *     set) instead of the training part the choice was made with
 * @param maxCells the largest number of settings a round may have
 * @param threads compute threads for all runs together
 * @param memoryMb memory the runs together may take
 * @param cellMb memory one run is budgeted (runs in parallel = min(threads, memoryMb / cellMb))
 * @param sizes training-set fractions of the learning curve, each in (0, 1] (empty = none)
 * @param rounds search rounds: the first is {@code space}, the others refine around the best
 * @param baseError the base error of the bias/variance diagnosis
 * @param base the fixed options of every run (name without dashes → value), for the refinement
 *     and to recognize the tune when {@code out} is reused
 * @param out the tune's folder
 */
public record TuneConfig(SearchSpace space, int random, int seeds, long seed, int finalSeeds, boolean refit,
    int maxCells, int threads, long memoryMb, long cellMb, double[] sizes, int rounds,
    double baseError, Map<String, String> base, Path out) {

  /** Validates and copies. */
  public TuneConfig {
    check(random >= 0, "--random must be >= 0, got " + random);
    check(seeds >= 1, "--seeds must be >= 1, got " + seeds);
    check(finalSeeds >= 0, "--final-seeds must be >= 0, got " + finalSeeds);
    check(maxCells >= 1, "--max-cells must be >= 1, got " + maxCells);
    check(threads >= 1, "--threads must be >= 1, got " + threads);
    check(cellMb >= 1, "--cell-mb must be >= 1, got " + cellMb);
    check(memoryMb >= cellMb, "--memory-mb must be at least --cell-mb (" + cellMb + "), got " + memoryMb);
    check(rounds >= 1, "--rounds must be >= 1, got " + rounds);
    sizes = sizes.clone();
    for (double f : sizes) {
      check(f > 0 && f <= 1, "--sizes must be fractions in (0, 1], got " + SearchSpace.format(f, 6));
    }
    Arrays.sort(sizes);
    Diagnosis.checkBaseError(baseError, "--base-error");
    base = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(base));
    long settings = random > 0 ? random : space.gridSize();
    check(settings <= maxCells, "--grid has " + (settings == Long.MAX_VALUE ? "too many" : settings)
        + " settings, more than --max-cells " + maxCells + " (raise --max-cells or use --random N)");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AugregException(message);
    }
  }

  /** The sizes (a copy). */
  @Override
  public double[] sizes() {
    return sizes.clone();
  }

  /** Runs at once: min(threads, memoryMb / cellMb), at least 1. */
  public int parallel() {
    return (int) Math.max(1, Math.min(threads, memoryMb / cellMb));
  }
}
