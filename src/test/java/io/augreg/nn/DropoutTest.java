package io.augreg.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DropoutTest {

  @Test
  void inferenceIsIdentity() {
    Dropout d = new Dropout(Shape.flat(4), 0.5, false, 1);
    double[] x = {1, 2, 3, 4};
    assertSame(x, d.forward(x, 1, Pass.INFERENCE));
  }

  @Test
  void survivorsAreScaledAndTheKeptFractionIsKeep() {
    Shape s = Shape.flat(10_000);
    Dropout d = new Dropout(s, 0.8, false, 1);
    double[] x = new double[s.size()];
    Arrays.fill(x, 1);
    double[] y = d.forward(x, 1, Pass.training(42));
    int kept = 0;
    for (double v : y) {
      assertTrue(v == 0 || Math.abs(v - 1.25) < 1e-15);
      kept += v > 0 ? 1 : 0;
    }
    assertEquals(0.8, kept / 10_000.0, 0.02);
  }

  @Test
  void spatialDropsWholeChannels() {
    Shape s = new Shape(4, 4, 50);
    Dropout d = new Dropout(s, 0.5, true, 2);
    double[] x = new double[s.size()];
    Arrays.fill(x, 1);
    double[] y = d.forward(x, 1, Pass.training(7));
    int dropped = 0;
    for (int ch = 0; ch < 50; ch++) {
      double first = y[ch];
      for (int p = ch; p < s.size(); p += 50) {
        assertEquals(first, y[p]);
      }
      dropped += first == 0 ? 1 : 0;
    }
    assertTrue(dropped > 10 && dropped < 40, "dropped " + dropped);
  }

  @Test
  void masksDependOnTheExampleIndexNotOnTheSlice() {
    Shape s = Shape.flat(20);
    double[] x = LayerCheck.random(40, 3, 1);
    double[] whole = new Dropout(s, 0.5, false, 3).forward(x, 2, Pass.training(9)).clone();
    double[] second = Arrays.copyOfRange(x, 20, 40);
    double[] part = new Dropout(s, 0.5, false, 3).forward(second, 1, Pass.training(9).slice(1));
    assertArrayEquals(Arrays.copyOfRange(whole, 20, 40), Arrays.copyOf(part, 20));
  }

  @Test
  void gradientsMatchFiniteDifferencesWithFixedMasks() {
    Dropout d = new Dropout(new Shape(3, 3, 4), 0.6, false, 1);
    double[] x = LayerCheck.random(2 * 36, 5, 1);
    assertTrue(LayerCheck.relativeError(d, x, 2, Pass.training(3), true) < 1e-7);
    Dropout sp = new Dropout(new Shape(3, 3, 4), 0.6, true, 1);
    assertTrue(LayerCheck.relativeError(sp, x, 2, Pass.training(3), true) < 1e-7);
  }

  @Test
  void rejectsKeepOutsideRange() {
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Shape.flat(2), 0, false, 1));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Shape.flat(2), 1.5, false, 1));
  }

  @Test
  void branchFreeScaleIsTheNextDoubleTestBitForBit() {
    for (double keep : new double[] {0.5, 0.9, 0.3, 0.7, 1e-9, 1.0, Math.nextDown(1.0)}) {
      long t = Dropout.threshold(keep);
      double inv = 1.0 / keep;
      long invBits = Double.doubleToRawLongBits(inv);
      // the same stream drawn twice: once through nextDouble, once through nextLong
      SplittableRandom a = new SplittableRandom(42);
      SplittableRandom b = new SplittableRandom(42);
      for (int i = 0; i < 100_000; i++) {
        double expected = a.nextDouble() < keep ? inv : 0.0;
        assertEquals(Double.doubleToRawLongBits(expected),
            Double.doubleToRawLongBits(Dropout.scale(b.nextLong(), t, invBits)), "keep " + keep);
      }
      // draws right at the bound: u = t − 1 is kept, u = t is not (u·2⁻⁵³ < keep decides)
      for (long u = Math.max(0, t - 2); u <= Math.min(t + 1, (1L << 53) - 1); u++) {
        double expected = u * 0x1p-53 < keep ? inv : 0.0;
        assertEquals(Double.doubleToRawLongBits(expected),
            Double.doubleToRawLongBits(Dropout.scale(u << 11 | 0x5a5, t, invBits)),
            "keep " + keep + " u " + u);
      }
    }
  }

  /**
   * The fresh masks, as a flat buffer ({@link Dropout#scales}) and as rows ({@link
   * Dropout#scaleRows}), are bit for bit the draws of one {@code SplittableRandom} per example made
   * with {@code Seeds.generator(seed, layerKey, offset + j)}: {@code nextDouble() < keep}, one draw
   * per unit (or per channel) in order.
   */
  @Test
  void freshMasksAreTheDrawsOfOneGeneratorPerExample() {
    for (double keep : new double[] {0.86, 0.5, 0.3}) {
      for (long seed : new long[] {0, 1, -7, 0x4452_4F50L * 31 + 5}) {
        for (Shape s : new Shape[] {Shape.flat(20), Shape.flat(3), new Shape(2, 3, 5)}) {
          boolean spatial = s.channels() != s.size();
          int n = 211;
          int offset = spatial ? 0 : 17;
          Pass pass = new Pass(true, seed, offset, n + offset);
          Dropout d = new Dropout(s, keep, spatial, 4);
          double[] flat = d.scales(pass, n).clone();
          double[][] rows = new double[s.size()][n + 2];
          if (!spatial) {
            d.scaleRows(pass, rows, n);
          }
          for (int j = 0; j < n; j++) {
            SplittableRandom r = io.augreg.core.Seeds.generator(seed, 4, offset + j);
            double[] unit = new double[spatial ? s.channels() : s.size()];
            for (int u = 0; u < unit.length; u++) {
              unit[u] = r.nextDouble() < keep ? 1.0 / keep : 0.0;
            }
            for (int p = 0; p < s.size(); p++) {
              double expected = unit[spatial ? p % s.channels() : p];
              assertEquals(Double.doubleToRawLongBits(expected),
                  Double.doubleToRawLongBits(flat[j * s.size() + p]), "flat " + s + " " + j);
              if (!spatial) {
                assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(rows[p][j]), "rows " + s + " " + j);
              }
            }
          }
        }
      }
    }
  }
}
