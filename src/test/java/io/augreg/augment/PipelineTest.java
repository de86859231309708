package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.core.AugregException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class PipelineTest {
  static final String SPEC =
      "hflip p=0.5 | rotate deg=-30..30 border=reflect | crop scale=0.7..1 ratio=0.75..1.333";

  @Test
  void parsesAndPrintsSpec() {
    Pipeline p = Pipeline.parse(SPEC);
    assertEquals(
        "hflip p=0.5 | rotate deg=-30..30 interp=linear border=reflect"
            + " | crop scale=0.7..1 ratio=0.75..1.333 interp=linear",
        p.toSpec());
    assertEquals(p, Pipeline.parse(p.toSpec()));
  }

  @Test
  void sameSeedSameBytesAndReplay() {
    Pipeline p = Pipeline.parse(SPEC);
    try (Mat src = TestImages.pattern(40, 30, 3, 1);
        Mat a = new Mat();
        Mat b = new Mat();
        Mat c = new Mat()) {
      List<AppliedStep> steps = p.apply(src, a, 7, 0, 3, 0);
      p.apply(src, b, 7, 0, 3, 0);
      assertArrayEquals(TestImages.bytes(a), TestImages.bytes(b));
      List<Map<String, Object>> maps = new ArrayList<>();
      for (AppliedStep s : steps) {
        maps.add(s.toMap());
      }
      p.replay(src, c, p.replayFromMaps(maps));
      assertArrayEquals(TestImages.bytes(a), TestImages.bytes(c));
    }
  }

  @Test
  void badTokenIsNamed() {
    AugregException e = assertThrows(AugregException.class, () -> Pipeline.parse("hflip | rotat deg=3"));
    assertTrue(e.getMessage().contains("'rotat'"), e.getMessage());
    assertTrue(e.getMessage().contains("rotate"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Pipeline.parse("rotate angle=3"));
    assertTrue(e.getMessage().contains("'angle'") && e.getMessage().contains("deg"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }
}
