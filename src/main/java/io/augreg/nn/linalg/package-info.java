/**
 * Matrix products behind one small interface ({@link io.augreg.nn.linalg.Gemm}): plain Java for
 * the small matrices of the football example, a BLAS for the wide image layers.
 *
 * <p>{@link io.augreg.nn.linalg.EjmlGemm} is the reference, {@link
 * io.augreg.nn.linalg.OpenBlasGemm} the fast path (OpenBLAS through JavaCPP, double or float,
 * explicit thread count, constant operands kept in native memory), {@link
 * io.augreg.nn.linalg.AdaptiveGemm} chooses per product by size; {@link io.augreg.nn.linalg.Gemms}
 * builds them with the measured defaults; {@code GemmBench} (test sources, {@code bench/gemm.sh})
 * measures them.
 *
 * <p>This package must not know about layers or training; it owns every byte of native memory it
 * allocates and frees it on {@code close()}, never through the garbage collector or a caller's
 * {@code PointerScope}.
 */
package io.augreg.nn.linalg;
