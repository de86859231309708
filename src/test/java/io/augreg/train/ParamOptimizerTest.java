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

  @Test
  void adamwIsPyTorchsDecoupledDecayWithTheScheduledRate() {
    TrainConfig c = TrainConfig.builder().optimizer(Optimizer.ADAMW).learningRate(0.1)
        .weightDecay(0.5).batchSize(4).build();
    List<Param> p = params();
    ParamOptimizer o = new ParamOptimizer(c, p);
    // torch.optim.AdamW, step t with rate lr_t: θ = θ·(1 − lr·wd); m = β1·m + (1−β1)·g;
    // v = β2·v + (1−β2)·g²; θ −= lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)
    double[] theta = {0.5, -0.25, 0.1};
    double[] grad = {2 / 4.0, -4 / 4.0, 1 / 4.0};
    double[] m = new double[3];
    double[] v = new double[3];
    double[] rates = {0.1, 0.05};
    for (int t = 1; t <= 2; t++) {
      double lr = rates[t - 1];
      o.rate(lr);
      o.step(4);
      for (int i = 0; i < 3; i++) {
        theta[i] *= 1 - lr * 0.5;
        m[i] = 0.9 * m[i] + 0.1 * grad[i];
        v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
        theta[i] -= lr * (m[i] / (1 - Math.pow(0.9, t)))
            / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
      }
    }
    assertEquals(theta[0], p.get(0).value()[0], 1e-15);
    assertEquals(theta[1], p.get(0).value()[1], 1e-15);
    assertEquals(theta[2], p.get(1).value()[0], 1e-15);
    // the first step by hand: 0.5·(1 − 0.05) − 0.1·0.5/(0.5 + 1e-8)
    List<Param> q = params();
    ParamOptimizer one = new ParamOptimizer(c, q);
    one.step(4);
    assertEquals(0.475 - 0.1 * 0.5 / (0.5 + 1e-8), q.get(0).value()[0], 1e-15);
  }
}
