package io.augreg.nn.linalg;

/** Factory for the {@link Gemm} implementations, with the measured defaults. */
public final class Gemms {

  /**
   * Multiply-add count ({@code m·n·k}) from which {@link #adaptive} sends a product to OpenBLAS:
   * 10 000.
   *
   * <p>Measured with {@code bench/gemm.sh --sweep} (2 cores, heavily loaded, 2026-11-26; median
   * times, one-thread double OpenBLAS <em>with</em> heap↔native copies against EJML): on
   * layer-like products {@code 20×k · k×209} EJML and OpenBLAS tie at k = 2 (8 360 multiply-adds,
   * about 5 µs each, the JNI call and copies dominating), OpenBLAS is 2.3× faster at k = 5 (20 900)
   * and 5-7× from k = 20 on; on squares it wins 3× from 16³ = 4 096. Below about 10⁴ a product
   * takes a few microseconds either way, so there the plain-Java path is kept: no native call, no
   * copy, exact reproducibility with the reference tests. Re-check with {@code --small} naming the
   * small implementation actually used.
   */
  public static final long DEFAULT_THRESHOLD = 10_000;

  private Gemms() {}

  /** OpenBLAS, one thread, double precision. Close it (or let the caller own it) to free memory. */
  public static OpenBlasGemm openBlas() {
    return new OpenBlasGemm();
  }

  /** OpenBLAS with an explicit thread count and precision. */
  public static OpenBlasGemm openBlas(int threads, Precision precision) {
    return new OpenBlasGemm(threads, precision);
  }

  /** EJML, pure Java. */
  public static EjmlGemm ejml() {
    return new EjmlGemm();
  }

  /** True if OpenBLAS's natives load on this platform. */
  public static boolean openBlasAvailable() {
    return OpenBlasRuntime.available();
  }

  /**
   * {@code small} below {@link #DEFAULT_THRESHOLD}, one-thread double OpenBLAS from it on (EJML if
   * OpenBLAS does not load on this platform).
   */
  public static AdaptiveGemm adaptive(Gemm small) {
    Gemm large = openBlasAvailable() ? openBlas() : ejml();
    return new AdaptiveGemm(small, large, DEFAULT_THRESHOLD);
  }
}
