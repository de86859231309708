package io.augreg.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryChartTest {
  @TempDir Path dir;

  /** Points on a ring (label 1 outside radius 0.5); the classifier is that same rule. */
  @Test
  void drawsBothRegionsAndThePoints() throws IOException {
    int n = 120;
    double[] xs = new double[n];
    double[] ys = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double r = 0.2 + 0.6 * (i % 7) / 6.0;
      double a = i * 2.399;
      xs[i] = r * Math.cos(a);
      ys[i] = r * Math.sin(a);
      labels[i] = r > 0.5 ? 1 : 0;
    }
    int[] calls = {0};
    PointClassifier ring =
        (px, py) -> {
          calls[0]++;
          int[] out = new int[px.length];
          for (int i = 0; i < px.length; i++) {
            out[i] = Math.hypot(px[i], py[i]) > 0.5 ? 1 : 0;
          }
          return out;
        };
    Path png = dir.resolve("out/boundary.png");
    DecisionBoundaryChart.write(png, "ring", xs, ys, labels, List.of("inside", "outside"), ring);
    assertTrue(calls[0] >= 1 && calls[0] < 100, "batch calls: " + calls[0]);
    assertTrue(Files.size(png) > 10_000, "size " + Files.size(png));
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img);
    assertEquals(760, img.getWidth());
    // Both light region colours occur in quantity.
    Color red = Charts.lighter(Charts.classColor(0), DecisionBoundaryChart.REGION_LIGHTEN);
    Color blue = Charts.lighter(Charts.classColor(1), DecisionBoundaryChart.REGION_LIGHTEN);
    int redCount = 0;
    int blueCount = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        redCount += rgb == (red.getRGB() & 0xFFFFFF) ? 1 : 0;
        blueCount += rgb == (blue.getRGB() & 0xFFFFFF) ? 1 : 0;
      }
    }
    assertTrue(redCount > 5_000, "red region pixels " + redCount);
    assertTrue(blueCount > 5_000, "blue region pixels " + blueCount);
    try (var files = Files.list(png.getParent())) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  /**
   * Every plot pixel not covered by a point marker has the light colour of the prediction at the
   * centre of its 2 × 2 block, for a classifier whose labels (−1, 0, 1: colours by floor modulo)
   * change every few blocks: the runs of equal predictions are filled exactly.
   */
  @Test
  void everyRegionPixelHasTheColourOfItsBlocksPrediction() throws IOException {
    double[] xs = {-1, 1, 0.2};
    double[] ys = {-1, 1, -0.3};
    PointClassifier stripes = (px, py) -> {
      int[] out = new int[px.length];
      for (int i = 0; i < px.length; i++) {
        out[i] = Math.floorMod((int) Math.floor(px[i] * 37) + (int) Math.floor(py[i] * 23), 3) - 1;
      }
      return out;
    };
    Path png = dir.resolve("stripes.png");
    DecisionBoundaryChart.write(png, "stripes", xs, ys, new int[] {0, 1, 0}, List.of("a", "b"),
        stripes);
    BufferedImage img = ImageIO.read(png.toFile());
    BufferedImage scratch = PlotFrame.whiteImage(DecisionBoundaryChart.WIDTH, DecisionBoundaryChart.HEIGHT);
    PlotFrame frame = DecisionBoundaryChart.layout(PlotFrame.graphics(scratch), "stripes", xs, ys,
        List.of(new PlotFrame.Entry("a", (g, x, y) -> { }), new PlotFrame.Entry("b", (g, x, y) -> { })));
    int checked = 0;
    int b = DecisionBoundaryChart.BLOCK;
    for (int y = frame.plotY; y < frame.plotY + frame.plotH; y++) {
      for (int x = frame.plotX; x < frame.plotX + frame.plotW; x++) {
        boolean nearPoint = false;
        for (int i = 0; i < xs.length; i++) {
          nearPoint |= Math.abs(x - frame.px(xs[i])) <= DecisionBoundaryChart.MARKER
              && Math.abs(y - frame.py(ys[i])) <= DecisionBoundaryChart.MARKER;
        }
        if (nearPoint) {
          continue;
        }
        int c0 = frame.plotX + (x - frame.plotX) / b * b;
        int r0 = frame.plotY + (y - frame.plotY) / b * b;
        double cx = (frame.dataX(c0) + frame.dataX(Math.min(frame.plotX + frame.plotW - 1, c0 + b - 1))) / 2;
        double cy = (frame.dataY(r0) + frame.dataY(Math.min(frame.plotY + frame.plotH - 1, r0 + b - 1))) / 2;
        int label = stripes.classify(new double[] {cx}, new double[] {cy})[0];
        int expected = DecisionBoundaryChart.regionColor(label).getRGB() & 0xFFFFFF;
        assertEquals(expected, img.getRGB(x, y) & 0xFFFFFF, "pixel " + x + ", " + y);
        checked++;
      }
    }
    assertTrue(checked > 400_000, "pixels checked " + checked);
  }

  @Test
  void singlePointClassifierAdapterWorks() {
    PointClassifier c = PointClassifier.of(p -> p[0] > p[1] ? 1 : 0);
    int[] out = c.classify(new double[] {1, 0, 2}, new double[] {0, 1, 2});
    assertEquals(1, out[0]);
    assertEquals(0, out[1]);
    assertEquals(0, out[2]);
  }

  @Test
  void mismatchedArraysAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DecisionBoundaryChart.write(
                dir.resolve("x.png"),
                "t",
                new double[] {1, 2},
                new double[] {1},
                new int[] {0, 1},
                List.of(),
                (a, b) -> new int[a.length]));
  }
}
