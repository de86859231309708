package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootballReportTest {
  @Test
  void accuracyPrintsAsTheLessonDoes() {
    assertEquals("0.9479", FootballReport.accuracy(200 / 211.0));
    assertEquals("0.915", FootballReport.accuracy(183 / 200.0));
    assertEquals("0.930", FootballReport.accuracy(0.93));
    assertEquals("0.950", FootballReport.accuracy(0.95));
    assertEquals("1.000", FootballReport.accuracy(1.0));
  }

  @Test
  void wrapKeepsLinesShortAndWordsWhole() {
    String w = FootballReport.wrap("try: aaa bbb ccc ddd", "  ", "    ", 12);
    assertEquals("  try: aaa\n    bbb ccc\n    ddd\n", w);
  }

  @Test
  void tableAndJsonDescribeTheRuns() throws Exception {
    FootballConfig config = FootballConfig.lessonReference().withIterations(200);
    List<FootballRun> runs =
        new FootballExperiment(config)
            .runAll(FootballData.load(TestData.path("football/data.mat")), 2, null, null);
    String table = FootballReport.table(config, "the data (211 train, 200 test)", runs);
    assertTrue(table.contains("learning rate 0.3, 200 iterations"), table);
    assertTrue(table.contains("Reference mode"), table);
    assertTrue(table.contains("not real dropout"), table);
    assertTrue(table.contains("L2 (λ = 0.7)"), table);
    assertTrue(table.contains("dropout (keep 0.86)"), table);
    assertTrue(table.contains("test error"), table);
    assertTrue(table.contains("Diagnosis (train error vs test error, base error 0):\n"), table);
    for (String line : table.split("\n")) {
      assertTrue(line.length() <= FootballReport.WIDTH, "too long: " + line);
    }
    assertTrue(table.contains(" (" + runs.get(0).trainCorrect() + "/211)"), table);

    String withBase =
        FootballReport.table(config.withBaseError(0.05), "the data (211 train, 200 test)", runs);
    assertTrue(
        withBase.contains("Diagnosis (train error vs test error, base error 0.05):\n"), withBase);

    JsonNode json = new ObjectMapper().readTree(FootballReport.json(runs));
    assertEquals(3, json.get("runs").size());
    assertEquals("l2", json.get("runs").get(1).get("mode").asText());
    assertEquals(runs.get(2).testAccuracy(), json.get("runs").get(2).get("test_accuracy").asDouble());
  }
}
