package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augreg.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamOptimizerTest {
  private static List<Param> params() {
    return List.of(
        new Param("w", new double[] {0.5, -0.25}, new double[] {2, -4}, Param.Role.WEIGHT),
        new Param("b", new double[] {0.1}, new double[] {1}, Param.Role.BIAS));
  }

  @Test
  void gradientDescentDividesTheSumsOnceAndPenalizesOnlyWeights() {
    List<Param> p = params();
    TrainConfig c = TrainConfig.builder().learningRate(0.1).l2(0.4).l1(0.2).weightDecay(0.01)
        .build();
    new ParamOptimizer(c, p).step(4);
    // W −= α·((1/m)·(ΣdW + λ2·W + λ1·sign W) + wd·W)
    assertEquals(0.5 - 0.1 * (0.25 * (2 + 0.4 * 0.5 + 0.2) + 0.01 * 0.5), p.get(0).value()[0], 0.0);
    assertEquals(-0.25 - 0.1 * (0.25 * (-4 - 0.4 * 0.25 - 0.2) - 0.01 * 0.25),
        p.get(0).value()[1], 0.0);
    // b −= α·((1/m)·Σdb + wd·b)
    assertEquals(0.1 - 0.1 * (0.25 * 1 + 0.01 * 0.1), p.get(1).value()[0], 1e-17);
  }

  @Test
  void theLessonsGradientDescentBitForBit() {
    List<Param> p = params();
    TrainConfig c = TrainConfig.builder().learningRate(0.3).l2(0.7).build();
    double w0 = p.get(0).value()[0];
    new ParamOptimizer(c, p).step(211);
    // the lesson: W −= α·(1/m)·(dW + λ·W)
    assertEquals(w0 - 0.3 * ((1.0 / 211) * (2 + 0.7 * w0)), p.get(0).value()[0], 0.0);
  }

  @Test
  void adamSplitIntoRangesEqualsOneWholeStep() {
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).l2(0.1)
        .batchSize(2).build();
    List<Param> whole = params();
    List<Param> split = params();
    ParamOptimizer a = new ParamOptimizer(c, whole);
    ParamOptimizer b = new ParamOptimizer(c, split);
    for (int t = 0; t < 3; t++) {
      a.step(2);
      b.begin(2);
      b.update(2, 3);
      b.update(0, 2);
      b.end();
    }
    assertEquals(3, b.steps());
    for (int i = 0; i < 2; i++) {
      assertEquals(whole.get(i).value()[0], split.get(i).value()[0], 0.0);
    }
    assertEquals(whole.get(0).value()[1], split.get(0).value()[1], 0.0);
  }
}
