package io.augreg.nn.conv;

import io.augreg.nn.linalg.NativeBlock;
import io.augreg.nn.linalg.OpenBlasGemm;
import io.augreg.nn.linalg.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * CPU time of the kernel gradient product {@code dK = colsᵀ · dY} of the small CNN's three
 * convolutions at batch 32 in float on one OpenBLAS thread, with the im2col matrix in two layouts:
 * as {@link ConvFloat} keeps it (rows × width, the product passes the transpose flag and OpenBLAS
 * packs it with its {@code otcopy} routine) and stored transposed (width × rows, no flag, packed
 * with {@code oncopy}); prints ms per product (the fastest of {@code ROUNDS} rounds of 20) and
 * whether both give the same bits. Measures what a transposed im2col layout would save; never run
 * by the tests. Usage: {@code DkLayoutCpu [ROUNDS]} (default 5).
 */
public final class DkLayoutCpu {
  private static final int REPEATS = 20;

  private DkLayoutCpu() {}

  /**
   * Runs the measurement.
   *
   * @param args rounds per shape (default 5)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    // rows, width (k²·C), filters of conv16, conv32, conv64 on 64×64×3 at batch 32
    int[][] shapes = {{32 * 64 * 64, 27, 16}, {32 * 32 * 32, 144, 32}, {32 * 16 * 16, 288, 64}};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (OpenBlasGemm g = new OpenBlasGemm(1, Precision.FLOAT)) {
      for (int[] s : shapes) {
        int rows = s[0];
        int width = s[1];
        int filters = s[2];
        NativeBlock cols = g.block(0, (long) rows * width);
        NativeBlock colsT = g.block(1, (long) rows * width);
        NativeBlock dy = g.block(2, (long) rows * filters);
        NativeBlock dk = g.block(3, (long) width * filters);
        NativeBlock dkT = g.block(4, (long) width * filters);
        SplittableRandom r = new SplittableRandom(1);
        float[] c = new float[rows * width];
        float[] ct = new float[rows * width];
        float[] d = new float[rows * filters];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < width; j++) {
            float v = (float) r.nextDouble(-1, 1);
            c[i * width + j] = v;
            ct[j * rows + i] = v;
          }
        }
        for (int i = 0; i < d.length; i++) {
          d[i] = (float) r.nextDouble(-1, 1);
        }
        cols.put(0, c, 0, c.length);
        colsT.put(0, ct, 0, ct.length);
        dy.put(0, d, 0, d.length);
        double flag = Double.MAX_VALUE;
        double stored = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
          long t0 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < REPEATS; i++) {
            g.gemm(true, false, width, filters, rows, 1, cols, 0, dy, 0, 0, dk, 0);
          }
          long t1 = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < REPEATS; i++) {
            g.gemm(false, false, width, filters, rows, 1, colsT, 0, dy, 0, 0, dkT, 0);
          }
          long t2 = threads.getCurrentThreadCpuTime();
          flag = Math.min(flag, (t1 - t0) / 1e6 / REPEATS);
          stored = Math.min(stored, (t2 - t1) / 1e6 / REPEATS);
        }
        float[] a = new float[width * filters];
        float[] b = new float[width * filters];
        dk.get(0, a, 0, a.length);
        dkT.get(0, b, 0, b.length);
        System.out.printf("rows=%d width=%d filters=%d transpose_flag_ms=%.3f stored_transposed_ms=%.3f"
            + " ratio=%.3f same_bits=%b%n", rows, width, filters, flag, stored, stored / flag,
            Arrays.equals(a, b));
      }
    }
  }
}
