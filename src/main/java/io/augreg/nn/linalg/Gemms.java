package io.augreg.nn.linalg;

/** Factory for the {@link Gemm} implementations, with the measured defaults. */
public final class Gemms {

  /**
   * Multiply-add count ({@code m·n·k}) from which {@link #adaptive} sends a product to OpenBLAS.
   * Measured with {@link GemmBench}'s sweep; see README "Fast matrix path".
   */
  public static final long DEFAULT_THRESHOLD = 64_000;

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
