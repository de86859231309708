package io.augreg.nn.linalg;

/** Factory for the {@link Gemm} implementations, with the measured defaults. */
public final class Gemms {

  /**
   * Multiply-add count ({@code m·n·k}) from which {@link #adaptive} sends a product to OpenBLAS:
   * 16 384.
   *
   * <p>Measured with {@code bench/gemm.sh --sweep --small io.augreg.nn.linalg.JavaGemm} (2 cores,
   * heavily loaded, 2026-11-26; median times; one-thread double OpenBLAS <em>with</em> heap↔native
   * copies against the plain-Java kernel): on layer-like products {@code 20×k · k×209} they tie at
   * k = 2 (8 360 multiply-adds, about 5 µs each: the JNI call and copies dominate) and stay within
   * 1 µs on the football network's {@code 3×20 · 20×211} (12 660); OpenBLAS is 1.3× faster at
   * k = 5 (20 900), 3× at k = 10 and 3-7× beyond. The crossover lies between 12 660 and 20 900;
   * 2¹⁴ keeps every product of the football network on the Java path (bit-for-bit the reference
   * numbers, no native call) and sends the cat network's 12288- and 20-wide layers to OpenBLAS.
   */
  public static final long DEFAULT_THRESHOLD = 16_384;

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
