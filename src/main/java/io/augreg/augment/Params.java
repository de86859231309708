package io.augreg.augment;

import java.util.Map;

/**
 * An immutable parameter record that a {@link Transform} sampled for one image. Applying the same
 * record to the same input always gives the same bytes, so the record is what a manifest stores
 * and what a replay feeds back in. A record is self-sufficient: it holds everything its transform
 * needs to apply it (interpolation, border, output size), not only the random draws.
 */
public interface Params {

  /**
   * The record as a JSON-friendly map (numbers, booleans and strings only), exactly enough to
   * rebuild it with {@link Transform#paramsFromMap(Map)}.
   *
   * @return an insertion-ordered, unmodifiable map
   */
  Map<String, Object> toMap();

  /**
   * Width of the image this record produces from an input of the given size.
   *
   * @param width input width in pixels
   * @param height input height in pixels
   * @return output width; the input width unless the transform changes the size
   */
  default int outputWidth(int width, int height) {
    return width;
  }

  /**
   * Height of the image this record produces from an input of the given size.
   *
   * @param width input width in pixels
   * @param height input height in pixels
   * @return output height; the input height unless the transform changes the size
   */
  default int outputHeight(int width, int height) {
    return height;
  }
}
