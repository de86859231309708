package io.augreg.augment;

import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One augmentation step on 8-bit OpenCV images with 1, 3 or 4 channels. Sampling is split from
 * applying: {@link #sample} draws an immutable {@link Params} record from the generator it is
 * handed, {@link #apply} then applies it deterministically. Implementations are immutable and
 * safe to share between threads. The probability {@code p} of a step is handled once, by {@link
 * Pipeline}, never by a transform.
 *
 * @param <P> the parameter record type
 */
public interface Transform<P extends Params> {

  /**
   * The spec name, e.g. {@code "rotate"}.
   *
   * @return the name under which {@link Transforms} registers this transform
   */
  String name();

  /**
   * Draws the parameters for one image.
   *
   * @param rng the generator handed down by the pipeline (the only source of randomness)
   * @param width width of the image the parameters will be applied to
   * @param height height of that image
   * @param channels its channel count (1, 3 or 4)
   * @return an immutable parameter record
   */
  P sample(SplittableRandom rng, int width, int height, int channels);

  /**
   * Applies sampled parameters. Deterministic: the same {@code src} and {@code params} give the
   * same bytes. {@code src} is never modified; {@code dst} is (re)allocated as needed and keeps the
   * type and channel count of {@code src}.
   *
   * @param src the input image (CV_8UC1, CV_8UC3 or CV_8UC4)
   * @param dst the output image, not the same object as {@code src}
   * @param params parameters from {@link #sample} or {@link #paramsFromMap}
   */
  void apply(Mat src, Mat dst, P params);

  /**
   * Rebuilds a parameter record from {@link Params#toMap()} output (as read back from JSON:
   * numbers may come back as any {@link Number} type).
   *
   * @param map the stored map
   * @return the record
   * @throws io.augreg.core.AugregException naming the missing or malformed key
   */
  P paramsFromMap(Map<String, Object> map);

  /**
   * The spec text of this transform with all its options, e.g. {@code "rotate deg=-30..30
   * interp=linear border=reflect"}. {@link Transforms#create} of the parsed text gives an equal
   * transform.
   *
   * @return the spec text (without {@code p})
   */
  String toSpec();

  /**
   * The concrete parameter record class, used to apply records of unknown static type.
   *
   * @return the class of {@code P}
   */
  Class<P> paramsType();

  /**
   * Applies a record of unknown static type after checking that it belongs to this transform.
   *
   * @param src the input image
   * @param dst the output image
   * @param params a record of type {@link #paramsType()}
   * @throws IllegalArgumentException if {@code params} is of another type
   */
  default void applyParams(Mat src, Mat dst, Params params) {
    if (!paramsType().isInstance(params)) {
      throw new IllegalArgumentException(
          name() + ": parameters of type " + params.getClass().getSimpleName() + " do not belong here");
    }
    apply(src, dst, paramsType().cast(params));
  }
}
