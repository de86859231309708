package io.augreg.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.augment.AppliedStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of {@code OUTPUT/manifest.jsonl} (JSON Lines, one object per output, in input order).
 *
 * <p>Fields, always in this order: {@code source} (path relative to INPUT), {@code output} (path
 * relative to OUTPUT), {@code seed}, {@code key} (the sample key, see {@link OutputPlan}), {@code
 * copy} (copy index, null for a kept original), {@code pipeline} (the pipeline spec, null for an
 * original), {@code steps} (every step's {@code AppliedStep.toMap()}: name, applied, params — what
 * a replay feeds back), {@code size} (the {@code --size} option or null), {@code width}, {@code
 * height} (of the written file) and {@code quality}.
 */
public final class ManifestLine {
  static final ObjectMapper JSON = new ObjectMapper();

  private ManifestLine() {}

  /**
   * Serializes one output's record.
   *
   * @param out the planned output
   * @param config the run's settings
   * @param steps the applied steps (empty for an original)
   * @param width written width
   * @param height written height
   * @return one JSON object on one line, without the newline
   */
  static String of(
      PlannedOutput out, AugmentConfig config, List<AppliedStep> steps, int width, int height) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", out.source().relative());
    m.put("output", out.relative());
    m.put("seed", config.seed());
    m.put("key", out.key());
    m.put("copy", out.isOriginal() ? null : out.copy());
    m.put("pipeline", out.isOriginal() ? null : config.pipeline().toSpec());
    List<Map<String, Object>> s = new ArrayList<>(steps.size());
    for (AppliedStep step : steps) {
      s.add(step.toMap());
    }
    m.put("steps", s);
    m.put("size", config.size() == null ? null : config.size().toString());
    m.put("width", width);
    m.put("height", height);
    m.put("quality", config.quality());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest line not serializable: " + m, e);
    }
  }

  /**
   * Parses a line.
   *
   * @param line one manifest line
   * @return its JSON tree
   * @throws io.augreg.core.AugregException when the line is not JSON
   */
  public static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new io.augreg.core.AugregException(
          "manifest line is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Whether a line of an earlier run describes {@code out} made with the same settings, so that
   * {@code --resume} may keep the existing file.
   */
  static boolean sameSettings(JsonNode old, PlannedOutput out, AugmentConfig config) {
    return old.path("source").asText().equals(out.source().relative())
        && old.path("seed").asLong() == config.seed()
        && old.path("key").asLong() == out.key()
        && (out.isOriginal() ? old.path("copy").isNull() : old.path("copy").asInt(-2) == out.copy())
        && (out.isOriginal()
            ? old.path("pipeline").isNull()
            : old.path("pipeline").asText().equals(config.pipeline().toSpec()))
        && Objects.equals(
            old.path("size").isNull() ? null : old.path("size").asText(),
            config.size() == null ? null : config.size().toString())
        && old.path("quality").asInt() == config.quality();
  }
}
