package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.plot.PointClassifier;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision-boundary pictures classify their pixels with {@link FootballFigures#classifier},
 * which must give the labels of {@link Network#predictLabels} for every point: on a picture's grid
 * and on points bisected down to the decision boundary itself, where any change in the arithmetic
 * would flip some labels.
 */
class FootballFiguresTest {
  private static final FootballData DATA = FootballData.load(TestData.path("football/data.mat"));

  @Test
  void classifierGivesThePredictedLabelsEverywhere() {
    for (boolean reference : new boolean[] {true, false}) {
      FootballConfig config = FootballConfig.lesson().withModes(List.of(FootballMode.values()))
          .withIterations(1500).withReference(reference);
      for (FootballRun run : new FootballExperiment(config).runAll(DATA, 2, null, null)) {
        Network model = run.result().model();
        PointClassifier fast = FootballFigures.classifier(model);
        // a picture's grid (more points than one pass of predictLabels holds)
        int side = 181;
        double[] xs = new double[side * side];
        double[] ys = new double[side * side];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = -0.8 + 1.4 * (i % side) / (side - 1);
          ys[i] = -0.8 + 1.4 * (i / side) / (side - 1);
        }
        int[] grid = fast.classify(xs, ys);
        assertArrayEquals(slow(model, xs, ys), grid, run.mode() + " grid");
        assertTrue(java.util.Arrays.stream(grid).distinct().count() == 2, run.mode() + ": both classes");
        // segments from a 0 to a 1 of the grid, halved 60 times: both ends within ulps of the boundary
        Random r = new Random(7);
        int n = 400;
        double[] bx = new double[2 * n];
        double[] by = new double[2 * n];
        for (int s = 0; s < n; s++) {
          int a;
          int b;
          do {
            a = r.nextInt(grid.length);
            b = r.nextInt(grid.length);
          } while (grid[a] != 0 || grid[b] != 1);
          double ax = xs[a];
          double ay = ys[a];
          double cx = xs[b];
          double cy = ys[b];
          for (int k = 0; k < 60; k++) {
            double mx = (ax + cx) / 2;
            double my = (ay + cy) / 2;
            if (slow(model, new double[] {mx}, new double[] {my})[0] == 0) {
              ax = mx;
              ay = my;
            } else {
              cx = mx;
              cy = my;
            }
          }
          bx[2 * s] = ax;
          by[2 * s] = ay;
          bx[2 * s + 1] = cx;
          by[2 * s + 1] = cy;
        }
        int[] edge = fast.classify(bx, by);
        assertArrayEquals(slow(model, bx, by), edge, run.mode() + " boundary");
        for (int s = 0; s < n; s++) {
          assertTrue(edge[2 * s] == 0 && edge[2 * s + 1] == 1, run.mode() + " bracket " + s);
        }
      }
    }
  }

  private static int[] slow(Network model, double[] xs, double[] ys) {
    return model.predictLabels(FootballFigures.columns(xs, ys), new JavaGemm());
  }
}
