package io.augreg.offline;

import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases of {@code augreg bench augment}, with the semantics of the OpenCV-Python peer
 * ({@code aug_peers.py}): each is a pipeline spec.
 *
 * <ul>
 *   <li>{@code hflip}, {@code vflip};
 *   <li>{@code rotate}: uniform −30..30°, bilinear, reflect-101 border, same size;
 *   <li>{@code crop}: RandomResizedCrop, area scale 0.08..1, log-uniform ratio 0.75..1.333, back
 *       to the input size, bilinear;
 *   <li>{@code contrast}: factor 0.8..1.2 around the image mean, saturating;
 *   <li>{@code noise}: additive Gaussian, σ = 10, saturating;
 *   <li>{@code pipeline}: hflip, rotate, crop, contrast, noise in that order, each with p = 0.5.
 * </ul>
 */
public final class BenchCases {
  private BenchCases() {}

  /** Case name → pipeline spec, in reporting order. */
  public static final Map<String, String> SPECS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("hflip", "hflip");
    m.put("vflip", "vflip");
    m.put("rotate", "rotate deg=-30..30 interp=linear border=reflect");
    m.put("crop", "crop scale=0.08..1 ratio=0.75..1.333 interp=linear");
    m.put("contrast", "contrast factor=0.8..1.2");
    m.put("noise", "noise sigma=10");
    m.put("pipeline", "hflip p=0.5 | rotate deg=-30..30 interp=linear border=reflect p=0.5"
        + " | crop scale=0.08..1 ratio=0.75..1.333 interp=linear p=0.5"
        + " | contrast factor=0.8..1.2 p=0.5 | noise sigma=10 p=0.5");
    SPECS = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The pipeline of a case.
   *
   * @param name a key of {@link #SPECS}
   * @return its parsed pipeline
   * @throws AugregException for an unknown case, listing the valid ones
   */
  public static Pipeline pipeline(String name) {
    String spec = SPECS.get(name);
    if (spec == null) {
      throw new AugregException("--cases: unknown case '" + name + "' (valid: " + String.join(", ", SPECS.keySet()) + ")");
    }
    return Pipeline.parse(spec);
  }

  /** All case names, in reporting order. */
  public static List<String> names() {
    return List.copyOf(SPECS.keySet());
  }
}
