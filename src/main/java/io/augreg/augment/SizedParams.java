package io.augreg.augment;

/**
 * A parameter record whose output is a {@code w × h} image whatever the input size (crops, canvases).
 */
interface SizedParams extends StepParams {
  /** Output width. */
  int w();

  /** Output height. */
  int h();

  @Override
  default int outputWidth(int width, int height) {
    return w();
  }

  @Override
  default int outputHeight(int width, int height) {
    return h();
  }
}
