package io.augreg.nn.linalg;

/** The floating-point format a BLAS product is computed in. */
public enum Precision {
  /** 64-bit: the default and the reference (results within 1e-12 of the exact product). */
  DOUBLE,
  /**
   * 32-bit: operands are rounded to float, multiplied with {@code sgemm} and widened back; relative
   * error about 1e-6 per product (tests allow 1e-4). Faster on wide layers, see {@link GemmBench}.
   */
  FLOAT
}
