package io.augreg.nn.linalg;

/**
 * Products on operands that the caller places in native memory itself, so a layer can fill an
 * operand in pieces (e.g. im2col rows straight from its input) and keep it there between products
 * instead of copying whole heap matrices on every call ({@link OpenBlasGemm} implements it; {@link
 * Gemm#nativeFor} finds it). All matrices are row-major with their column count as leading
 * dimension. One instance per thread.
 */
public interface NativeGemm {

  /** Number of scratch blocks, {@link #block} slots {@code 0 .. BLOCKS − 1}. */
  int BLOCKS = 6;

  /**
   * The precision the blocks hold and products are computed in.
   *
   * @return double or float
   */
  Precision precision();

  /**
   * Scratch block {@code slot} of this kernel, with room for at least {@code elements} values. Its
   * contents stay until the next call that grows it; every user of the kernel shares the slots.
   *
   * @param slot 0 to {@link #BLOCKS} − 1
   * @param elements values needed
   * @return the block
   */
  NativeBlock block(int slot, long elements);

  /**
   * A block private to {@code owner} (compared by identity), with room for at least {@code
   * elements} values, for an operand that must survive other users' products, e.g. a layer's
   * im2col matrix kept from its forward to its backward pass. Its contents stay until the next
   * call that grows it; it is freed when the kernel is closed (so owners should be long-lived,
   * e.g. the layers of a training worker).
   *
   * @param owner the block's owner
   * @param elements values needed
   * @return the block
   */
  NativeBlock block(Object owner, long elements);

  /**
   * {@code C (m × n) = alpha · op(A) · op(B) + beta · C} on blocks, where A is stored {@code m × k}
   * ({@code k × m} if {@code transA}), B {@code k × n} ({@code n × k} if {@code transB}).
   *
   * @param transA use Aᵀ
   * @param transB use Bᵀ
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param alpha product scale
   * @param a left operand
   * @param b right operand
   * @param beta scale of the existing C (0: C is only written)
   * @param c output, must not be a or b
   */
  default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeBlock a,
      NativeBlock b, double beta, NativeBlock c) {
    gemm(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0);
  }

  /**
   * As {@link #gemm(boolean, boolean, int, int, int, double, NativeBlock, NativeBlock, double,
   * NativeBlock)} with A, B and C starting at values {@code aFrom}, {@code bFrom} and {@code
   * cFrom} of their blocks, e.g. pieces of rows of larger matrices.
   *
   * @param transA use Aᵀ
   * @param transB use Bᵀ
   * @param m rows of C
   * @param n columns of C
   * @param k inner dimension
   * @param alpha product scale
   * @param a left operand's block
   * @param aFrom first value of A in {@code a}
   * @param b right operand's block
   * @param bFrom first value of B in {@code b}
   * @param beta scale of the existing C (0: C is only written)
   * @param c output's block, must not be a or b
   * @param cFrom first value of C in {@code c}
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeBlock a,
      long aFrom, NativeBlock b, long bFrom, double beta, NativeBlock c, long cFrom);
}
