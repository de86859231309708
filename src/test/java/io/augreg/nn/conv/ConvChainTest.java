package io.augreg.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.augreg.nn.Flatten;
import io.augreg.nn.Layer;
import io.augreg.nn.LayerCheck;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ConvChainTest {
  private static final Shape IN = new Shape(16, 16, 3);
  private static final int N = 6;

  /** conv 3→8 + ReLU + pool 2, conv 8→12 + ReLU + pool 2 (fused), as {@code LayerStack} builds. */
  private static List<Layer> convs(Gemm g, int keep) {
    Conv2d a = new Conv2d(IN, 8, 3, 1, 1, LayerCheck.random(27 * 8, 41, 0.4),
        LayerCheck.random(8, 42, 0.2), false, g, true, keep);
    MaxPool2d pa = new MaxPool2d(a.out(), 2, 2);
    Conv2d b = new Conv2d(pa.out(), 12, 3, 1, 1, LayerCheck.random(72 * 12, 43, 0.3),
        LayerCheck.random(12, 44, 0.2), true, g, true, keep);
    MaxPool2d pb = new MaxPool2d(b.out(), 2, 2);
    return Conv2d.fusePools(List.of(a, pa, b, pb));
  }

  /** Output, input gradient (empty: none) and parameter gradients after two steps. */
  private static List<double[]> run(List<Layer> layers, double[] x, double[] dy) {
    List<double[]> out = new ArrayList<>();
    for (int step = 0; step < 2; step++) {
      out.clear();
      double[] a = x;
      for (Layer l : layers) {
        a = l.forward(a, N, Pass.training(9));
      }
      out.add(a.clone());
      double[] g = dy;
      for (int i = layers.size() - 1; i >= 0 && g != null; i--) {
        g = layers.get(i).backward(g, N);
      }
      out.add(g == null ? new double[0] : g.clone());
    }
    for (Layer l : layers) {
      l.params().forEach(p -> out.add(p.grad().clone()));
    }
    return out;
  }

  @Test
  void groupsRunsOfTwoOrMoreConvolutionsOnly() {
    List<Layer> two = convs(new JavaGemm(), Conv2d.KEEP_VALUES);
    Flatten flat = new Flatten(two.get(1).out());
    List<Layer> steps = ConvChain.runs(List.of(two.get(0), two.get(1), flat));
    assertEquals(2, steps.size());
    ConvChain chain = assertInstanceOf(ConvChain.class, steps.get(0));
    assertEquals(IN, chain.in());
    assertEquals(two.get(1).out(), chain.out());
    assertEquals(4, chain.params().size());
    assertSame(flat, steps.get(1));
    List<Layer> one = List.of(two.get(0));
    assertSame(two.get(0), ConvChain.runs(one).get(0));
  }

  /**
   * The chain gives bit for bit what its convolutions give one after the other (double products:
   * the double path; float products: float activations handed on without conversions, which are
   * exact between float and double), with the im2col matrices kept and rebuilt, and the float
   * path stays within 1e-4 of the double one.
   */
  @Test
  void chainEqualsTheConvolutionsOneByOne() {
    Assumptions.assumeTrue(Gemms.openBlasAvailable());
    double[] x = LayerCheck.random(N * IN.size(), 45, 1);
    double[] dy = LayerCheck.random(N * 4 * 4 * 12, 46, 0.5);
    List<double[]> reference = run(convs(new JavaGemm(), Conv2d.KEEP_VALUES), x, dy);
    for (Precision p : Precision.values()) {
      for (int keep : new int[] {0, Conv2d.KEEP_VALUES}) {
        try (OpenBlasGemm g = new OpenBlasGemm(1, p)) {
          List<double[]> single = run(convs(g, keep), x, dy);
          List<double[]> chained = run(ConvChain.runs(convs(g, keep)), x, dy);
          assertEquals(single.size(), chained.size());
          for (int i = 0; i < single.size(); i++) {
            assertArrayEquals(single.get(i), chained.get(i), p + " keep " + keep + " array " + i);
            double tol = p == Precision.FLOAT ? 1e-4 : 1e-12;
            double scale = 0;
            for (double v : reference.get(i)) {
              scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(reference.get(i), chained.get(i), tol * (1 + scale),
                p + " vs the heap double path, array " + i);
          }
          assertEquals(0, chained.get(1).length, "the first convolution has no input gradient");
        }
      }
    }
  }

  @Test
  void heapProductsRunTheConvolutionsOneByOne() {
    List<Layer> steps = ConvChain.runs(convs(new JavaGemm(), Conv2d.KEEP_VALUES));
    double[] x = LayerCheck.random(N * IN.size(), 47, 1);
    double[] y = steps.get(0).forward(x, N, Pass.INFERENCE);
    assertEquals(N * 4 * 4 * 12, y.length);
    assertNull(steps.get(0).backward(LayerCheck.random(y.length, 48, 1), N));
  }
}
