package io.augreg.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a tune keeps of one finished run, read back from its {@code report.json}. Errors are 1 −
 * accuracy; a missing value is NaN (no test set, no early stopping record).
 *
 * @param trainError train error
 * @param devError dev error
 * @param testError test error (final runs only)
 * @param stopEpoch the epoch training stopped at
 * @param bestEpoch the epoch whose weights were kept
 */
public record RunResult(
    double trainError, double devError, double testError, double stopEpoch, double bestEpoch) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code dir/report.json}.
   *
   * @param dir a finished run's folder
   * @return its result
   * @throws AugregException when the report is missing or unreadable
   */
  public static RunResult read(Path dir) {
    Path file = dir.resolve("report.json");
    try {
      JsonNode r = JSON.readTree(Files.readString(file));
      return new RunResult(1 - number(r, "train_accuracy"), 1 - number(r, "dev_accuracy"),
          1 - number(r, "test_accuracy"), number(r, "stop_epoch"), number(r, "best_epoch"));
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read the run's report (" + e.getMessage() + ")", e);
    }
  }

  private static double number(JsonNode r, String key) {
    JsonNode n = r.get(key);
    return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
  }
}
