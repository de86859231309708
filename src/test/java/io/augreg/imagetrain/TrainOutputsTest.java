package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.train.Diagnosis;
import io.augreg.train.EpochRecord;
import io.augreg.train.History;
import io.augreg.train.StopReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report.json}'s diagnosis names the hold-out set and never calls a test error a dev error. */
class TrainOutputsTest {
  @TempDir Path tmp;

  private JsonNode diagnosis(String name, double holdOutError, String holdOut) throws Exception {
    History h = new History(List.of(new EpochRecord(1, 0.7, Double.NaN, 0.6, Double.NaN),
        new EpochRecord(2, 0.5, Double.NaN, 0.8, Double.NaN)));
    TrainOutputs.RunSummary s = new TrainOutputs.RunSummary(0.8, Double.NaN, Double.NaN, h, 2, 2,
        StopReason.MAX_EPOCHS, Diagnosis.of(0.2, holdOutError, 0.0), holdOut, 100, 1.5);
    Path dir = tmp.resolve(name);
    TrainOutputs.writeRun(dir, s, Map.of());
    return new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("diagnosis");
  }

  @Test
  void withADevSetBothErrorFieldsHoldTheDevError() throws Exception {
    JsonNode d = diagnosis("dev", 0.35, "dev");
    assertEquals("dev", d.path("hold_out").asText());
    assertEquals(0.35, d.path("hold_out_error").asDouble(), 0.0);
    assertEquals(0.35, d.path("dev_error").asDouble(), 0.0);
    assertEquals(0.2, d.path("train_error").asDouble(), 0.0);
    assertEquals("HIGH_BIAS_AND_VARIANCE", d.path("verdict").asText());
  }

  @Test
  void withTheTestSetAsHoldOutDevErrorIsNull() throws Exception {
    JsonNode d = diagnosis("test", 0.35, "test");
    assertEquals("test", d.path("hold_out").asText());
    assertEquals(0.35, d.path("hold_out_error").asDouble(), 0.0);
    assertTrue(d.has("dev_error") && d.path("dev_error").isNull(), d.toString());
    assertTrue(d.path("summary").asText().contains("test error 35.0%"), d.toString());
  }

  @Test
  void withoutAnyHoldOutAllThreeAreNull() throws Exception {
    JsonNode d = diagnosis("none", Double.NaN, "dev");
    assertTrue(d.path("hold_out").isNull(), d.toString());
    assertTrue(d.path("hold_out_error").isNull(), d.toString());
    assertTrue(d.path("dev_error").isNull(), d.toString());
  }
}
