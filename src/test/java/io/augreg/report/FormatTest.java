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
