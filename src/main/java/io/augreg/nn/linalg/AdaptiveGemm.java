package io.augreg.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Routes each product by its size: {@code m·n·k < threshold} goes to the {@code small} path (plain
 * Java: no call or copy overhead), larger ones to the {@code large} path (a BLAS).
 *
 * <p>The default threshold {@link Gemms#DEFAULT_THRESHOLD} comes from the size sweep of {@code
 * GemmBench} ({@code bench/gemm.sh --sweep}); see there for the measurement.
 *
 * <p>Thread-safe if both parts are. {@link #keepResident} goes to both parts; {@link #close()}
 * closes both parts that are {@link AutoCloseable}.
 */
public final class AdaptiveGemm implements Gemm, AutoCloseable {
  private final Gemm small;
  private final Gemm large;
  private final long threshold;

  /**
   * @param small path for products with {@code m·n·k < threshold}
   * @param large path for products with {@code m·n·k >= threshold}
   * @param threshold the multiply-add count ({@code m·n·k}) from which {@code large} is used, >= 0
   */
  public AdaptiveGemm(Gemm small, Gemm large, long threshold) {
    if (small == null || large == null) {
      throw new IllegalArgumentException("AdaptiveGemm needs both a small and a large path");
    }
    if (threshold < 0) {
      throw new IllegalArgumentException("AdaptiveGemm threshold must be >= 0, got " + threshold);
    }
    this.small = small;
    this.large = large;
    this.threshold = threshold;
  }

  /** The path a product of {@code m×k · k×n} goes to. */
  public Gemm choose(int m, int n, int k) {
    return (long) m * n * k < threshold ? small : large;
  }

  /** The multiply-add count from which the large path is used. */
  public long threshold() {
    return threshold;
  }

  @Override
  public void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    int k = transA ? a.numRows : a.numCols;
    choose(c.numRows, c.numCols, k).gemm(transA, transB, alpha, a, b, beta, c);
  }

  /** The native path of the part that {@link #choose} picks for this size, if it has one. */
  @Override
  public NativeGemm nativeFor(int m, int n, int k) {
    return choose(m, n, k).nativeFor(m, n, k);
  }

  @Override
  public ResidentMatrix keepResident(DMatrixRMaj constant) {
    ResidentMatrix s = small.keepResident(constant);
    ResidentMatrix l = large.keepResident(constant);
    return new ResidentMatrix() {
      @Override
      public void refresh() {
        s.refresh();
        l.refresh();
      }

      @Override
      public void close() {
        s.close();
        l.close();
      }
    };
  }

  /** Closes both parts that are {@link AutoCloseable} (releasing OpenBLAS native memory). */
  @Override
  public void close() {
    closeIfCloseable(small);
    closeIfCloseable(large);
  }

  private static void closeIfCloseable(Gemm part) {
    if (part instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("closing " + part.name() + " failed", e);
      }
    }
  }

  @Override
  public String name() {
    return "adaptive(" + small.name() + "<" + threshold + "<=" + large.name() + ")";
  }
}
