package io.augreg.nn.linalg;

/** The floating-point format a BLAS product is computed in. */
public enum Precision {
  /** 64-bit: the default and the reference (results within 1e-12 of the exact product). */
  DOUBLE,
  /**
   * 32-bit: operands are rounded to float, multiplied with {@code sgemm} and widened back; relative
   * error about 1e-6 per product (tests allow 1e-4). Faster on wide layers, see {@code bench/gemm.sh}.
   */
  FLOAT;

  /**
   * Parses an option value, {@code double} or {@code float} (any case).
   *
   * @param value the value given
   * @param option the option's name, for the error message
   * @return the precision
   * @throws io.augreg.core.AugregException naming the option when the value is neither
   */
  public static Precision parse(String value, String option) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "double" -> DOUBLE;
      case "float" -> FLOAT;
      default ->
          throw new io.augreg.core.AugregException(
              option + " must be double or float, got '" + value + "'");
    };
  }
}
