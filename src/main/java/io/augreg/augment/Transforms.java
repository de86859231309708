package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The registry of transforms by spec name, a list of {@link Step} record classes in documentation
 * order (the spec name is the class name in lower case). {@link #create} builds one from its {@code
 * key=value} options (strings, as in a spec), validating every key and value.
 */
public final class Transforms {
  /** The registered transforms, in documentation order. */
  static final List<Class<? extends Step<?>>> CLASSES =
      List.of(
          HFlip.class, VFlip.class, Rotate.class, Crop.class, Resize.class, Translate.class,
          Zoom.class, Contrast.class, Brightness.class, Noise.class,
          Saturation.class, Hue.class, ColorJitter.class, Grayscale.class, ChannelShuffle.class,
          Gamma.class, Invert.class, Posterize.class, Solarize.class, Sharpness.class,
          AutoContrast.class, Equalize.class, Blur.class, Jpeg.class, Affine.class,
          Perspective.class, Elastic.class, Pad.class, CenterCrop.class, RandomCrop.class,
          ZoomOut.class, Erase.class, CoarseDropout.class, RandAugment.class,
          TrivialAugment.class, AutoAugment.class, AugMix.class);

  private static final Map<String, Declared> REGISTRY = new LinkedHashMap<>();

  static {
    for (Class<?> c : CLASSES) {
      Declared d = Declared.of(c);
      REGISTRY.put(d.name(), d);
    }
  }

  private Transforms() {}

  /**
   * The registered spec names, in documentation order.
   *
   * @return an unmodifiable ordered set
   */
  public static Set<String> names() {
    return Collections.unmodifiableSet(REGISTRY.keySet());
  }

  /**
   * Builds a transform from its spec options.
   *
   * @param name a registered name, e.g. {@code "rotate"}
   * @param options {@code key -> value} as written in a spec, e.g. {@code deg -> "-30..30"}
   *     (without the step keys {@code p} and {@code weight}, which {@link Pipeline} handles)
   * @return the transform
   * @throws AugregException naming an unknown transform (listing the valid names), an unknown key
   *     (listing the valid keys) or a bad value (saying what was expected)
   */
  public static Transform<?> create(String name, Map<String, String> options) {
    Declared d = declared(name);
    for (String stepKey : new String[] {"p", "weight"}) {
      if (options.containsKey(stepKey)) {
        throw new AugregException(
            name + ": '" + stepKey + "' is a pipeline step option, not a transform key (give it"
                + " in a spec, or to Pipeline.Builder.add(transform, p))");
      }
    }
    return (Transform<?>) d.parse(options);
  }

  private static Declared declared(String name) {
    Declared d = REGISTRY.get(name);
    if (d == null) {
      throw new AugregException(
          "unknown transform '" + name + "' (valid: " + String.join(", ", REGISTRY.keySet()) + ")");
    }
    return d;
  }

  /**
   * A transform of the given name that can apply any parameter record of that name (records are
   * self-sufficient), used by replay.
   *
   * @param name a registered name
   * @return a replaying transform
   * @throws AugregException for an unknown name
   */
  static Transform<?> prototype(String name) {
    return new Replay(name, declared(name));
  }

  /** Applies recorded parameters of one transform; it has no options to sample from. */
  private record Replay(String name, Declared declared) implements Transform<StepParams> {
    @Override
    public StepParams sample(SplittableRandom rng, int width, int height, int channels) {
      throw new IllegalStateException(name + ": a replay transform only applies recorded parameters");
    }

    @Override
    public void apply(Mat src, Mat dst, StepParams params) {
      params.apply(src, dst);
    }

    @Override
    public StepParams paramsFromMap(Map<String, Object> map) {
      return (StepParams) Declared.of(declared.paramsType()).fromMap(map);
    }

    @Override
    public String toSpec() {
      return name;
    }

    @Override
    public Class<StepParams> paramsType() {
      return StepParams.class;
    }
  }
}
