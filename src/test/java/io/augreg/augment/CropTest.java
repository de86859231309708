package io.augreg.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class CropTest {
  @Test
  void boxesStayInsideWithScaleAndRatioInRange() {
    Crop crop = (Crop) Transforms.create("crop", Map.of("scale", "0.08..1", "ratio", "0.75..1.3333"));
    SplittableRandom rng = new SplittableRandom(5);
    int w = 200;
    int h = 150;
    double minScale = 1;
    double maxScale = 0;
    for (int i = 0; i < 5000; i++) {
      Crop.CropParams p = crop.sample(rng, w, h, 3);
      assertTrue(p.x() >= 0 && p.y() >= 0 && p.x() + p.w() <= w && p.y() + p.h() <= h, p.toString());
      double scale = (double) p.w() * p.h() / (w * h);
      double ratio = (double) p.w() / p.h();
      // rounding w and h to whole pixels moves scale and ratio by a few percent at most
      assertTrue(scale >= 0.08 * 0.9 && scale <= 1.0, "scale " + scale);
      assertTrue(ratio >= 0.75 * 0.95 && ratio <= 1.3333 * 1.05, "ratio " + ratio);
      assertEquals(w, p.outWidth());
      assertEquals(h, p.outHeight());
      minScale = Math.min(minScale, scale);
      maxScale = Math.max(maxScale, scale);
    }
    assertTrue(minScale < 0.1 && maxScale > 0.9, minScale + " " + maxScale);
  }

  @Test
  void fallsBackToTheCentredBoxWhenNothingFits() {
    // a 100×10 strip cannot hold a ratio 0.75..1.33 box of 50-90 % of its area
    Crop crop = (Crop) Transforms.create("crop", Map.of("scale", "0.5..0.9"));
    Crop.CropParams p = crop.sample(new SplittableRandom(1), 100, 10, 3);
    assertEquals(10, p.h());
    assertEquals(13, p.w());
    assertEquals((100 - 13) / 2, p.x());
    assertEquals(0, p.y());
  }

  @Test
  void wholeImageBoxIsIdentityAndSizeOptionResizes() {
    Crop crop = (Crop) Transforms.create("crop", Map.of("size", "8x6"));
    try (Mat src = TestImages.pattern(20, 12, 3, 1);
        Mat dst = new Mat()) {
      crop.apply(src, dst, new Crop.CropParams(0, 0, 20, 12, 20, 12, Interp.LINEAR));
      assertArrayEquals(TestImages.bytes(src), TestImages.bytes(dst));
      Crop.CropParams p = crop.sample(new SplittableRandom(2), 20, 12, 3);
      crop.apply(src, dst, p);
      assertEquals(8, dst.cols());
      assertEquals(6, dst.rows());
      // a 1×1 box resized is a constant image of that pixel
      crop.apply(src, dst, new Crop.CropParams(3, 4, 1, 1, 5, 5, Interp.LINEAR));
      assertEquals(TestImages.at(src, 3, 4, 2), TestImages.at(dst, 4, 4, 2));
    }
  }
}
