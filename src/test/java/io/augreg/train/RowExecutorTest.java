package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.nn.OutputKind;
import io.augreg.nn.Param;
import io.augreg.nn.Pass;
import io.augreg.nn.Shape;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.LayerStack;
import io.augreg.nn.linalg.JavaGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The row executor computes the gradient sums of the one layer stack: for a dense-only network
 * (with dropout, fresh or reference masks; sigmoid or softmax) its gradients equal the stack's
 * own backward pass (and that one equals finite differences of the summed loss).
 */
class RowExecutorTest {
  private static final int N = 9;
  private static final int F = 4;

  /**
   * A network with random non-zero biases too: with zero biases, an example whose inputs to a
   * ReLU unit are all dropped sits exactly on the ReLU's kink, where finite differences are wrong.
   */
  private static Network net(String arch, OutputKind kind, int outputs) {
    Network net = Network.initialize(Architecture.parse(arch), Shape.flat(F), kind, outputs, 5);
    SplittableRandom r = new SplittableRandom(3);
    List<double[]> values = net.parameters();
    for (double[] v : values) {
      for (int i = 0; i < v.length; i++) {
        v[i] = r.nextDouble(-1, 1);
      }
    }
    return net.withParameters(values);
  }

  private static BatchStream.Batch batch(int outputs) {
    SplittableRandom r = new SplittableRandom(11);
    DMatrixRMaj x = new DMatrixRMaj(F, N);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = r.nextDouble(-2, 2);
    }
    double[] y = new double[N];
    for (int j = 0; j < N; j++) {
      y[j] = outputs == 1 ? j % 2 : j % outputs;
    }
    return new BatchStream.Batch(x, y, N);
  }

  /** The stack's gradient sums of the summed loss of the batch. */
  private static List<double[]> stackGradients(LayerStack st, BatchStream.Batch bt, Pass pass) {
    double[] rows = new double[N * F];
    Network.columnsToRows(bt.x().data, N, 0, N, F, rows);
    st.zeroGrads();
    st.forward(rows, N, pass);
    st.loss(bt.y(), 0, N);
    st.backward(N);
    List<double[]> out = new ArrayList<>();
    for (Param p : st.params()) {
      out.add(p.grad().clone());
    }
    // finite differences of the summed loss, central, for every value
    double worst = 0;
    for (Param p : st.params()) {
      double[] v = p.value();
      for (int i = 0; i < v.length; i++) {
        double saved = v[i];
        v[i] = saved + 1e-6;
        st.forward(rows, N, pass);
        double plus = st.loss(bt.y(), 0, N);
        v[i] = saved - 1e-6;
        st.forward(rows, N, pass);
        double minus = st.loss(bt.y(), 0, N);
        v[i] = saved;
        double num = (plus - minus) / 2e-6;
        worst = Math.max(worst, Math.abs(num - p.grad()[i]) / Math.max(1, Math.abs(num)));
      }
    }
    assertTrue(worst < 1e-6, "stack gradient vs finite differences: " + worst);
    return out;
  }

  private static void check(String arch, OutputKind kind, int outputs, boolean reference) {
    Network net = net(arch, kind, outputs);
    BatchStream.Batch bt = batch(outputs);
    Pass pass = Pass.training(77, N);
    LayerStack st = net.stack(net.parameters(), new JavaGemm());
    LayerStack rowsStack = net.stack(net.parameters(), new JavaGemm());
    if (reference) {
      st.useReferenceMasks();
      rowsStack.useReferenceMasks();
    }
    List<double[]> expected = stackGradients(st, bt, pass);
    assertTrue(RowExecutor.fits(rowsStack, Trainer.ROW_WIDEST), arch);
    RowExecutor row = new RowExecutor(rowsStack, kind);
    // a step of a tiny learning rate leaves the gradient sums in the params
    TrainConfig c = TrainConfig.builder().learningRate(1e-300).build();
    double loss = row.step(bt, pass, new ParamOptimizer(c, row.params()), true);
    assertTrue(Double.isFinite(loss) && loss > 0);
    for (int p = 0; p < expected.size(); p++) {
      double[] e = expected.get(p);
      double[] g = row.params().get(p).grad();
      for (int i = 0; i < e.length; i++) {
        assertEquals(e[i], g[i], 1e-12 * Math.max(1, Math.abs(e[i])), arch + " param " + p);
      }
    }
  }

  @Test
  void denseStackGradientsEqualTheLayerStacksWithFreshDropout() {
    check("dense units=6 | dropout keep=0.7 | dense units=3 | dropout keep=0.8",
        OutputKind.SIGMOID_BINARY, 1, false);
    check("dense units=7 | dense units=5 | dropout keep=0.6", OutputKind.SOFTMAX, 3, false);
    // a layer of two units (its own dZ pass) after six, and a softmax of two classes
    check("dense units=6 | dropout keep=0.7 | dense units=2", OutputKind.SIGMOID_BINARY, 1, false);
    check("dense units=6 | dense units=5", OutputKind.SOFTMAX, 2, false);
  }

  @Test
  void denseStackGradientsEqualTheLayerStacksWithReferenceDropout() {
    check("dense units=6 | dropout keep=0.7 | dense units=3 | dropout keep=0.8",
        OutputKind.SIGMOID_BINARY, 1, true);
    check("dense units=5 | dense units=4 | dropout keep=0.5", OutputKind.SOFTMAX, 3, true);
  }

  @Test
  void onlyNarrowDenseReluStacksTakeTheRowExecutor() {
    Network wide = Network.initialize(Architecture.parse("dense units=65"), Shape.flat(F),
        OutputKind.SIGMOID_BINARY, 1, 1);
    assertFalse(RowExecutor.fits(wide.stack(wide.parameters(), new JavaGemm()), 64));
    Network linear = net("dense units=5 act=none", OutputKind.SIGMOID_BINARY, 1);
    assertFalse(RowExecutor.fits(linear.stack(linear.parameters(), new JavaGemm()), 64));
    Network conv = Network.initialize(Architecture.parse("conv filters=2 k=3"), new Shape(4, 4, 1),
        OutputKind.SIGMOID_BINARY, 1, 1);
    assertFalse(RowExecutor.fits(conv.stack(conv.parameters(), new JavaGemm()), 64));
  }

  /**
   * With a fixed batch, the executor keeps its input rows between steps; an evaluation of another
   * batch in between (a dev set) must not leave that batch's inputs in them: the steps equal those
   * of an executor that copies the inputs every time, bit for bit.
   */
  @Test
  void aFixedBatchInputsAreReloadedAfterAnotherBatch() {
    Network net = net("dense units=6 | dropout keep=0.7 | dense units=3", OutputKind.SIGMOID_BINARY,
        1);
    BatchStream.Batch bt = batch(1);
    DMatrixRMaj other = bt.x().copy();
    for (int i = 0; i < other.data.length; i++) {
      other.data[i] = -3 * other.data[i];
    }
    BatchStream.Batch dev = new BatchStream.Batch(other, bt.y(), N);
    List<double[]> keptValues = net.parameters();
    List<double[]> copiedValues = net.parameters();
    RowExecutor kept =
        new RowExecutor(net.stack(keptValues, new JavaGemm()), OutputKind.SIGMOID_BINARY);
    RowExecutor copied =
        new RowExecutor(net.stack(copiedValues, new JavaGemm()), OutputKind.SIGMOID_BINARY);
    kept.fixedBatch(bt);
    TrainConfig c = TrainConfig.builder().learningRate(0.1).build();
    ParamOptimizer ko = new ParamOptimizer(c, kept.params());
    ParamOptimizer co = new ParamOptimizer(c, copied.params());
    for (int step = 0; step < 4; step++) {
      Pass pass = Pass.training(100 + step, N);
      assertEquals(copied.step(bt, pass, co, true), kept.step(bt, pass, ko, true));
      double[] e1 = copied.evaluate(one(dev));
      double[] e2 = kept.evaluate(one(dev));
      assertEquals(e1[0], e2[0]);
      double[] t1 = copied.evaluate(one(bt));
      double[] t2 = kept.evaluate(one(bt));
      assertEquals(t1[0], t2[0]);
    }
    for (int p = 0; p < keptValues.size(); p++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(copiedValues.get(p), keptValues.get(p));
    }
  }

  /** A pass of one batch. */
  private static BatchStream.Epoch one(BatchStream.Batch b) {
    return new BatchStream.Epoch() {
      private boolean done;

      @Override
      public BatchStream.Batch next() {
        if (done) {
          return null;
        }
        done = true;
        return b;
      }

      @Override
      public void close() {}
    };
  }
}
