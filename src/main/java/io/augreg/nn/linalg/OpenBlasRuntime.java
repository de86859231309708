package io.augreg.nn.linalg;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The process-wide state of the OpenBLAS library: whether its natives load on this platform, and
 * its thread count (one global setting in OpenBLAS, so it is set only when it changes).
 *
 * <p>Uses the {@code openblas_nolapack} binding: the same {@code libopenblas} as the {@code
 * openblas} class, through a 0.3 MB JNI library instead of the 24 MB one that also binds LAPACK.
 */
final class OpenBlasRuntime {
  private static int threads = -1;
  private static Boolean available;

  private OpenBlasRuntime() {}

  /** True if the OpenBLAS natives load on this platform (checked once). */
  static synchronized boolean available() {
    if (available == null) {
      try {
        Loader.load(openblas_nolapack.class);
        available = true;
      } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
        available = false;
      }
    }
    return available;
  }

  /** Makes OpenBLAS use {@code n} threads for the following calls (no-op if it already does). */
  static synchronized void useThreads(int n) {
    if (threads != n) {
      // The binding allocates small function-pointer objects per call: free them right away.
      PointerScope scope = new PointerScope();
      try {
        openblas_nolapack.blas_set_num_threads(n);
      } finally {
        scope.close();
      }
      threads = n;
    }
  }
}
