package io.augreg.nn;

/**
 * The shape of one example's activations: {@code height × width × channels} (NHWC without the N).
 * A flat vector of {@code u} units is {@code 1 × 1 × u}.
 *
 * @param height rows
 * @param width columns
 * @param channels channels (units for a flat vector)
 */
public record Shape(int height, int width, int channels) {

  /** Validates that every dimension is at least 1. */
  public Shape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "shape dimensions must be >= 1, got " + height + "×" + width + "×" + channels);
    }
  }

  /**
   * A flat vector.
   *
   * @param units values
   * @return {@code 1 × 1 × units}
   */
  public static Shape flat(int units) {
    return new Shape(1, 1, units);
  }

  /**
   * Values per example.
   *
   * @return {@code height · width · channels}
   */
  public int size() {
    return height * width * channels;
  }

  @Override
  public String toString() {
    return height + "×" + width + "×" + channels;
  }
}
