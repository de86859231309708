package io.augreg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared datasets for tests: {@code data/NAME} first, then {@code ../shared/datasets/NAME}. */
public final class TestData {
  private TestData() {}

  /**
   * The path of a dataset file or folder, e.g. {@code path("football/data.mat")}.
   *
   * @throws AssertionError if it is in neither place (tests must not silently skip real data)
   */
  public static Path path(String relative) {
    Path local = Path.of("data").resolve(relative);
    if (Files.exists(local)) {
      return local;
    }
    Path shared = Path.of("..", "shared", "datasets").resolve(relative);
    if (Files.exists(shared)) {
      return shared;
    }
    throw new AssertionError(
        "dataset not found: " + relative + " (expected in data/ or ../shared/datasets/)");
  }

  /** Like {@link #path} but skips the test (assumption) when the dataset is absent. */
  public static Path pathOrSkip(String relative) {
    Path local = Path.of("data").resolve(relative);
    Path shared = Path.of("..", "shared", "datasets").resolve(relative);
    assumeTrue(Files.exists(local) || Files.exists(shared), "dataset absent: " + relative);
    return Files.exists(local) ? local : shared;
  }
}
