package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.core.AugregException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FootballDataTest {
  @Test
  void loadsTheLessonsFileAsColumns() {
    FootballData d = FootballData.load(TestData.path("football/data.mat"));
    assertEquals(211, d.train().size());
    assertEquals(2, d.train().features());
    assertEquals(200, d.test().size());
    // First training example of the file: (-0.158986, 0.423977), label 1.
    assertEquals(-0.158986, d.train().x().get(0, 0), 1e-12);
    assertEquals(0.423977, d.train().x().get(1, 0), 1e-12);
    assertEquals(1.0, d.train().y().get(0, 0));
    double ones = 0;
    for (int i = 0; i < 211; i++) {
      ones += d.train().y().get(0, i);
    }
    assertTrue(ones > 50 && ones < 160, "both classes present: " + ones);
  }

  @Test
  void missingDefaultPathSaysWhereTheBuildLinksItFrom() {
    String msg = FootballData.notFoundMessage(FootballData.DEFAULT_PATH);
    assertTrue(msg.contains("../shared/datasets/football"), msg);
    assertTrue(msg.contains("--data"), msg);
    String other = FootballData.notFoundMessage(Path.of("elsewhere.mat"));
    assertTrue(other.startsWith("elsewhere.mat: football data set not found"), other);
  }

  @Test
  void missingFileThrowsUserError() {
    AugregException e =
        assertThrows(AugregException.class, () -> FootballData.load(Path.of("no/such/file.mat")));
    assertEquals(2, e.exitCode());
  }
}
