package io.augreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code augreg football} without {@code --json} writes its model files without initializing
 * jackson-databind's {@code ObjectMapper} (its first use costs about 0.1 CPU-s): a child JVM's
 * class-loading log must not name it.
 */
class FootballColdJsonTest {
  @TempDir Path tmp;

  @Test
  void footballDoesNotLoadObjectMapper() throws Exception {
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("console.txt");
    List<String> c = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "football", "--data",
        TestData.path("football/data.mat").toString(), "--iterations", "2", "--no-pictures",
        "--out", out.toString());
    Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end");
    String console = Files.readString(log);
    assertEquals(0, p.exitValue(), console);
    assertTrue(Files.isRegularFile(out.resolve("model-l2.json")), console);
    assertTrue(console.contains("com.fasterxml.jackson.core.JsonFactory "), "the probe sees loads");
    assertFalse(console.contains("com.fasterxml.jackson.databind.ObjectMapper "),
        "ObjectMapper was loaded");
  }
}
