package samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.image.ImageReader;
import io.augreg.imagetrain.ImageTraining;
import io.augreg.imagetrain.ImageModel;
import io.augreg.nn.linalg.JavaGemm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCnnTest {
  @TempDir Path out;

  @Test
  void sampleTrainsSavesLoadsAndPredicts() throws Exception {
    ImageTraining.Result r = TrainCnn.train(Path.of("samples", "shapes"), out);
    assertEquals(4, r.trainCount());
    assertEquals(2, r.devCount());
    assertEquals(2, r.testCount());
    assertTrue(r.result().stopEpoch() >= 1 && r.result().stopEpoch() <= 15);
    JsonNode json = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals(r.result().model().parameterCount(), json.path("architecture").path("parameters").asLong());
    assertTrue(Files.exists(out.resolve("accuracy.png")));

    // the saved model predicts what the trained one does, through ImageModel.predict
    ImageModel model = ImageModel.load(out);
    Path image = Path.of("samples", "shapes", "squares", "square2.png");
    ImageModel.Prediction p = model.predict(image);
    DMatrixRMaj x = new DMatrixRMaj(model.format().features(), 1);
    try (Mat img = new ImageReader().read(image)) {
      model.format().encode(img, x.data, 1, 0);
    }
    double positive = r.result().model().predictProbabilities(x, new JavaGemm()).data[0];
    assertEquals(List.of("circles", "squares"), List.copyOf(p.probabilities().keySet()));
    assertEquals(positive, p.probabilities().get("squares"), 1e-12);
    assertEquals(1 - positive, p.probabilities().get("circles"), 1e-12);
    assertEquals(positive > 0.5 ? "squares" : "circles", p.className());
    assertEquals(positive > 0.5 ? 1 : 0, p.label());
  }

  @Test
  void theSampleFilesUnderSamplesJavaAreTheCompiledOnes() throws Exception {
    for (String name : List.of("TrainCnn.java", "TrainWithAugmentation.java")) {
      // links, so that the files a reader opens are the ones the build compiles and runs
      assertEquals(Files.readString(Path.of("src", "test", "java", "samples", name)),
          Files.readString(Path.of("samples", "java", name)), name);
      assertTrue(Files.isSymbolicLink(Path.of("samples", "java", name)), name);
    }
  }
}
