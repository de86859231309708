package io.augreg.imagetrain;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of (true label, predicted label) pairs and the scores derived from them: accuracy and,
 * per label, precision, recall, F1 and support.
 */
public final class ConfusionMatrix {
  private final long[][] counts;
  private final long total;
  private final long correct;

  /** Precision, recall, F1 and support (images whose true label it is) of one label. */
  public record ClassScores(int label, double precision, double recall, double f1, long support) {}

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
    long t = 0;
    long c = 0;
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts.length; j++) {
        t += counts[i][j];
      }
      c += counts[i][i];
    }
    this.total = t;
    this.correct = c;
  }

  /**
   * Tallies predictions against true labels.
   *
   * @param labels number of labels k; labels are 0..k-1
   * @param truth true label of each example
   * @param predicted predicted label of each example, same length
   * @return the matrix
   * @throws IllegalArgumentException if the lengths differ or a label is outside 0..k-1
   */
  public static ConfusionMatrix of(int labels, int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(
          truth.length + " true labels but " + predicted.length + " predictions");
    }
    long[][] cm = new long[labels][labels];
    for (int j = 0; j < truth.length; j++) {
      cm[truth[j]][predicted[j]]++;
    }
    return new ConfusionMatrix(cm);
  }

  /** Number of labels k. */
  public int labels() {
    return counts.length;
  }

  /** Examples with true label {@code truth} predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  /** A copy of the counts, rows = true label, columns = predicted label. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Number of examples. */
  public long total() {
    return total;
  }

  /** Number of examples predicted right (the diagonal). */
  public long correct() {
    return correct;
  }

  /** correct / total, 0 without examples. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** Scores of every label, in label order. */
  public List<ClassScores> perClass() {
    List<ClassScores> scores = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      long tp = counts[c][c];
      long fp = 0;
      long fn = 0;
      for (int o = 0; o < counts.length; o++) {
        if (o != c) {
          fp += counts[o][c];
          fn += counts[c][o];
        }
      }
      // precision = tp/(tp+fp); recall = tp/(tp+fn); F1 = 2pr/(p+r); each 0 when undefined
      double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
      double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      scores.add(new ClassScores(c, p, r, f1, tp + fn));
    }
    return scores;
  }
}
