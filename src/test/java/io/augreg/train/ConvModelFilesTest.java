package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.conv.Shape;
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
    assertEquals(14, root.path("architecture").path("parameters").asInt());
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
}
