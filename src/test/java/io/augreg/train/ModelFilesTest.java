package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.data.MatFile;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @TempDir Path dir;

  private static final DMatrixRMaj X =
      new DMatrixRMaj(new double[][] {{0.1, -0.3, 0.5}, {0.2, 0.4, -0.6}});

  /** The 2-5-3-1 dense stack ({@code --layers 5,3} on two inputs). */
  private static Network network() {
    return Network.initialize(Architecture.ofLayers(new int[] {5, 3}, new double[] {1}),
        Shape.flat(2), OutputKind.SIGMOID_BINARY, 1, 11, "he");
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

  private static void assertSameValues(Network a, Network b) {
    List<double[]> va = a.parameters();
    List<double[]> vb = b.parameters();
    assertEquals(va.size(), vb.size());
    for (int i = 0; i < va.size(); i++) {
      assertArrayEquals(va.get(i), vb.get(i), 0.0, "array " + i);
    }
  }

  @Test
  void roundTripKeepsWeightsConfigAndMetricsExactly() {
    Network net = network();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_accuracy", 0.9478672985781991);
    metrics.put("final_cost", Double.NaN);
    ModelFiles.Saved saved = ModelFiles.save(dir, "m", net, config(), metrics, Map.of("k", "v"));
    assertEquals(dir.resolve("m.mat"), saved.weights());
    assertEquals(dir.resolve("m.json"), saved.description());

    ModelFiles.Loaded back = ModelFiles.load(dir, "m");
    assertEquals(net.architecture(), back.network().architecture());
    assertEquals(net.input(), back.network().input());
    assertEquals(net.output(), back.network().output());
    assertSameValues(net, back.network());
    assertEquals(config(), back.config());
    assertEquals(42L, back.seed());
    assertEquals(0.9478672985781991, back.metrics().get("train_accuracy"));
    assertTrue(back.metrics().get("final_cost").isNaN());
    JsonNode root = back.description();
    assertEquals("augreg-model", root.path("format").asText());
    assertEquals(2, root.path("format_version").asInt());
    assertEquals("stack", root.path("architecture").path("kind").asText());
    assertEquals(5 * 2 + 5 + 3 * 5 + 3 + 3 + 1, root.path("architecture").path("parameters").asInt());
    assertEquals("v", root.path("k").asText());
    assertArrayEquals(net.predictProbabilities(X, new JavaGemm()).data,
        back.network().predictProbabilities(X, new JavaGemm()).data, 0.0);
  }

  @Test
  void denseWeightsHaveTheLessonsNamesAndShapes() {
    Network net = network();
    ModelFiles.save(dir, net, null, Map.of());
    MatFile mat = MatFile.read(dir.resolve("model.mat"), "W1", "b1", "W2", "b2", "W3", "b3");
    assertEquals(6, mat.names().size(), mat.names().toString());
    // W1 is n_1 × n_0 = 5 × 2: the transpose of the layer's 2 × 5 (inputs × units) array
    DMatrixRMaj w1 = mat.matrix("W1", 5, 2);
    double[] layer = net.parameters().get(0);
    for (int u = 0; u < 5; u++) {
      for (int i = 0; i < 2; i++) {
        assertEquals(layer[i * 5 + u], w1.get(u, i), 0.0);
      }
    }
    assertEquals(1, mat.matrix("b2", 3, 1).numCols);
    assertEquals(3, mat.matrix("W3", 1, 3).numCols);
    ModelFiles.Loaded back = ModelFiles.load(dir);
    assertNull(back.config());
    assertNull(back.seed());
  }

  @Test
  void aDenseStackKeepsTheLessonsNamesAndLayout() {
    Network net = Network.initialize(Architecture.parse("dense units=5 | dense units=3"),
        Shape.flat(2), OutputKind.SIGMOID_BINARY, 1, 11, "he");
    ModelFiles.save(dir, "m", net, null, Map.of(), Map.of());
    MatFile mat = MatFile.read(dir.resolve("m.mat"), "W1", "b1", "W2", "b2", "W3", "b3");
    int[] sizes = {2, 5, 3, 1};
    for (int l = 1; l <= 3; l++) {
      // the lesson's W_l is n_l × n_(l−1); the dense layer keeps its transpose
      double[] w = net.parameters().get(2 * (l - 1));
      DMatrixRMaj file = mat.matrix("W" + l);
      assertEquals(sizes[l], file.numRows, "W" + l);
      assertEquals(sizes[l - 1], file.numCols, "W" + l);
      for (int o = 0; o < sizes[l]; o++) {
        for (int i = 0; i < sizes[l - 1]; i++) {
          assertEquals(w[i * sizes[l] + o], file.get(o, i), 0.0, "W" + l);
        }
      }
      assertArrayEquals(net.parameters().get(2 * l - 1), mat.matrix("b" + l).data, 0.0, "b" + l);
    }
    Network back = ModelFiles.load(dir, "m").network();
    assertEquals("dense units=5 act=relu | dense units=3 act=relu", back.architecture().toSpec());
    assertArrayEquals(net.predictProbabilities(X, new JavaGemm()).data,
        back.predictProbabilities(X, new JavaGemm()).data, 0.0);
  }

  @Test
  void batchNormStateRoundTripsAndPredictionsAreUnchanged() throws Exception {
    Architecture arch = Architecture.parse(
        "conv filters=4 k=3 bn=true | pool k=2 | dense units=6 act=none | bn momentum=0.2 act=relu");
    Dataset train = TrainerTest.bars(32, 8, 1, 1);
    Network net = Network.initialize(arch, new Shape(8, 8, 1), OutputKind.SOFTMAX, 2, 4);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).epochs(2)
        .batchSize(8).seed(1).build();
    Network trained = new Trainer(c, 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 8, 1), null, null).model();
    // the running variance of the dense bn has moved away from 1
    assertTrue(Math.abs(trained.parameters().get(11)[0] - 1) > 1e-3);

    ModelFiles.Saved saved = ModelFiles.save(dir, "model", trained, c, Map.of("x", 1.0), Map.of());
    JsonNode root = new ObjectMapper().readTree(saved.description().toFile());
    assertTrue(root.path("architecture").path("spec").asText()
        .contains("act=none | bn momentum=0.1 eps=1.0E-5 act=relu | pool"), root.toString());
    // parameter values, as the console counts them; the arrays under their own key
    assertEquals(trained.parameterCount(), root.path("architecture").path("parameters").asLong());
    assertEquals(14, root.path("architecture").path("parameter_arrays").asInt());
    // conv W1 is filters × k·k·C; bn layers hold γ, β and the running statistics by layer number
    MatFile mat = MatFile.read(saved.weights());
    assertEquals(List.of("W1", "b1", "gamma2", "beta2", "running_mean2", "running_var2", "W3", "b3",
        "gamma4", "beta4", "running_mean4", "running_var4", "W5", "b5"), List.copyOf(mat.names()));
    assertEquals(9, mat.matrix("W1", 4, 9).numCols);
    assertArrayEquals(trained.parameters().get(11), mat.matrix("running_var4", 6, 1).data, 0.0);
    Network loaded = ModelFiles.load(dir).network();
    assertEquals(arch, loaded.architecture());
    assertSameValues(trained, loaded);
    DMatrixRMaj pa = trained.predictProbabilities(train.x(), new JavaGemm());
    DMatrixRMaj pb = loaded.predictProbabilities(train.x(), new JavaGemm());
    assertArrayEquals(pa.data, pb.data, 0);
  }

  /** A saved 8×8×1 model: conv filters=4 (kernel 36, bias 4), pool, output dense 64 → 2. */
  private ObjectNode saved() throws Exception {
    Network net = Network.initialize(Architecture.parse("conv filters=4 | pool k=2"), new Shape(8, 8, 1),
        OutputKind.SOFTMAX, 2, 1);
    ModelFiles.Saved s = ModelFiles.save(dir, "model", net, null, Map.of(), Map.of());
    return (ObjectNode) new ObjectMapper().readTree(s.description().toFile());
  }

  private AugregException loadFails(JsonNode root) throws IOException {
    Files.writeString(dir.resolve("model.json"), root.toString());
    return assertThrows(AugregException.class, () -> ModelFiles.load(dir));
  }

  @Test
  void damagedFilesAreReportedAsTheModelsNotAsOptionErrors() throws Exception {
    String json = dir.resolve("model.json").toString();
    String mat = dir.resolve("model.mat").toString();
    ObjectNode root = saved();
    ObjectNode arch = (ObjectNode) root.path("architecture");
    String spec = arch.path("spec").asText();

    arch.put("spec", "convv" + spec.substring(4));
    assertEquals(json + ": its architecture '" + arch.path("spec").asText() + "' is not valid: unknown"
        + " step 'convv' (valid steps: conv, pool, dropout, dense, bn, flatten)", loadFails(root).getMessage());

    // 8 filters where the weights have 4: the kernel read from model.mat has the wrong shape
    arch.put("spec", spec.replace("filters=4", "filters=8"));
    assertEquals(mat + ": variable 'W1' is 4x9, expected 8x9", loadFails(root).getMessage());

    arch.put("spec", spec + " | pool k=8");
    assertTrue(loadFails(root).getMessage().startsWith(json + ": its architecture '" + spec
        + " | pool k=8 stride=8' does not fit its input 8×8×1: pool: window 8"), spec);

    arch.put("spec", spec + " | dense units=3");
    assertEquals(mat + ": the weights do not fit the architecture in " + json + ": the architecture has"
        + " 6 parameter arrays, model.json records parameter_arrays = 4", loadFails(root).getMessage());

    arch.put("spec", spec);
    arch.put("outputs", 1);
    assertEquals(json + ": architecture.outputs must be >= 2 for a SOFTMAX output, got 1",
        loadFails(root).getMessage());
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
  void aNewerFormatVersionIsRefused() throws Exception {
    ObjectNode root = saved();
    root.put("format_version", 3);
    AugregException e = loadFails(root);
    assertTrue(e.getMessage().contains("written by a newer augreg (format_version 3, this one reads"
        + " up to 2)"), e.getMessage());
  }
}
