package io.augreg.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import io.augreg.data.MatFile;
import io.augreg.nn.Activation;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained network on disk as two files side by side:
 *
 * <ul>
 *   <li>{@code NAME.mat} — the weights as MATLAB v5 doubles {@code W1, b1, W2, b2, …} (W_l is n_l
 *       × n_{l−1}, b_l is n_l × 1, as in the lesson), readable by {@code scipy.io.loadmat} and
 *       Octave;
 *   <li>{@code NAME.json} — the architecture (layer sizes, hidden activation, output), the
 *       training configuration, the seed, the metrics, the augreg version and the creation time.
 * </ul>
 *
 * <p>Both are written to temporary names and renamed, the weights first, so a reader never sees
 * a JSON whose weights are missing.
 */
public final class ModelFiles {
  /** Value of the JSON's {@code format} field. */
  public static final String FORMAT = "augreg-model";

  /** Version of the JSON layout. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFiles() {}

  /**
   * What {@link #save} wrote.
   *
   * @param weights the {@code .mat} file
   * @param description the {@code .json} file
   */
  public record Saved(Path weights, Path description) {}

  /**
   * A model read back.
   *
   * @param network the network, weights as saved
   * @param config the training configuration recorded (null if absent)
   * @param seed the training seed recorded (null if absent)
   * @param metrics the metrics recorded, in file order
   * @param version the augreg version that wrote it
   * @param description the whole JSON document (architecture, config, ...)
   */
  public record Loaded(
      Network network,
      TrainConfig config,
      Long seed,
      Map<String, Double> metrics,
      String version,
      JsonNode description) {}

  /**
   * Saves as {@code dir/model.mat} and {@code dir/model.json}.
   *
   * @see #save(Path, String, Network, TrainConfig, Map)
   */
  public static Saved save(Path dir, Network network, TrainConfig config, Map<String, Double> metrics) {
    return save(dir, "model", network, config, metrics);
  }

  /**
   * Saves {@code network} as {@code dir/NAME.mat} plus {@code dir/NAME.json}.
   *
   * @param dir output folder (created if needed)
   * @param name base file name, e.g. {@code "model-l2"}
   * @param network the trained network
   * @param config how it was trained (may be null when unknown)
   * @param metrics named numbers such as train/test accuracy (non-finite values become null)
   * @return the two files
   * @throws AugregException if the files cannot be written
   */
  public static Saved save(
      Path dir, String name, Network network, TrainConfig config, Map<String, Double> metrics) {
    return save(dir, name, network, config, metrics, Map.of());
  }

  /**
   * Like {@link #save(Path, String, Network, TrainConfig, Map)} with extra top-level JSON fields
   * (for example an image model's class names, input size and normalization, pipeline).
   *
   * @param dir output folder (created if needed)
   * @param name base file name
   * @param network the trained network
   * @param config how it was trained (may be null)
   * @param metrics named numbers
   * @param extra more top-level fields, any JSON-serializable values (maps, lists, strings, numbers)
   * @return the two files
   */
  public static Saved save(
      Path dir,
      String name,
      Network network,
      TrainConfig config,
      Map<String, Double> metrics,
      Map<String, Object> extra) {
    Path mat = dir.resolve(name + ".mat");
    Path json = dir.resolve(name + ".json");
    Map<String, DMatrixRMaj> vars = new LinkedHashMap<>();
    for (int l = 1; l <= network.layers(); l++) {
      vars.put("W" + l, network.weight(l));
      vars.put("b" + l, network.bias(l));
    }
    MatFile.write(mat, vars);

    ObjectNode root = newRoot();
    ObjectNode arch = root.putObject("architecture");
    ArrayNode sizes = arch.putArray("sizes");
    for (int s : network.sizes()) {
      sizes.add(s);
    }
    arch.put("hidden_activation", network.hidden().name());
    arch.put("output", network.output().name());
    arch.put("weights_file", mat.getFileName().toString());
    arch.put("layout", "W_l is n_l x n_(l-1), b_l is n_l x 1; examples are columns");
    return finish(root, mat, json, config, List.of(), metrics, extra);
  }

  /**
   * A model description's first fields, the same for every network: {@code format}, {@code
   * format_version}, {@code augreg_version}, {@code created}.
   *
   * @return the new JSON root, to which the caller adds its {@code architecture}
   */
  static ObjectNode newRoot() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("augreg_version", version());
    root.put("created", Instant.now().toString());
    return root;
  }

  /**
   * Adds a model description's last fields ({@code config} without {@code omit}, {@code seed},
   * {@code metrics} with non-finite values as null, then {@code extra}) and writes it atomically.
   *
   * @param root the description so far ({@link #newRoot} and the architecture)
   * @param mat the weights file already written
   * @param json the description's file
   * @param config how the network was trained; may be null
   * @param omit configuration fields the network's trainer does not read
   * @param metrics named numbers; may be null
   * @param extra more top-level fields
   * @return the two files
   */
  static Saved finish(ObjectNode root, Path mat, Path json, TrainConfig config, List<String> omit,
      Map<String, Double> metrics, Map<String, Object> extra) {
    if (config != null) {
      ObjectNode c = JSON.valueToTree(config);
      c.remove(omit);
      root.set("config", c);
      root.put("seed", config.seed());
    }
    ObjectNode m = root.putObject("metrics");
    if (metrics != null) {
      metrics.forEach(
          (k, v) -> {
            if (v != null && Double.isFinite(v)) {
              m.put(k, v);
            } else {
              m.putNull(k);
            }
          });
    }
    extra.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    try {
      AtomicFiles.writeString(json, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new AugregException(json + ": cannot write model description (" + e.getMessage() + ")", e);
    }
    return new Saved(mat, json);
  }

  /**
   * Loads {@code dir/model.json} and its weights.
   *
   * @see #load(Path, String)
   */
  public static Loaded load(Path dir) {
    return load(dir, "model");
  }

  /**
   * Loads {@code dir/NAME.json} and the weights file it names.
   *
   * @param dir the folder
   * @param name base file name
   * @return the model
   * @throws AugregException if a file is missing or malformed, or the weights do not match the
   *     architecture
   */
  public static Loaded load(Path dir, String name) {
    Path json = dir.resolve(name + ".json");
    if (!Files.isRegularFile(json)) {
      throw new AugregException(json + ": model description not found");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json.toFile());
    } catch (JsonProcessingException e) {
      // one line: Jackson's message without its "at [Source: ...]" line, then where it stopped
      JsonLocation at = e.getLocation();
      throw new AugregException(json + ": not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
          + (at == null ? "" : "; line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", e);
    } catch (IOException e) {
      throw new AugregException(json + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new AugregException(json + ": not an augreg model description (format is not " + FORMAT + ")");
    }
    if (root.path("format_version").asInt(-1) > FORMAT_VERSION) {
      throw new AugregException(
          json + ": written by a newer augreg (format_version " + root.path("format_version")
              + ", this one reads up to " + FORMAT_VERSION + ")");
    }
    JsonNode arch = root.path("architecture");
    JsonNode sizesNode = arch.path("sizes");
    if (!sizesNode.isArray() || sizesNode.size() < 2) {
      throw new AugregException(json + ": architecture.sizes must list at least two layer sizes");
    }
    int[] sizes = new int[sizesNode.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = sizesNode.get(i).asInt(-1);
      if (sizes[i] <= 0) {
        throw new AugregException(json + ": architecture.sizes[" + i + "] must be a positive integer");
      }
    }
    Activation hidden = enumValue(json, Activation.class, arch.path("hidden_activation").asText());
    OutputKind output = enumValue(json, OutputKind.class, arch.path("output").asText());
    Path mat = dir.resolve(arch.path("weights_file").asText(name + ".mat"));
    List<String> expected = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      expected.add("W" + l);
      expected.add("b" + l);
    }
    MatFile file = MatFile.read(mat, expected.toArray(String[]::new));
    List<DMatrixRMaj> weights = new ArrayList<>();
    List<DMatrixRMaj> biases = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      weights.add(file.matrix("W" + l, sizes[l], sizes[l - 1]));
      biases.add(file.matrix("b" + l, sizes[l], 1));
    }
    Network network = Network.of(sizes, hidden, output, weights, biases);
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("metrics").properties()) {
      metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
    }
    Long seed = root.path("seed").isIntegralNumber() ? root.path("seed").asLong() : null;
    TrainConfig config = null;
    JsonNode configNode = root.path("config");
    if (configNode.isObject()) {
      try {
        config = JSON.treeToValue(configNode, TrainConfig.class);
      } catch (IOException | IllegalArgumentException e) {
        throw new AugregException(json + ": config is not a valid training configuration (" + e.getMessage() + ")", e);
      }
    }
    return new Loaded(network, config, seed, metrics, root.path("augreg_version").asText("unknown"), root);
  }

  /** The augreg version from the jar manifest, or {@code "dev"} when running from classes. */
  static String version() {
    String v = ModelFiles.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static <E extends Enum<E>> E enumValue(Path json, Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new AugregException(
          json + ": unknown " + type.getSimpleName() + " '" + text + "' (expected one of "
              + java.util.Arrays.toString(type.getEnumConstants()) + ")", e);
    }
  }

}
