package samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.imagetrain.ImageTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainWithAugmentationTest {
  @TempDir Path out;

  @Test
  void sampleTrainsOnTheShapesFolder() {
    ImageTraining.Result r = TrainWithAugmentation.train(Path.of("samples", "shapes"), out);
    assertEquals(4, r.trainCount());
    assertEquals(2, r.devCount());
    assertEquals(2, r.testCount());
    assertTrue(r.result().stopEpoch() >= 1 && r.result().stopEpoch() <= 20);
    assertTrue(Files.exists(out.resolve("model.json")));
    assertTrue(Files.exists(out.resolve("loss.png")));
    assertTrue(Files.isRegularFile(Path.of("samples", "java", "TrainWithAugmentation.java")));
  }
}
