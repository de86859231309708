package io.augreg.tune;

import java.nio.file.Path;

/**
 * Runs one training of a tune: an ordinary run of the trainer (for images, {@code augreg train}
 * driven through its own options) that writes its outputs, {@code report.json} included, into a
 * folder. The report carries at least {@code train_accuracy}, {@code dev_accuracy}, {@code
 * test_accuracy}, {@code stop_epoch} and {@code best_epoch} (see {@link RunResult#read}).
 */
@FunctionalInterface
public interface CellRunner {

  /**
   * Runs one training.
   *
   * @param setting the searched options' values
   * @param seed the run seed
   * @param data the run's data folders
   * @param threads compute threads the run may use
   * @param dir the run's output folder (created, empty)
   * @return the run's exit code (0 or 1 when it wrote its report)
   */
  int run(Setting setting, long seed, TuneData.Parts data, int threads, Path dir);
}
