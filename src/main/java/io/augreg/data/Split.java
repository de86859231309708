package io.augreg.data;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded, class-stratified partition of example indices {@code 0..m-1} into train, dev and
 * test. It works on indices only, so the same split serves an in-memory {@link Dataset} (via
 * {@code subset}) and an image folder alike.
 *
 * <p>Algorithm: the examples of each class are shuffled with a generator derived from (seed,
 * class); the k-th of a class of n gets the position key (k + ½)/n; all examples are ordered by
 * key (ties broken by a seeded draw) and cut into consecutive runs of the requested sizes. Each
 * class therefore lands in each part in proportion to its size (within one example), and the
 * part sizes are exact: the sizes are m × ratio apportioned by largest remainder, with at least
 * one example in every part whose ratio is positive.
 *
 * <p>Immutable; accessors return copies, each sorted ascending.
 */
public final class Split {
  private final int[] train;
  private final int[] dev;
  private final int[] test;

  private Split(int[] train, int[] dev, int[] test) {
    this.train = train;
    this.dev = dev;
    this.test = test;
  }

  /**
   * Splits by a preset of the lesson.
   *
   * @param labels class label of every example (any integers; examples are 0..length-1)
   * @param preset the proportions
   * @param seed run seed
   * @return the split
   */
  public static Split stratified(int[] labels, SplitPreset preset, long seed) {
    return stratified(labels, preset.ratios(), seed);
  }

  /**
   * Splits {@code labels.length} examples, stratified by class.
   *
   * @param labels class label of every example
   * @param ratios the proportions
   * @param seed run seed; the same (labels, ratios, seed) always gives the same split
   * @return the split
   * @throws AugregException if there are fewer examples than non-empty parts requested
   */
  public static Split stratified(int[] labels, SplitRatios ratios, long seed) {
    int m = labels.length;
    int[] sizes = partSizes(m, ratios);

    // Group example indices by class (sorted by label so the order never depends on hashing).
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < m; i++) {
      byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    int count = 0;
    int[] index = new int[m];
    double[] key = new double[m];
    double[] tie = new double[m];
    SplittableRandom tieRandom = Seeds.generator(seed, 0x5917L);
    for (var entry : byClass.entrySet()) {
      List<Integer> members = entry.getValue();
      int n = members.size();
      int[] shuffled = members.stream().mapToInt(Integer::intValue).toArray();
      Seeds.shuffle(shuffled, Seeds.generator(seed, 0x5917L, entry.getKey()));
      // key_k = (k + 1/2) / n: evenly spaced positions in (0, 1) for the class's k-th example.
      for (int k = 0; k < n; k++) {
        index[count] = shuffled[k];
        key[count] = (k + 0.5) / n;
        tie[count] = tieRandom.nextDouble();
        count++;
      }
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingDouble(i -> tie[i]));
    int[] tr = new int[sizes[0]];
    int[] dv = new int[sizes[1]];
    int[] te = new int[sizes[2]];
    for (int p = 0; p < m; p++) {
      int example = index[order[p]];
      if (p < sizes[0]) {
        tr[p] = example;
      } else if (p < sizes[0] + sizes[1]) {
        dv[p - sizes[0]] = example;
      } else {
        te[p - sizes[0] - sizes[1]] = example;
      }
    }
    Arrays.sort(tr);
    Arrays.sort(dv);
    Arrays.sort(te);
    return new Split(tr, dv, te);
  }

  /**
   * Splits {@code m} examples without classes (every example in one stratum).
   *
   * @param m number of examples
   * @param ratios the proportions
   * @param seed run seed
   * @return the split
   */
  public static Split random(int m, SplitRatios ratios, long seed) {
    return stratified(new int[m], ratios, seed);
  }

  /**
   * The sizes of the three parts: m × ratio apportioned by largest remainder (ties go to train,
   * then dev), then every part with a positive ratio raised to at least one example, taken from
   * the largest part.
   *
   * @param m number of examples
   * @param ratios the proportions
   * @return {train, dev, test} sizes summing to m
   */
  static int[] partSizes(int m, SplitRatios ratios) {
    double[] r = {ratios.train(), ratios.dev(), ratios.test()};
    int nonEmpty = 0;
    for (double v : r) {
      if (v > 0) {
        nonEmpty++;
      }
    }
    if (m < nonEmpty) {
      throw new AugregException(
          "cannot split " + m + " example(s) into " + nonEmpty + " non-empty parts (" + ratios + ")");
    }
    int[] sizes = new int[3];
    double[] remainder = new double[3];
    int assigned = 0;
    for (int i = 0; i < 3; i++) {
      double exact = m * r[i];
      sizes[i] = (int) Math.floor(exact);
      remainder[i] = exact - sizes[i];
      assigned += sizes[i];
    }
    while (assigned < m) {
      int best = 0;
      for (int i = 1; i < 3; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      sizes[best]++;
      remainder[best] = -1;
      assigned++;
    }
    for (int i = 0; i < 3; i++) {
      if (r[i] > 0 && sizes[i] == 0) {
        int largest = 0;
        for (int j = 1; j < 3; j++) {
          if (sizes[j] > sizes[largest]) {
            largest = j;
          }
        }
        sizes[largest]--;
        sizes[i]++;
      }
    }
    return sizes;
  }

  /** Indices of the training examples (ascending, a copy). */
  public int[] train() {
    return train.clone();
  }

  /** Indices of the dev examples (ascending, a copy; empty if no dev set). */
  public int[] dev() {
    return dev.clone();
  }

  /** Indices of the test examples (ascending, a copy; empty if no test set). */
  public int[] test() {
    return test.clone();
  }

  /** Number of training examples. */
  public int trainSize() {
    return train.length;
  }

  /** Number of dev examples. */
  public int devSize() {
    return dev.length;
  }

  /** Number of test examples. */
  public int testSize() {
    return test.length;
  }

  @Override
  public String toString() {
    return "Split[train=" + train.length + ", dev=" + dev.length + ", test=" + test.length + "]";
  }
}
