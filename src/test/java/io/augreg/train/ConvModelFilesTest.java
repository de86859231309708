package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvModelFilesTest {
  @TempDir Path tmp;

  @Test
  void batchNormStateRoundTripsAndPredictionsAreUnchanged() throws Exception {
    Architecture arch = Architecture.parse(
        "conv filters=4 k=3 bn=true | pool k=2 | dense units=6 act=none | bn momentum=0.2 act=relu");
    Dataset train = ConvTrainerTest.bars(32, 8, 1, 1);
    ConvNet net = ConvNet.initialize(arch, new Shape(8, 8, 1), OutputKind.SOFTMAX, 2, 4);
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).epochs(2)
        .batchSize(8).seed(1).build();
    ConvNet trained = new ConvTrainer(c, 1, Precision.DOUBLE)
        .train(net, new DatasetBatches(train, 8, 1), null, null).model();
    // the running variance of the dense bn has moved away from 1
    assertTrue(Math.abs(trained.parameters().get(11)[0] - 1) > 1e-3);

    ModelFiles.Saved saved = ConvModelFiles.save(tmp, "model", trained, c, Map.of("x", 1.0), Map.of());
    JsonNode root = new ObjectMapper().readTree(saved.description().toFile());
    assertTrue(ConvModelFiles.isConv(root));
    assertTrue(root.path("architecture").path("spec").asText()
        .contains("act=none | bn momentum=0.1 eps=1.0E-5 act=relu | pool"), root.toString());
    // parameter values, as the console counts them; the arrays under their own key
    assertEquals(trained.parameterCount(), root.path("architecture").path("parameters").asLong());
    assertEquals(14, root.path("architecture").path("parameter_arrays").asInt());
    // the dense trainer's dropout settings are not recorded: the spec holds a conv net's dropout
    assertTrue(root.path("config").has("batchSize"), root.toString());
    assertFalse(root.path("config").has("keepProb"), root.toString());
    assertFalse(root.path("config").has("dropoutMasks"), root.toString());
    ConvNet loaded = ConvModelFiles.load(tmp, root, saved.description());
    assertEquals(arch, loaded.architecture());
    List<double[]> a = trained.parameters();
    List<double[]> b = loaded.parameters();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0, "array " + i);
    }
    DMatrixRMaj pa = trained.predictProbabilities(train.x(), new JavaGemm());
    DMatrixRMaj pb = loaded.predictProbabilities(train.x(), new JavaGemm());
    assertArrayEquals(pa.data, pb.data, 0);
  }

  /** A saved 8×8×1 model: conv filters=4 (kernel 36, bias 4), pool, output dense 64 → 2. */
  private ObjectNode saved() throws Exception {
    ConvNet net = ConvNet.initialize(Architecture.parse("conv filters=4 | pool k=2"), new Shape(8, 8, 1),
        OutputKind.SOFTMAX, 2, 1);
    ModelFiles.Saved s = ConvModelFiles.save(tmp, "model", net, null, Map.of(), Map.of());
    return (ObjectNode) new ObjectMapper().readTree(s.description().toFile());
  }

  private AugregException loadFails(JsonNode root) {
    return assertThrows(AugregException.class,
        () -> ConvModelFiles.load(tmp, root, tmp.resolve("model.json")));
  }

  @Test
  void filesWrittenBeforeParameterArraysStillLoad() throws Exception {
    ObjectNode root = saved();
    ObjectNode arch = (ObjectNode) root.path("architecture");
    assertEquals(4 * 9 + 4 + 64 * 2 + 2, arch.path("parameters").asInt());
    // the old layout: "parameters" held the array count
    arch.remove("parameter_arrays");
    arch.put("parameters", 4);
    assertEquals(170, ConvModelFiles.load(tmp, root, tmp.resolve("model.json")).parameterCount());
  }

  @Test
  void damagedFilesAreReportedAsTheModelsNotAsOptionErrors() throws Exception {
    String json = tmp.resolve("model.json").toString();
    String mat = tmp.resolve("model.mat").toString();
    ObjectNode root = saved();
    ObjectNode arch = (ObjectNode) root.path("architecture");
    String spec = arch.path("spec").asText();

    arch.put("spec", "convv" + spec.substring(4));
    assertEquals(json + ": its architecture '" + arch.path("spec").asText() + "' is not valid: unknown"
        + " step 'convv' (valid steps: conv, pool, dropout, dense, bn, flatten)", loadFails(root).getMessage());

    // 8 filters where the weights have 4: the kernel read from model.mat has the wrong length
    arch.put("spec", spec.replace("filters=4", "filters=8"));
    assertEquals(mat + ": the weights do not fit the architecture in " + json + ": conv: kernel needs"
        + " 72 values and bias 8, got 36 and 4", loadFails(root).getMessage());

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
}
