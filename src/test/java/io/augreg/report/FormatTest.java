package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FormatTest {
  /** Values where rounding, signs and exponents differ between naive formatters. */
  private static final double[] EDGES = {
    0.05, 0.15, 0.25, 0.35, 0.45, 2.675, 1.005, 9.95, 99.95, 479.95, -0.0, 0.0, -0.04, -0.05,
    -0.5, 1e-5, 4.9e-324, 1e7, 1e20, 123456789.25, Double.MAX_VALUE, 0.9478672985781991
  };

  /**
   * The fast path (no decimal conversion) gives the digits of BigDecimal's half-up rounding of
   * the shortest decimal, at ties of the last place and the doubles next to them, for every
   * number of places it takes; and it answers for most chart coordinates.
   */
  @Test
  void fastPathAgreesWithTheDecimalRounding() {
    SplittableRandom r = new SplittableRandom(11);
    int fast = 0;
    int coordinates = 0;
    for (int i = 0; i < 200_000; i++) {
      int d = r.nextInt(10);
      double p = Math.pow(10, d);
      double tie = (r.nextInt(2_000_000) + 0.5) / p / (1 + r.nextInt(3));
      double v = switch (i % 5) {
        case 0 -> tie;
        case 1 -> Math.nextUp(tie);
        case 2 -> Math.nextDown(tie);
        case 3 -> r.nextDouble() * Math.pow(10, r.nextInt(-6, 12));
        default -> r.nextDouble() * 900;
      };
      String got = Format.fastDigits(v, d);
      if (got != null) {
        String want = new java.math.BigDecimal(Double.toString(v))
            .setScale(d, java.math.RoundingMode.HALF_UP).toPlainString();
        assertEquals(want, got, v + ", " + d);
        fast++;
      }
      if (i % 5 == 4 && d == 1) {
        coordinates++;
        fast += Format.fastDigits(v, 1) != null ? 0 : -1_000_000;
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(coordinates > 1000 && fast > 100_000, "fast answers: " + fast);
  }

  @Test
  void fixedWritesWhatStringFormatWrites() {
    assertEquals("0.1", Format.fixed(0.05, 1));
    assertEquals("2.68", Format.fixed(2.675, 2)); // half up on the shortest decimal, 2.675
    assertEquals("-0.0", Format.fixed(-0.04, 1));
    assertEquals("-0.0", Format.fixed(-0.0, 1));
    assertEquals("100000000000000000000.0", Format.fixed(1e20, 1));
    assertEquals("0.9479", Format.number(0.9478672985781991));
    SplittableRandom r = new SplittableRandom(7);
    for (int d = 0; d <= 4; d++) {
      for (double v : EDGES) {
        assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Format.fixed(v, d), v + ", " + d);
      }
      for (int i = 0; i < 20_000; i++) {
        double v = switch (i % 4) {
          case 0 -> r.nextDouble() * 480; // chart coordinates
          case 1 -> Math.round(r.nextDouble() * 4800) / 10.0 + 0.05; // ties at the last digit
          case 2 -> r.nextDouble(-1e-3, 1e-3);
          default -> Double.longBitsToDouble(r.nextLong());
        };
        if (Double.isFinite(v)) {
          assertEquals(String.format(Locale.ROOT, "%." + d + "f", v), Format.fixed(v, d), v + ", " + d);
        }
      }
    }
  }
}
