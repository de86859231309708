package io.augreg.football;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.TestData;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
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
      // --reference: the three models of the lesson's pictures themselves (all iterations)
      FootballConfig config = reference ? FootballConfig.lessonReference()
          : FootballConfig.lesson().withModes(List.of(FootballMode.values())).withIterations(1500);
      for (FootballRun run : new FootballExperiment(config).runAll(DATA, 2, null, null)) {
        Network model = run.result().model();
        PointClassifier fast = FootballFigures.classifier(model);
        assertInstanceOf(DenseClassifier.class, fast, run.mode() + ": the dense path is tested");
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
        int[][] pairs = new int[n][];
        for (int s = 0; s < n; s++) {
          int a;
          int b;
          do {
            a = r.nextInt(grid.length);
            b = r.nextInt(grid.length);
          } while (grid[a] != 0 || grid[b] != 1);
          pairs[s] = new int[] {a, b};
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
        // points whose logit is within ulps of ±SURE, where the label stops needing exp
        double[] px = new double[4 * n];
        double[] py = new double[4 * n];
        for (int s = 0; s < n; s++) {
          for (int sign = 0; sign < 2; sign++) {
            double target = 1 / (1 + Math.exp(sign == 0 ? DenseClassifier.SURE : -DenseClassifier.SURE));
            double ax = xs[pairs[s][0]];
            double ay = ys[pairs[s][0]];
            double cx = xs[pairs[s][1]];
            double cy = ys[pairs[s][1]];
            for (int k = 0; k < 60; k++) {
              double mx = (ax + cx) / 2;
              double my = (ay + cy) / 2;
              if (probability(model, mx, my) <= target) {
                ax = mx;
                ay = my;
              } else {
                cx = mx;
                cy = my;
              }
            }
            int i = 4 * s + 2 * sign;
            px[i] = ax;
            py[i] = ay;
            px[i + 1] = cx;
            py[i + 1] = cy;
          }
        }
        assertArrayEquals(slow(model, px, py), fast.classify(px, py), run.mode() + " near ±SURE");
        // hostile points: infinite, NaN, huge, signed zeros, subnormal
        double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
            -1e300, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 3.5, -7.25};
        double[] ox = new double[odd.length * odd.length];
        double[] oy = new double[ox.length];
        for (int i = 0; i < ox.length; i++) {
          ox[i] = odd[i % odd.length];
          oy[i] = odd[i / odd.length];
        }
        assertArrayEquals(slow(model, ox, oy), fast.classify(ox, oy), run.mode() + " hostile");
      }
    }
  }

  @Test
  void aLogitOfExactlyZeroIsLabelledZeroAsByPredictLabels() {
    // all weights and biases zero: z = 0, p = 0.5, and 0.5 > 0.5 is false
    Network zero = Network.of(Architecture.ofLayers(new int[] {4, 3}, new double[] {1, 1}),
        Shape.flat(2), OutputKind.SIGMOID_BINARY, 1,
        List.of(new double[8], new double[4], new double[12], new double[3], new double[3],
            new double[1]));
    PointClassifier fast = FootballFigures.classifier(zero);
    assertInstanceOf(DenseClassifier.class, fast);
    double[] xs = {0.3, -2, 0, Double.NaN};
    double[] ys = {0.1, 5, -0.0, 1};
    assertArrayEquals(new int[] {0, 0, 0, 0}, fast.classify(xs, ys));
    assertArrayEquals(slow(zero, xs, ys), fast.classify(xs, ys));
  }

  @Test
  void otherNetworksFallBackToPredictLabels() {
    Network softmax = Network.initialize(Architecture.ofLayers(new int[] {5}, new double[] {1}),
        Shape.flat(2), OutputKind.SOFTMAX, 3, 1);
    assertNull(DenseClassifier.of(softmax));
    double[] xs = {0.3, -0.2, 0.9};
    double[] ys = {0.1, 0.5, -0.4};
    assertArrayEquals(slow(softmax, xs, ys), FootballFigures.classifier(softmax).classify(xs, ys));
  }

  private static double probability(Network model, double x, double y) {
    return model.predictProbabilities(FootballFigures.columns(new double[] {x}, new double[] {y}),
        new JavaGemm()).data[0];
  }

  private static int[] slow(Network model, double[] xs, double[] ys) {
    return model.predictLabels(FootballFigures.columns(xs, ys), new JavaGemm());
  }
}
