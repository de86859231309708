package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link AdaptiveGemm}: routing by m·n·k, forwarding of residency and close, and correctness. */
class AdaptiveGemmTest extends GemmContract {
  private final AdaptiveGemm gemm = new AdaptiveGemm(new EjmlGemm(), new OpenBlasGemm(), 500);

  @Override
  Gemm gemm() {
    return gemm;
  }

  @Override
  double tolerance() {
    return 1e-12;
  }

  @AfterEach
  void release() {
    gemm.close();
  }

  /** Records the shapes it is called with; keeps residency and close calls as events. */
  private static final class Recording implements Gemm, AutoCloseable {
    final String name;
    final List<String> events = new ArrayList<>();

    Recording(String name) {
      this.name = name;
    }

    @Override
    public void gemm(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b,
        double beta, DMatrixRMaj c) {
      events.add("gemm " + c.numRows + "x" + c.numCols);
    }

    @Override
    public ResidentMatrix keepResident(DMatrixRMaj constant) {
      events.add("resident");
      return new ResidentMatrix() {
        @Override
        public void refresh() {
          events.add("refresh");
        }

        @Override
        public void close() {
          events.add("release");
        }
      };
    }

    @Override
    public void close() {
      events.add("close");
    }

    @Override
    public String name() {
      return name;
    }
  }

  @Test
  void routesByMultiplyAddCountIncludingTransposes() {
    Recording small = new Recording("s");
    Recording large = new Recording("l");
    try (AdaptiveGemm g = new AdaptiveGemm(small, large, 1000)) {
      // 10·10·9 = 900 < 1000: small; 10·10·10 = 1000: large
      g.gemm(false, false, 1, new DMatrixRMaj(10, 9), new DMatrixRMaj(9, 10), 0,
          new DMatrixRMaj(10, 10));
      g.gemm(false, false, 1, new DMatrixRMaj(10, 10), new DMatrixRMaj(10, 10), 0,
          new DMatrixRMaj(10, 10));
      // Aᵀ is 10×10 from a stored 10×10; k comes from A's rows when transposed: 5·10·40 = 2000
      g.gemm(true, true, 1, new DMatrixRMaj(40, 5), new DMatrixRMaj(10, 40), 0,
          new DMatrixRMaj(5, 10));
      assertEquals(List.of("gemm 10x10"), small.events);
      assertEquals(List.of("gemm 10x10", "gemm 5x10"), large.events);
      assertSame(small, g.choose(1, 1, 999));
      assertSame(large, g.choose(1000, 1000, 1000));
      assertEquals(1000, g.threshold());
      assertEquals("adaptive(s<1000<=l)", g.name());
      ResidentMatrix r = g.keepResident(new DMatrixRMaj(2, 2));
      r.refresh();
      r.close();
    }
    assertEquals(List.of("gemm 10x10", "resident", "refresh", "release", "close"),
        small.events);
    assertTrue(large.events.containsAll(List.of("resident", "refresh", "release", "close")));
  }

  @Test
  void rejectsMissingPartsAndNegativeThreshold() {
    assertThrows(IllegalArgumentException.class, () -> new AdaptiveGemm(null, new EjmlGemm(), 1));
    assertThrows(IllegalArgumentException.class,
        () -> new AdaptiveGemm(new EjmlGemm(), new EjmlGemm(), -1));
  }
}
