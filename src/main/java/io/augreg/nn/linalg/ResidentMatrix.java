package io.augreg.nn.linalg;

/**
 * A handle on a copy of a constant operand that a {@link Gemm} keeps where it computes (see
 * {@link Gemm#keepResident}). Close it to release the copy; until then the caller promises not to
 * change the matrix, or to call {@link #refresh()} after changing it in place.
 */
public interface ResidentMatrix extends AutoCloseable {

  /** A handle that keeps nothing: what {@link Gemm#keepResident} returns by default. */
  ResidentMatrix NONE =
      new ResidentMatrix() {
        @Override
        public void refresh() {}

        @Override
        public void close() {}
      };

  /** Copies the matrix again after the caller changed its values in place. */
  void refresh();

  /** Releases the copy; later products read the matrix itself again. Idempotent. */
  @Override
  void close();
}
