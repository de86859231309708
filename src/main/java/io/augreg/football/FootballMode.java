package io.augreg.football;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;

/** Which regularizers one football run uses. */
public enum FootballMode {
  /** No regularization (the lesson's first model: it overfits). */
  NONE("none", false, false),
  /** L2 regularization (weight decay). */
  L2("l2", true, false),
  /** Inverted dropout on both hidden layers. */
  DROPOUT("dropout", false, true),
  /** L2 and dropout together (the lesson's code forbids it; augreg allows it). */
  L2_DROPOUT("l2+dropout", true, true);

  private final String label;
  private final boolean l2;
  private final boolean dropout;

  FootballMode(String label, boolean l2, boolean dropout) {
    this.label = label;
    this.l2 = l2;
    this.dropout = dropout;
  }

  /** The name used on the command line and in JSON: none, l2, dropout, l2+dropout. */
  public String label() {
    return label;
  }

  /** Whether the run penalizes weights with L2. */
  public boolean usesL2() {
    return l2;
  }

  /** Whether the run uses dropout. */
  public boolean usesDropout() {
    return dropout;
  }

  /** The lesson's three runs: none, l2, dropout. */
  public static List<FootballMode> lessonRuns() {
    return List.of(NONE, L2, DROPOUT);
  }

  /**
   * Parses {@code --mode}: one of none, l2, dropout, l2+dropout, or all (the four).
   *
   * @param text the option value
   * @return the runs, in the order above
   * @throws AugregException naming the allowed values
   */
  public static List<FootballMode> parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("all")) {
      return List.of(values());
    }
    List<FootballMode> out = new ArrayList<>();
    for (String part : t.split("\\s*,\\s*")) {
      FootballMode found = null;
      for (FootballMode m : values()) {
        if (m.label.equals(part)) {
          found = m;
        }
      }
      if (found == null) {
        throw new AugregException(
            "--mode must be none, l2, dropout, l2+dropout or all (or a comma list), got '"
                + text + "'");
      }
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    out.sort(null);
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return label;
  }
}
