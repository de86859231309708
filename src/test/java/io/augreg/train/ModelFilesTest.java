package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import io.augreg.data.MatFile;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @TempDir Path dir;

  private static Network network() {
    return Network.initialize(
        new int[] {2, 5, 3, 1}, Activation.RELU, OutputKind.SIGMOID_BINARY, InitScheme.HE, 11);
  }

  private static TrainConfig config() {
    return TrainConfig.builder()
        .l2(0.7)
        .keepProb(0.9, 0.8)
        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 5, 0.001))
        .seed(42)
        .evalEvery(10)
        .build();
  }

  @Test
  void roundTripKeepsWeightsConfigAndMetricsExactly() {
    Network net = network();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", 0.9478672985781991);
    metrics.put("final_cost", Double.NaN);
    ModelFiles.Saved saved = ModelFiles.save(dir, "m", net, config(), metrics);
    assertEquals(dir.resolve("m.mat"), saved.weights());
    assertEquals(dir.resolve("m.json"), saved.description());

    ModelFiles.Loaded back = ModelFiles.load(dir, "m");
    assertArrayEquals(net.sizes(), back.network().sizes());
    assertEquals(net.hidden(), back.network().hidden());
    assertEquals(net.output(), back.network().output());
    for (int l = 1; l <= net.layers(); l++) {
      assertArrayEquals(net.weight(l).data, back.network().weight(l).data, 0.0, "W" + l);
      assertArrayEquals(net.bias(l).data, back.network().bias(l).data, 0.0, "b" + l);
    }
    assertEquals(config(), back.config());
    assertEquals(42L, back.seed());
    assertEquals(0.9478672985781991, back.metrics().get("train_accuracy"));
    assertTrue(back.metrics().get("final_cost").isNaN());
    assertEquals("augreg-model", back.description().path("format").asText());
    assertEquals(2, back.description().path("architecture").path("sizes").get(0).asInt());

    DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.1, -0.3, 0.5}, {0.2, 0.4, -0.6}});
    assertArrayEquals(
        net.predictProbabilities(x).data, back.network().predictProbabilities(x).data, 0.0);
  }

  @Test
  void weightsFileHasLessonNamesAndShapes() {
    ModelFiles.save(dir, network(), null, Map.of());
    MatFile mat = MatFile.read(dir.resolve("model.mat"), "W1", "b1", "W2", "b2", "W3", "b3");
    assertEquals(5, mat.matrix("W1", 5, 2).numRows);
    assertEquals(1, mat.matrix("b2", 3, 1).numCols);
    assertEquals(3, mat.matrix("W3", 1, 3).numCols);
    ModelFiles.Loaded back = ModelFiles.load(dir);
    assertNull(back.config());
    assertNull(back.seed());
  }

  @Test
  void missingDescriptionIsReported() {
    AugregException e = assertThrows(AugregException.class, () -> ModelFiles.load(dir, "none"));
    assertTrue(e.getMessage().contains("none.json"), e.getMessage());
  }

  @Test
  void notAModelDescriptionIsReported() throws IOException {
    Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");
    AugregException e = assertThrows(AugregException.class, () -> ModelFiles.load(dir, "x"));
    assertTrue(e.getMessage().contains("not an augreg model"), e.getMessage());
    Files.writeString(dir.resolve("y.json"), "{not json");
    assertThrows(AugregException.class, () -> ModelFiles.load(dir, "y"));
  }

  @Test
  void weightsThatDoNotMatchTheArchitectureAreReported() throws IOException {
    ModelFiles.save(dir, "m", network(), null, Map.of());
    String json = Files.readString(dir.resolve("m.json")).replace("[ 2, 5, 3, 1 ]", "[ 2, 6, 3, 1 ]");
    Files.writeString(dir.resolve("m.json"), json);
    AugregException e = assertThrows(AugregException.class, () -> ModelFiles.load(dir, "m"));
    assertTrue(e.getMessage().contains("'W1' is 5x2, expected 6x2"), e.getMessage());
  }
}
