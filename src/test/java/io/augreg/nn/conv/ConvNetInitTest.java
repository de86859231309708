package io.augreg.nn.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import io.augreg.nn.Activation;
import io.augreg.nn.InitScheme;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code --init} on an {@code --arch} network: the dense network's schemes, layer by layer. */
class ConvNetInitTest {
  private static final Architecture DENSE = Architecture.parse("dense units=5 | dense units=3");
  private static final Shape INPUT = new Shape(2, 2, 3);

  /**
   * A dense-only stack starts from exactly the weights of the equivalent --layers network
   * (transposed: a dense layer keeps W as fan_in × fan_out), biases zero.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lesson", "he", "xavier", "numpy"})
  void aDenseStackStartsFromTheLayersNetworksWeights(String init) {
    int[] sizes = {12, 5, 3, 1};
    Network mlp = init.equals("numpy")
        ? Network.initializeNumpy(sizes, Activation.RELU, OutputKind.SIGMOID_BINARY, 7)
        : Network.initialize(sizes, Activation.RELU, OutputKind.SIGMOID_BINARY,
            InitScheme.valueOf(init.toUpperCase(java.util.Locale.ROOT)), 7);
    ConvNet net = ConvNet.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 7, init);
    List<double[]> p = net.parameters();
    assertEquals(6, p.size());
    for (int l = 1; l <= 3; l++) {
      double[] w = p.get(2 * (l - 1));
      double[] b = p.get(2 * (l - 1) + 1);
      int in = sizes[l - 1];
      int out = sizes[l];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          assertEquals(mlp.weight(l).get(o, i), w[i * out + o], 0.0, init + " W" + l);
        }
        assertEquals(0.0, b[o], 0.0);
      }
    }
  }

  @Test
  void pytorchIsTheDefaultAndUnknownNamesAreRefused() {
    ConvNet a = ConvNet.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3);
    ConvNet b = ConvNet.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3, "pytorch");
    for (int i = 0; i < a.parameters().size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(a.parameters().get(i), b.parameters().get(i));
    }
    AugregException e = assertThrows(AugregException.class,
        () -> ConvNet.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3, "glorot"));
    assertEquals("--init must be one of pytorch, lesson, he, xavier, numpy, got 'glorot'",
        e.getMessage());
  }
}
