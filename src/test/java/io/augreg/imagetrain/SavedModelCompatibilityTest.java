package io.augreg.imagetrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Models written by augreg before the one-engine work (format_version 1, main at 17e14c8) still
 * load and predict what that version predicted. The fixtures under {@code
 * src/test/resources/io/augreg/imagetrain/v1} were written by that version's jar ({@code train
 * --train samples/shapes --size 8x8 --seed 2}: {@code mlp} with {@code --layers 4 --epochs 40 --lr
 * 0.05 --optimizer adam --batch 4}, {@code cnn} with {@code --arch "conv filters=2 k=3 bn=true |
 * pool k=2 | dense units=3" --epochs 2 --batch 4}); the expected probabilities are its {@code
 * predict --json} output. The baseline of the one-engine session (main at 15f1316) writes the same
 * format, and the same commands give the same probabilities, so these fixtures stand for it too;
 * this version writes format_version 2 ({@code io.augreg.train.ModelFiles}).
 */
class SavedModelCompatibilityTest {
  private static final Path V1 = Path.of("src", "test", "resources", "io", "augreg", "imagetrain", "v1");
  private static final Path CIRCLE = Path.of("samples", "shapes", "circles", "circle0.png");
  private static final Path SQUARE = Path.of("samples", "shapes", "squares", "square0.png");

  @Test
  void aVersion1MlpLoadsAndPredictsAsBefore() {
    ImageModel m = ImageModel.load(V1.resolve("mlp"));
    assertEquals(0.44972408553686605, m.predict(CIRCLE).probabilities().get("circles"), 1e-15);
    assertEquals(0.33794905652629237, m.predict(SQUARE).probabilities().get("circles"), 1e-15);
    assertEquals("squares", m.predict(SQUARE).className());
  }

  @Test
  void aVersion1CnnLoadsAndPredictsAsBefore() {
    ImageModel m = ImageModel.load(V1.resolve("cnn"));
    assertEquals(0.5599782130028109, m.predict(CIRCLE).probabilities().get("squares"), 1e-15);
    assertEquals(0.5601407224130163, m.predict(SQUARE).probabilities().get("squares"), 1e-15);
  }
}
