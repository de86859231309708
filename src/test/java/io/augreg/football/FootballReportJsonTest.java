package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed {@code --json} line is byte for byte what the former ObjectNode code wrote. */
class FootballReportJsonTest {
  private static final ObjectMapper OLD = new ObjectMapper();

  /** The former writer, kept here to compare against. */
  private static String objectMapperText(List<FootballRun> runs) throws Exception {
    ObjectNode root = OLD.createObjectNode();
    ArrayNode arr = root.putArray("runs");
    for (FootballRun r : runs) {
      ObjectNode o = arr.addObject();
      o.put("mode", r.mode().label());
      o.put("train_accuracy", r.trainAccuracy());
      o.put("test_accuracy", r.testAccuracy());
      putFinite(o, "final_cost", r.finalCost());
      putFinite(o, "seconds", r.seconds());
      o.put("stop_reason", r.result().stopReason().label());
      o.put("stop_iteration", r.result().stopEpoch());
      o.put("kept_iteration", r.result().bestEpoch());
    }
    return OLD.writeValueAsString(root);
  }

  private static void putFinite(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private static final double[] ODD = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1.0, 1e-7, 1e21,
    200 / 211.0
  };

  private static double number(Random r) {
    return r.nextBoolean() ? ODD[r.nextInt(ODD.length)] : r.nextDouble();
  }

  @Test
  void jsonLineIsByteIdenticalToTheObjectMapperOne() throws Exception {
    FootballConfig config = FootballConfig.lessonReference().withIterations(3);
    List<FootballRun> real = new FootballExperiment(config)
        .runAll(FootballData.load(TestData.path("football/data.mat")), 1, null, null);
    assertEquals(objectMapperText(real), FootballReport.json(real));
    assertEquals(objectMapperText(List.of()), FootballReport.json(List.of()));
    Random r = new Random(13);
    for (int i = 0; i < 200; i++) {
      List<FootballRun> runs = new ArrayList<>();
      for (int k = r.nextInt(5); k > 0; k--) {
        FootballRun b = real.get(r.nextInt(real.size()));
        runs.add(new FootballRun(b.mode(), b.config(), b.result(), number(r), number(r),
            b.trainCorrect(), b.trainSize(), b.testCorrect(), b.testSize(), b.diagnosis(),
            number(r)));
      }
      assertEquals(objectMapperText(runs), FootballReport.json(runs), "case " + i);
    }
  }
}
