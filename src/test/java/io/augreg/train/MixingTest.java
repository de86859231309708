package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augreg.data.Dataset;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MixingTest {
  private static final Shape SHAPE = new Shape(4, 5, 2);

  /** m examples of SHAPE, example j's every feature in (j, j + 1), labels j mod classes. */
  private static Dataset data(int m, int classes) {
    DMatrixRMaj x = new DMatrixRMaj(SHAPE.size(), m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    SplittableRandom r = new SplittableRandom(7);
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < SHAPE.size(); i++) {
        x.set(i, j, j + r.nextDouble());
      }
      y.set(0, j, j % classes);
    }
    return new Dataset(x, y);
  }

  private static TrainingAids aids(double mixup, double cutmix, double p) {
    return new TrainingAids(0, mixup, cutmix, p, 0, null);
  }

  /** Copies of a batch (valid until the next call). */
  private static double[][] copy(BatchStream.Batch b) {
    return new double[][] {b.x().data.clone(), b.y().clone(),
        b.targets() == null ? null : b.targets().clone()};
  }

  @Test
  void mixupInputsAndLabelsAreTheSameConvexCombination() {
    Dataset d = data(12, 3);
    DatasetBatches plain = new DatasetBatches(d, 6, 5);
    Mixing mix = new Mixing(new DatasetBatches(d, 6, 5), aids(0.4, 0, 1), SHAPE,
        OutputKind.SOFTMAX, 3, 9);
    try (BatchStream.Epoch a = plain.epoch(2); BatchStream.Epoch b = mix.epoch(2)) {
      for (int bi = 0; bi < 2; bi++) {
        double[][] src = copy(a.next());
        BatchStream.Batch got = b.next();
        double lam = mix.draw(2, bi).lambda();
        assertTrue(lam > 0 && lam < 1, "λ " + lam);
        int n = got.size();
        for (int j = 0; j < n; j++) {
          int prev = (j + n - 1) % n;
          for (int i = 0; i < SHAPE.size(); i++) {
            assertEquals(lam * src[0][i * 6 + j] + (1 - lam) * src[0][i * 6 + prev],
                got.x().data[i * 6 + j], 1e-12);
          }
          double[] expected = new double[3];
          expected[(int) src[1][j]] += lam;
          expected[(int) src[1][prev]] += 1 - lam;
          assertArrayEquals(expected, java.util.Arrays.copyOfRange(got.targets(), j * 3, j * 3 + 3),
              1e-15);
          // accuracy keeps the hard labels
          assertEquals(src[1][j], got.y()[j]);
        }
      }
    }
  }

  @Test
  void cutmixLabelWeightIsTheShareOutsideTheBox() {
    Dataset d = data(8, 2);
    Mixing mix = new Mixing(new DatasetBatches(d, 8, 1), aids(0, 1.0, 1), SHAPE,
        OutputKind.SIGMOID_BINARY, 1, 4);
    int boxes = 0;
    for (int e = 1; e <= 20; e++) {
      double[][] src;
      try (BatchStream.Epoch a = new DatasetBatches(d, 8, 1).epoch(e)) {
        src = copy(a.next());
      }
      try (BatchStream.Epoch b = mix.epoch(e)) {
        BatchStream.Batch got = b.next();
        Mixing.Draw draw = mix.draw(e, 0);
        // which features came from the rolled example: exactly the box, counted in pixels
        int fromPrev = 0;
        for (int i = 0; i < SHAPE.size(); i++) {
          boolean prev = got.x().data[i * 8 + 3] == src[0][i * 8 + 2];
          boolean own = got.x().data[i * 8 + 3] == src[0][i * 8 + 3];
          assertTrue(prev ^ own);
          fromPrev += prev ? 1 : 0;
        }
        double area = (double) fromPrev / SHAPE.size();
        assertEquals(1 - area, draw.lambda(), 1e-12);
        boxes += fromPrev > 0 ? 1 : 0;
        for (int j = 0; j < 8; j++) {
          int prev = (j + 7) % 8;
          assertEquals(draw.lambda() * src[1][j] + (1 - draw.lambda()) * src[1][prev],
              got.targets()[j], 1e-15);
        }
      }
    }
    assertTrue(boxes >= 10, "boxes " + boxes);
  }

  @Test
  void probabilityZeroLeavesBatchesAloneAndCleanIsNeverMixed() {
    Dataset d = data(6, 2);
    DatasetBatches inner = new DatasetBatches(d, 3, 1);
    Mixing off = new Mixing(inner, aids(1, 1, 0), SHAPE, OutputKind.SIGMOID_BINARY, 1, 1);
    try (BatchStream.Epoch a = new DatasetBatches(d, 3, 1).epoch(1); BatchStream.Epoch b = off.epoch(1)) {
      double[][] want = copy(a.next());
      BatchStream.Batch got = b.next();
      assertArrayEquals(want[0], got.x().data);
      assertNull(got.targets());
    }
    Mixing on = new Mixing(inner, aids(1, 0, 1), SHAPE, OutputKind.SIGMOID_BINARY, 1, 1);
    try (BatchStream.Epoch c = on.clean()) {
      assertNull(c.next().targets());
    }
  }

  @Test
  void probabilityAndChoiceFollowTheSeedOnly() {
    Mixing m = new Mixing(new DatasetBatches(data(4, 2), 4, 1), aids(0.5, 0.5, 0.5), SHAPE,
        OutputKind.SIGMOID_BINARY, 1, 11);
    int mixed = 0;
    int cut = 0;
    for (int b = 0; b < 400; b++) {
      Mixing.Draw d = m.draw(3, b);
      assertEquals(d, m.draw(3, b));
      mixed += d.mixed() ? 1 : 0;
      cut += d.cutmix() ? 1 : 0;
    }
    assertEquals(200, mixed, 30);
    assertEquals(mixed / 2.0, cut, 25);
  }

  /** A batch's first {@code size} examples: inputs (feature-major), labels, targets (or null). */
  private static double[][] valid(BatchStream.Batch b, int k) {
    int n = b.size();
    int cap = b.x().numCols;
    double[] x = new double[b.x().numRows * n];
    for (int i = 0; i < b.x().numRows; i++) {
      System.arraycopy(b.x().data, i * cap, x, i * n, n);
    }
    return new double[][] {x, java.util.Arrays.copyOf(b.y(), n),
        b.targets() == null ? null : java.util.Arrays.copyOf(b.targets(), n * k)};
  }

  @Test
  void aResumeInTheMiddleOfAnEpochBuildsNoSkippedBatchAndGivesTheSameBatches() {
    int[] built = {0};
    // 10 batches of 3 (the last of 2), MixUp or CutMix on 80 % of them
    Mixing m = new Mixing(
        new TappedBatches(new DatasetBatches(data(29, 3), 3, 5), bt -> built[0]++),
        aids(0.4, 1.0, 0.8), SHAPE, OutputKind.SOFTMAX, 3, 13);
    java.util.List<double[][]> whole = new java.util.ArrayList<>();
    try (BatchStream.Epoch e = m.epoch(4)) {
      for (BatchStream.Batch b = e.next(); b != null; b = e.next()) {
        whole.add(valid(b, 3));
      }
    }
    assertEquals(10, whole.size());
    assertEquals(10, built[0]);
    int mixed = 0;
    for (double[][] b : whole) {
      mixed += b[2] == null ? 0 : 1;
    }
    assertTrue(mixed >= 5, "most batches mixed: " + mixed);
    for (int first : new int[] {1, 6, 9}) {
      built[0] = 0;
      int b = first;
      try (BatchStream.Epoch e = m.epoch(4, first)) {
        for (BatchStream.Batch bt = e.next(); bt != null; bt = e.next(), b++) {
          double[][] c = valid(bt, 3);
          assertArrayEquals(whole.get(b)[0], c[0], 0.0, "inputs of batch " + b);
          assertArrayEquals(whole.get(b)[1], c[1], 0.0, "labels of batch " + b);
          assertArrayEquals(whole.get(b)[2], c[2], 0.0, "targets of batch " + b);
        }
      }
      assertEquals(10, b);
      // only the batches after the skipped ones reach the mixer
      assertEquals(10 - first, built[0], "batches built when resuming at " + first);
    }
  }

  @Test
  void betaDrawsHaveBetaMoments() {
    for (double alpha : new double[] {0.2, 1.0, 3.0}) {
      SplittableRandom r = new SplittableRandom(1);
      int n = 20000;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double v = Mixing.beta(alpha, r);
        assertTrue(v >= 0 && v <= 1);
        sum += v;
        sq += v * v;
      }
      double mean = sum / n;
      // Beta(α, α): mean 1/2, variance 1/(4(2α + 1))
      assertEquals(0.5, mean, 0.01, "α " + alpha);
      assertEquals(1 / (4 * (2 * alpha + 1)), sq / n - mean * mean, 0.005, "α " + alpha);
    }
  }
}
