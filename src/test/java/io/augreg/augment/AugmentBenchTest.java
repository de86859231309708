package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.core.AugregException;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class AugmentBenchTest {
  @Test
  void everyCaseRunsOnThePhotos() {
    List<Mat> ims = AugmentBench.loadImages(TestData.path("photos"), 32);
    try {
      assertEquals(32, ims.get(0).cols());
      assertEquals(
          List.of("hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline"),
          List.copyOf(AugmentBench.CASES.keySet()));
      for (String c : AugmentBench.CASES.keySet()) {
        assertTrue(AugmentBench.imagesPerSecond(c, ims, 0.02, 2) > 0, c);
        assertTrue(AugmentBench.imagesPerCpuSecond(c, ims, 0.01, 2) > 0, c);
      }
      assertEquals(
          "hflip p=0.5 | rotate deg=-30..30 interp=linear border=reflect p=0.5"
              + " | crop scale=0.08..1 ratio=0.75..1.3333333333333333 interp=linear p=0.5"
              + " | contrast factor=0.8..1.2 p=0.5 | noise sigma=10 p=0.5",
          AugmentBench.pipeline("pipeline").toSpec());
      AugregException e =
          assertThrows(AugregException.class, () -> AugmentBench.imagesPerSecond("sepia", ims, 1, 1));
      assertTrue(e.getMessage().contains("hflip, vflip"), e.getMessage());
      // every catalogue case runs
      for (String c : AugmentBench.CATALOGUE.keySet()) {
        assertTrue(AugmentBench.imagesPerCpuSecond(c, ims, 0.005, 1) > 0, c);
      }
      assertEquals(24, AugmentBench.CATALOGUE.size());
    } finally {
      ims.forEach(Mat::close);
    }
  }
}
