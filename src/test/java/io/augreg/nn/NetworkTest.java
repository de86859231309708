package io.augreg.nn;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.nn.linalg.JavaGemm;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {
  private static final Architecture ARCH = Architecture.parse(
      "conv filters=3 k=3 | pool k=2 | conv filters=2 k=3 stride=2 pad=1 | dropout keep=0.7"
          + " | dense units=4 | dropout keep=0.8 spatial=true");

  /** Full network: loss gradient through every layer, by two-sided differences. */
  private static double check(OutputKind kind, int outputs) {
    return check(ARCH, kind, outputs);
  }

  private static double check(Architecture arch, OutputKind kind, int outputs) {
    Shape in = new Shape(6, 6, 2);
    Network net = Network.initialize(arch, in, kind, outputs, 3);
    List<double[]> live = net.parameters();
    LayerStack st = net.stack(live, new JavaGemm());
    int n = 3;
    double[] x = LayerCheck.random(n * in.size(), 4, 1);
    double[] y = {0, 1, outputs > 1 ? 2 : 1};
    Pass pass = Pass.training(5);
    return LayerCheck.stackError(st, x, n, pass, s -> s.loss(y, 0, n));
  }

  @Test
  void wholeNetworkGradientMatchesFiniteDifferences() {
    double binary = check(OutputKind.SIGMOID_BINARY, 1);
    assertTrue(binary < 1e-7, "binary " + binary);
    double softmax = check(OutputKind.SOFTMAX, 3);
    assertTrue(softmax < 1e-7, "softmax " + softmax);
  }

  @Test
  void initializationIsSeededAndBoundedByFanIn() {
    Shape in = new Shape(8, 8, 3);
    Network a = Network.initialize(ARCH, in, OutputKind.SIGMOID_BINARY, 1, 7);
    Network b = Network.initialize(ARCH, in, OutputKind.SIGMOID_BINARY, 1, 7);
    assertArrayEquals(a.parameters().get(0), b.parameters().get(0));
    double bound = 1 / Math.sqrt(27);
    for (double v : a.parameters().get(0)) {
      assertTrue(Math.abs(v) <= bound);
    }
    // conv1 27·3+3, conv2 27·2+2, dense 2·2·2·4+4, output 4+1
    assertEquals(84 + 56 + 36 + 5, a.parameterCount());
  }

  @Test
  void predictionsAreColumnwiseAndBatchIndependent() {
    Shape in = new Shape(6, 6, 2);
    Network net = Network.initialize(ARCH, in, OutputKind.SOFTMAX, 3, 1);
    int m = 70;
    DMatrixRMaj x = new DMatrixRMaj(in.size(), m);
    System.arraycopy(LayerCheck.random(in.size() * m, 2, 1), 0, x.data, 0, in.size() * m);
    DMatrixRMaj p = net.predictProbabilities(x, new JavaGemm());
    assertEquals(3, p.numRows);
    DMatrixRMaj one = new DMatrixRMaj(in.size(), 1);
    for (int i = 0; i < in.size(); i++) {
      one.data[i] = x.get(i, 69);
    }
    DMatrixRMaj q = net.predictProbabilities(one, new JavaGemm());
    for (int k = 0; k < 3; k++) {
      assertEquals(q.get(k, 0), p.get(k, 69), 1e-12);
    }
    assertEquals(1.0, p.get(0, 5) + p.get(1, 5) + p.get(2, 5), 1e-12);
    double[] labels = new double[m];
    int[] pred = net.predictLabels(x, new JavaGemm());
    for (int j = 0; j < m; j++) {
      labels[j] = pred[j];
    }
    DMatrixRMaj y = new DMatrixRMaj(1, m, true, labels);
    assertEquals(1.0, net.accuracy(new Dataset(x, y), new JavaGemm()));
    assertTrue(net.cost(new Dataset(x, y), new JavaGemm()) > 0);
  }

  @Test
  void rejectsMismatchedInputsAndArchitectures() {
    Shape in = new Shape(6, 6, 2);
    Network net = Network.initialize(ARCH, in, OutputKind.SIGMOID_BINARY, 1, 1);
    assertThrows(AugregException.class, () -> net.predictProbabilities(new DMatrixRMaj(10, 2), new JavaGemm()));
    AugregException e = assertThrows(AugregException.class, () -> Network.initialize(
        Architecture.parse("pool k=4 | pool k=4"), in, OutputKind.SIGMOID_BINARY, 1, 1));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    assertThrows(AugregException.class, () -> Network.initialize(ARCH, in, OutputKind.SIGMOID_BINARY, 2, 1));
    assertThrows(AugregException.class, () -> Network.of(ARCH, in, OutputKind.SIGMOID_BINARY, 1, List.of(new double[3])));
  }

  @Test
  void hugeNetworksAreUserErrorsBeforeAnythingIsAllocated() {
    Shape cats = new Shape(64, 64, 3);
    // was a NegativeArraySizeException (an int product of 409,600,000 · 100,000)
    AugregException e = assertThrows(AugregException.class, () -> Network.initialize(
        Architecture.parse("conv filters=100000 | dense units=100000"), cats,
        OutputKind.SIGMOID_BINARY, 1, 1));
    assertTrue(e.getMessage().startsWith("--arch: dense units=100000 after a 64×64×100000 input"),
        e.getMessage());
    // 2.1 G weights (the longest array Java allows is 2,147,483,639): 51 GB to build, above any
    // test heap; was an OutOfMemoryError
    e = assertThrows(AugregException.class, () -> Network.initialize(
        Architecture.parse("conv filters=64 | dense units=8000"), cats, OutputKind.SIGMOID_BINARY, 1, 1));
    assertTrue(e.getMessage().startsWith("--arch: dense units=8000 after a 64×64×64 input needs"
        + " 2,097,152,000 weights; that network (2097.2 M parameters, 16.8 GB in doubles) needs about"
        + " 50.3 GB to build"), e.getMessage());
  }

  @Test
  void savedModelErrorsNameItsFilesNotTheOption() {
    Shape in = new Shape(6, 6, 2);
    ArchSource saved = ArchSource.savedModel("m/model.json", "m/model.mat");
    List<double[]> values = Network.initialize(ARCH, in, OutputKind.SIGMOID_BINARY, 1, 1).parameters();
    values.set(0, new double[7]);
    AugregException e = assertThrows(AugregException.class,
        () -> Network.of(ARCH, in, OutputKind.SIGMOID_BINARY, 1, values, saved));
    assertEquals("m/model.mat: the weights do not fit the architecture in m/model.json: conv: kernel"
        + " needs 54 values and bias 3, got 7 and 3", e.getMessage());
    // the option's wording is unchanged
    e = assertThrows(AugregException.class, () -> Network.of(ARCH, in, OutputKind.SIGMOID_BINARY, 1, values));
    assertTrue(e.getMessage().startsWith("--arch '" + ARCH.toSpec() + "' does not fit the input 6×6×2:"
        + " conv: kernel needs 54 values"), e.getMessage());
    e = assertThrows(AugregException.class, () -> Network.of(Architecture.parse("pool k=8"), in,
        OutputKind.SIGMOID_BINARY, 1, values, saved));
    assertTrue(e.getMessage().startsWith("m/model.json: its architecture 'pool k=8 stride=8' does not"
        + " fit its input 6×6×2"), e.getMessage());
  }

  @Test
  void columnsToRowsTransposes() {
    double[] x = {1, 2, 3, 4, 5, 6}; // 2 features × 3 columns
    double[] dst = new double[4];
    Network.columnsToRows(x, 3, 1, 2, 2, dst);
    assertArrayEquals(new double[] {2, 5, 3, 6}, dst);
  }

  private static final Architecture BN_ARCH = Architecture.parse(
      "bn | conv filters=3 k=3 bn=true | pool k=2 | conv filters=2 k=3 | bn momentum=0.3"
          + " | dropout keep=0.7 | dense units=4 bn=true | dropout keep=0.8");

  @Test
  void wholeNetworkWithBatchNormGradientMatchesFiniteDifferences() {
    double binary = check(BN_ARCH, OutputKind.SIGMOID_BINARY, 1);
    assertTrue(binary < 1e-7, "binary " + binary);
    double softmax = check(BN_ARCH, OutputKind.SOFTMAX, 3);
    assertTrue(softmax < 1e-7, "softmax " + softmax);
  }

  @Test
  void batchNormStartsAtIdentityAndItsStatisticsAreModelValues() {
    Shape in = new Shape(6, 6, 2);
    Network net = Network.initialize(BN_ARCH, in, OutputKind.SIGMOID_BINARY, 1, 3);
    List<double[]> p = net.parameters();
    // bn on the input: γ, β, running mean, running variance of 2 channels
    assertArrayEquals(new double[] {1, 1}, p.get(0));
    assertArrayEquals(new double[] {0, 0}, p.get(1));
    assertArrayEquals(new double[] {0, 0}, p.get(2));
    assertArrayEquals(new double[] {1, 1}, p.get(3));
    // 4 bn layers · 4 arrays + 3 conv/dense layers · 2 + output 2
    assertEquals(24, p.size());
    List<double[]> live = net.parameters();
    LayerStack st = net.stack(live, new JavaGemm());
    assertEquals(2 * 4 + 2 * 3 + 2, st.params().size()); // running statistics are not trained
    double[] x = LayerCheck.random(4 * in.size(), 4, 1);
    for (int j = 0; j < x.length; j++) {
      x[j] += 2;
    }
    st.forward(x, 4, Pass.training(1));
    Network trained = net.withParameters(live);
    assertEquals(0.1 * 2, trained.parameters().get(2)[0], 0.1 * 0.2); // running mean moved
    // inference with the running statistics: batch-independent predictions
    int m = 5;
    DMatrixRMaj cols = new DMatrixRMaj(in.size(), m);
    System.arraycopy(LayerCheck.random(in.size() * m, 9, 1), 0, cols.data, 0, in.size() * m);
    DMatrixRMaj all = trained.predictProbabilities(cols, new JavaGemm());
    DMatrixRMaj one = new DMatrixRMaj(in.size(), 1);
    for (int i = 0; i < in.size(); i++) {
      one.data[i] = cols.get(i, 3);
    }
    assertEquals(all.get(0, 3), trained.predictProbabilities(one, new JavaGemm()).get(0, 0), 1e-12);
  }
}
