package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchCnnCommandTest {

  @Test
  void printsOneLineInThePeersFormat() {
    Path root = TestData.path("catvnoncat");
    CliHarness.Result r = CliHarness.run("bench", "cnn", "--data", root.toString(), "--epochs", "1",
        "--augment", "1", "--threads", "2", "--seed", "0");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().matches("(?s)augreg cnn augment=True epochs=1 samples_per_s=\\d+ train_acc=0\\.\\d{3} test_acc=0\\.\\d{3}\\s*"),
        r.out());
  }

  @Test
  void aBadArchIsAUsageError() {
    Path root = TestData.path("catvnoncat");
    CliHarness.Result r = CliHarness.run("bench", "cnn", "--data", root.toString(), "--epochs", "1",
        "--arch", "conv filters=4 bn=perhaps");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("'perhaps'"), r.err());
  }
}
