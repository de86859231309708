package io.augreg.augment;

import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A transform declared as a record of its options: the spec name, {@link #toSpec()}, the parameter
 * type and the manifest map are derived from the record components ({@link Declared}); the record
 * only adds {@link #sample}, and its parameter record applies itself. A new transform is then its
 * option record with bounds checked in the compact constructor, a {@code sample} that draws into
 * its parameter record, and that record's {@code apply}, which calls a kernel.
 *
 * @param <P> the parameter record type
 */
public interface Step<P extends StepParams> extends Transform<P> {

  @Override
  default String name() {
    return Declared.of(getClass()).name();
  }

  @Override
  default String toSpec() {
    return Declared.of(getClass()).toSpec(this);
  }

  @Override
  default P paramsFromMap(Map<String, Object> map) {
    return paramsType().cast(Declared.of(paramsType()).fromMap(map));
  }

  @Override
  @SuppressWarnings("unchecked")
  default Class<P> paramsType() {
    return (Class<P>) Declared.of(getClass()).paramsType();
  }

  @Override
  default void apply(Mat src, Mat dst, P params) {
    params.apply(src, dst);
  }
}
