package io.augreg.tune;

import java.util.List;

/**
 * The results of a tune.
 *
 * @param data what the data were
 * @param cells every searched setting, in the order run
 * @param best the setting with the lowest mean dev error, or null when no run finished
 * @param searched the options searched (axes of all rounds)
 * @param advice the recommendation after each round
 * @param sizes the learning curve: the best setting at each training-set fraction
 * @param test the best setting retrained and evaluated on the test set, or null
 * @param testFolder the folder of the test runs under the tune's folder ({@code final}, or
 *     {@code final-refit} when they trained on the whole training folder)
 * @param failures runs that failed (folder: reason)
 * @param kept runs kept from an earlier, interrupted tune
 */
public record TuneReport(String data, List<CellSummary> cells, CellSummary best,
    List<String> searched, List<String> advice, List<SizePoint> sizes,
    CellSummary test, String testFolder, List<String> failures, int kept) {

  /** Copies the lists. */
  public TuneReport {
    cells = List.copyOf(cells);
    searched = List.copyOf(searched);
    advice = List.copyOf(advice);
    sizes = List.copyOf(sizes);
    failures = List.copyOf(failures);
  }

  /**
   * One point of the learning curve.
   *
   * @param fraction the fraction of the training part
   * @param cell the best setting's runs on it
   */
  public record SizePoint(double fraction, CellSummary cell) {}

  /** The last recommendation, or an empty string. */
  public String recommendation() {
    return advice.isEmpty() ? "" : advice.get(advice.size() - 1);
  }
}
