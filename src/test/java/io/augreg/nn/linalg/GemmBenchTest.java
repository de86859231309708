package io.augreg.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** {@link GemmBench}: a tiny run yields one sane result per path and releases its memory. */
class GemmBenchTest {

  @Test
  void measuresEveryPathAndFormatsATable() {
    long before = Pointer.totalBytes();
    GemmBench.Case small = new GemmBench.Case("tiny", 4, 6, 5, true, true);
    List<GemmBench.Result> results = GemmBench.run(
        new GemmBench.Config(List.of(small), 0.03, true, List.of(new EjmlGemm())));
    // ejml, the extra, then per (precision, threads): copies, resident, no copies
    assertEquals(2 + 12, results.size());
    assertEquals("ejml", results.get(0).path());
    assertEquals(1.0, results.get(0).vsEjml(), 0);
    assertEquals("openblas-1t copies", results.get(2).path());
    for (GemmBench.Result r : results) {
      assertTrue(r.medianMillis() > 0 && r.gflops() > 0 && r.bestGflops() >= r.gflops(),
          r.toString());
    }
    String table = GemmBench.table(results);
    assertTrue(table.startsWith("| product | m×n×k | path |"), table);
    assertTrue(table.contains("| tiny | 4×6×5 | openblas-f32-2t X resident |"), table);
    assertTrue(Pointer.totalBytes() <= before,
        "bench left native memory allocated: " + (Pointer.totalBytes() - before) + " bytes");
  }

  @Test
  void casesCoverTheNetworksAndConfigIsValidated() {
    assertEquals(20 * 209 * 12288 * 2.0, GemmBench.networkCases().get(0).flops(), 0);
    assertTrue(GemmBench.sweepCases().size() > 10);
    assertThrows(IllegalArgumentException.class,
        () -> new GemmBench.Config(List.of(), 0, false, List.of()));
  }
}
