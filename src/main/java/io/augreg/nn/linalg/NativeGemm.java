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
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, NativeBlock a,
      NativeBlock b, double beta, NativeBlock c);
}
