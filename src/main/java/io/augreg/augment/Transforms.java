package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry of transforms by spec name: {@code hflip, vflip, rotate, crop, resize, translate,
 * zoom, contrast, brightness, noise}. {@link #create} builds one from its {@code key=value}
 * options (strings, as in a spec), validating every key and value.
 */
public final class Transforms {
  private record Entry(Function<Options, Transform<?>> factory, Transform<?> prototype) {}

  private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

  static {
    register("hflip", HFlip::fromOptions);
    register("vflip", VFlip::fromOptions);
    register("rotate", Rotate::fromOptions);
    register("crop", Crop::fromOptions);
    register("resize", Resize::fromOptions, new Resize(1, 1, Interp.AREA));
    register("translate", Translate::fromOptions);
    register("zoom", Zoom::fromOptions);
    register("contrast", Contrast::fromOptions);
    register("brightness", Brightness::fromOptions);
    register("noise", Noise::fromOptions);
  }

  private Transforms() {}

  private static void register(String name, Function<Options, Transform<?>> factory) {
    register(name, factory, factory.apply(new Options(name, Map.of())));
  }

  private static void register(
      String name, Function<Options, Transform<?>> factory, Transform<?> prototype) {
    REGISTRY.put(name, new Entry(factory, prototype));
  }

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
    Entry e = REGISTRY.get(name);
    if (e == null) {
      throw new AugregException(
          "unknown transform '" + name + "' (valid: " + String.join(", ", REGISTRY.keySet()) + ")");
    }
    for (String stepKey : new String[] {"p", "weight"}) {
      if (options.containsKey(stepKey)) {
        throw new AugregException(
            name + ": '" + stepKey + "' is a pipeline step option, not a transform key (give it"
                + " in a spec, or to Pipeline.Builder.add(transform, p))");
      }
    }
    return e.factory.apply(new Options(name, options));
  }

  /**
   * A transform of the given name that can apply any parameter record of that name (records are
   * self-sufficient), used by replay.
   *
   * @param name a registered name
   * @return a shared instance
   * @throws AugregException for an unknown name
   */
  static Transform<?> prototype(String name) {
    Entry e = REGISTRY.get(name);
    if (e == null) {
      throw new AugregException(
          "unknown transform '" + name + "' (valid: " + String.join(", ", REGISTRY.keySet()) + ")");
    }
    return e.prototype;
  }
}
