package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augreg.core.AugregException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code --init} on an {@code --arch} network: the dense network's schemes, layer by layer. */
class NetworkInitTest {
  private static final Architecture DENSE = Architecture.parse("dense units=5 | dense units=3");
  private static final Shape INPUT = new Shape(2, 2, 3);

  /**
   * A dense-only stack starts from exactly the weights the retired dense {@code Network} drew for
   * the equivalent --layers network (transposed: a dense layer keeps W as fan_in × fan_out),
   * biases zero: the bits of every parameter, hashed in order, as recorded against {@code
   * Network.initialize} / {@code initializeNumpy} before it retired; numpy's first draw of
   * {@code seed(7)} is 1.690525703800356, divided by √12.
   */
  @ParameterizedTest
  @CsvSource({"lesson, -4278346166503176964", "he, 7515891023878862140",
      "xavier, -5918477168642958034", "numpy, 2890731591683770314"})
  void aDenseStackStartsFromTheLayersNetworksWeights(String init, long expected) {
    Network net = Network.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 7, init);
    List<double[]> p = net.parameters();
    assertEquals(6, p.size());
    long h = 17;
    for (int i = 0; i < p.size(); i++) {
      for (double v : p.get(i)) {
        h = h * 1_000_003 + Double.doubleToRawLongBits(v);
        if (i % 2 == 1) {
          assertEquals(0.0, v, 0.0, init + " bias");
        }
      }
    }
    assertEquals(expected, h, init);
    if (init.equals("numpy")) {
      assertEquals(1.690525703800356 / Math.sqrt(12), p.get(0)[0], 1e-12);
    }
  }

  @Test
  void pytorchIsTheDefaultAndUnknownNamesAreRefused() {
    Network a = Network.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3);
    Network b = Network.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3, "pytorch");
    for (int i = 0; i < a.parameters().size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(a.parameters().get(i), b.parameters().get(i));
    }
    AugregException e = assertThrows(AugregException.class,
        () -> Network.initialize(DENSE, INPUT, OutputKind.SIGMOID_BINARY, 1, 3, "glorot"));
    assertEquals("--init must be one of pytorch, lesson, he, xavier, numpy, got 'glorot'",
        e.getMessage());
  }
}
