package io.augreg.nn.conv;

import io.augreg.nn.LayerCheck;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.JavaGemm;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConvBench}: the NCHW variant computes the same convolution; timings are sane. */
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
  void timeReportsAtLeastFiveRunsAndPositiveTimes() {
    ConvBench.Timing t = ConvBench.time("sqrt loop", 0.05, () -> {
      double s = 0;
      for (int i = 0; i < 100_000; i++) {
        s += Math.sqrt(i);
      }
      assertTrue(s > 0);
    });
    assertTrue(t.runs() >= 5);
    assertTrue(t.medianMillis() > 0 && t.medianCpuMillis() >= 0);
    String table = ConvBench.table("T", List.of(t));
    assertTrue(table.contains("| sqrt loop |"), table);
  }
}
