package io.augreg.augment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one step of a pipeline did to one image: its transform name, whether it ran (the step's
 * probability {@code p} may skip it), and the parameters it used. Replaying a list of applied
 * steps reproduces the same bytes ({@link Pipeline#replay}).
 *
 * @param name the transform's spec name
 * @param applied whether the step was applied
 * @param params the parameters used, or {@code null} when not applied
 */
public record AppliedStep(String name, boolean applied, Params params) {

  /** Validates that an applied step carries parameters and a skipped one does not. */
  public AppliedStep {
    Objects.requireNonNull(name, "name");
    if (applied != (params != null)) {
      throw new IllegalArgumentException(
          name + ": params must be present exactly when the step is applied");
    }
  }

  /**
   * The JSON-friendly form stored in a manifest: {@code {"name": "rotate", "applied": true,
   * "params": {...}}} ({@code params} omitted when not applied).
   *
   * @return an insertion-ordered, unmodifiable map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("applied", applied);
    if (applied) {
      m.put("params", params.toMap());
    }
    return Collections.unmodifiableMap(m);
  }
}
