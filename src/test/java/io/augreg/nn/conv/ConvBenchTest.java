package io.augreg.nn.conv;

import io.augreg.nn.LayerCheck;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConvBench} (the JMH harness itself runs only from {@code bench/conv_layers.sh}): the NCHW
 * variant computes the same convolution; the states run (the first and the dense layer, two
 * layouts: enough to fail on a broken state without a minute of test time).
 */
class ConvBenchTest {

  @Test
  void nchwConvolutionEqualsTheNhwcLayerAfterTransposing() {
    Shape in = new Shape(6, 5, 3);
    int f = 4;
    int n = 2;
    double[] kern = LayerCheck.random(27 * f, 1, 0.5);
    double[] x = LayerCheck.random(n * in.size(), 2, 1);
    Shape outShape = new Shape(6, 5, f);
    double[] dy = LayerCheck.random(n * outShape.size(), 3, 1);
    Conv2d conv = new Conv2d(in, f, 3, 1, 1, kern, new double[f], true, new JavaGemm());
    double[] y = conv.forward(x, n, Pass.INFERENCE).clone();
    double[] dx = conv.backward(dy, n).clone();
    ConvBench.NchwConv nchw = new ConvBench.NchwConv(in, f, kern, new JavaGemm());
    double[] yc = nchw.forward(ConvBench.NchwConv.toNchw(x, n, in), n).clone();
    double[] dxc = nchw.backward(ConvBench.NchwConv.toNchw(dy, n, outShape), n);
    double[] yExpected = ConvBench.NchwConv.toNchw(y, n, outShape);
    double[] dxExpected = ConvBench.NchwConv.toNchw(dx, n, in);
    for (int i = 0; i < yExpected.length; i++) {
      assertEquals(yExpected[i], yc[i], 1e-12, "y " + i);
    }
    for (int i = 0; i < dxExpected.length; i++) {
      assertEquals(dxExpected[i], dxc[i], 1e-12, "dx " + i);
    }
  }

  @Test
  void statesRunAStepEveryLayerAndEveryLayout() {
    if (!Gemms.openBlasAvailable()) {
      return;
    }
    ConvBench bench = new ConvBench();
    ConvBench.Step step = new ConvBench.Step();
    step.precision = "DOUBLE";
    step.setUp();
    try {
      double loss = bench.trainingStep(step);
      // 32 examples, half labelled 1, near-zero logits: the summed loss is about 32·ln 2
      assertEquals(32 * Math.log(2), loss, 3.0);
      assertTrue(step.stack.params().get(0).grad()[0] != 0, "gradients were computed");
    } finally {
      step.tearDown();
    }
    for (int index : new int[] {0, 5}) {
      ConvBench.OneLayer one = new ConvBench.OneLayer();
      one.precision = "FLOAT";
      one.layer = index;
      one.setUp();
      try {
        assertEquals(32 * one.l.out().size(), bench.layerForward(one).length, 0, "layer " + index);
        double[] dx = bench.layerForwardBackward(one);
        assertEquals(index == 0, dx == null, "layer " + index);
      } finally {
        one.tearDown();
      }
    }
    for (String impl : new String[] {"nhwc-native", "nchw"}) {
      ConvBench.Layout layout = new ConvBench.Layout();
      layout.conv = 2;
      layout.impl = impl;
      layout.precision = "FLOAT";
      layout.setUp();
      try {
        assertEquals(32 * 16 * 16 * 32, bench.layout(layout).length, 0, impl);
      } finally {
        layout.tearDown();
      }
    }
  }
}
