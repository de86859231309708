package io.augreg.augment;

import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The record of a policy step: the operations it chose, as the parameter records of other steps,
 * applied in order; stored as {@code {"ops": [{"name": ..., "params": {...}}, ...]}}.
 */
interface ChainParams extends StepParams {
  /** The records applied in order. */
  List<StepParams> ops();

  @Override
  default void apply(Mat src, Mat dst) {
    Policies.chain(src, dst, ops());
  }

  @Override
  default Map<String, Object> toMap() {
    return Map.of("ops", Policies.toList(ops()));
  }
}
