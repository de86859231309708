package io.augreg.augment;

import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A parameter record that applies itself; its manifest map is derived from its components
 * ({@link Declared}, keys and defaults from {@link Opt}).
 */
public interface StepParams extends Params {

  /**
   * Applies these parameters. Deterministic; {@code src} is never modified, {@code dst} is
   * (re)allocated as needed and keeps the type of {@code src}.
   *
   * @param src the input image (CV_8UC1, CV_8UC3 or CV_8UC4)
   * @param dst the output image, not {@code src}
   */
  void apply(Mat src, Mat dst);

  @Override
  default Map<String, Object> toMap() {
    return Declared.of(getClass()).toMap(this);
  }
}
