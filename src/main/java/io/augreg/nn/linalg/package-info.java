/**
 * Matrix products behind one small interface ({@link io.augreg.nn.linalg.Gemm}): plain Java for
 * the small matrices of the football example, a BLAS for the wide image layers.
 */
package io.augreg.nn.linalg;
