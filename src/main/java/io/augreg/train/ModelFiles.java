package io.augreg.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AtomicFiles;
import io.augreg.core.AugregException;
import io.augreg.core.JsonText;
import io.augreg.data.MatFile;
import io.augreg.nn.Activation;
import io.augreg.nn.BatchNorm;
import io.augreg.nn.Layer;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.ArchSource;
import io.augreg.nn.Architecture;
import io.augreg.nn.Footprint;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.JavaGemm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A trained network ({@link Network}: any layer stack, the {@code --layers} MLP and the football
 * network included) on disk as two files side by side:
 *
 * <ul>
 *   <li>{@code NAME.mat} — the parameters as MATLAB v5 doubles, named by layer: the l-th layer
 *       with parameters (conv, dense or bn, the output layer last) holds {@code Wl} and {@code
 *       bl} (a dense layer's {@code Wl} is units × inputs and {@code bl} units × 1, as in the
 *       lesson, so an MLP's file holds exactly the lesson's {@code W1, b1, W2, b2, …}; a
 *       convolution's {@code Wl} is filters × (k·k·C), one row per filter in (row, column,
 *       channel) order), or {@code gammal, betal, running_meanl, running_varl} (C × 1 each) for
 *       batch normalization; readable by {@code scipy.io.loadmat} and Octave;
 *   <li>{@code NAME.json} — {@code format}, {@code format_version} ({@value #FORMAT_VERSION}),
 *       the augreg version, the creation time, the {@code architecture} ({@code kind: "stack"},
 *       the canonical {@code --arch} spec, input shape, output kind and units, parameter count),
 *       the training configuration, the seed, the metrics and the caller's extra fields.
 * </ul>
 *
 * <p>Files of format version 1 still load: a dense network's ({@code architecture.sizes}, the
 * {@code --layers} MLP and football before this format) as the equivalent dense stack, and a
 * convolutional network's ({@code architecture.kind = "conv"}, arrays {@code P1, P2, …}).
 *
 * <p>Both files are written to temporary names and renamed, the weights first, so a reader never
 * sees a JSON whose weights are missing.
 */
public final class ModelFiles {
  /** Value of the JSON's {@code format} field. */
  public static final String FORMAT = "augreg-model";

  /** Version of the JSON layout: 2 = one layer stack with the lesson's names. */
  public static final int FORMAT_VERSION = 2;

  /** {@code architecture.kind} of the format this version writes. */
  static final String KIND = "stack";

  /** Reads descriptions (writing streams with {@link JsonText}, without its first-use cost). */
  private static final class Reader {
    static final ObjectMapper JSON = new ObjectMapper();
  }

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
   * @param dir output folder (created if needed)
   * @param network the trained network
   * @param config how it was trained (may be null when unknown)
   * @param metrics named numbers such as train/test accuracy (non-finite values become null)
   * @return the two files
   */
  public static Saved save(Path dir, Network network, TrainConfig config, Map<String, Double> metrics) {
    return save(dir, "model", network, config, metrics, Map.of());
  }

  /**
   * Saves {@code network} as {@code dir/NAME.mat} plus {@code dir/NAME.json}.
   *
   * @param dir output folder (created if needed)
   * @param name base file name, e.g. {@code "model-l2"}
   * @param network the trained network
   * @param config how it was trained (may be null)
   * @param metrics named numbers (non-finite values become null)
   * @param extra more top-level fields, any JSON-serializable values (maps, lists, strings, numbers)
   * @return the two files
   * @throws AugregException if the files cannot be written
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
    List<Slot> slots = slots(network);
    List<double[]> values = network.parameters();
    Map<String, DMatrixRMaj> vars = new LinkedHashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      vars.put(slots.get(i).name(), slots.get(i).toFile(values.get(i)));
    }
    MatFile.write(mat, vars);

    JsonText.Body arch = g -> {
      g.writeStartObject();
      g.writeStringField("kind", KIND);
      g.writeStringField("spec", network.architecture().toSpec());
      Shape in = network.input();
      g.writeFieldName("input");
      g.writeArray(new int[] {in.height(), in.width(), in.channels()}, 0, 3);
      g.writeStringField("output", network.output().name());
      g.writeNumberField("outputs", network.outputs());
      g.writeNumberField("parameters", network.parameterCount());
      g.writeNumberField("parameter_arrays", slots.size());
      g.writeStringField("weights_file", mat.getFileName().toString());
      g.writeStringField("layout", "the l-th layer with parameters (output layer last): Wl (outputs x inputs;"
          + " conv: filters x k*k*C in row, column, channel order) and bl (outputs x 1), or bn's"
          + " gammal, betal, running_meanl, running_varl (channels x 1); activations NHWC");
      g.writeEndObject();
    };
    String text = description(arch, config, metrics, extra);
    try {
      AtomicFiles.writeString(json, text + "\n");
    } catch (IOException e) {
      throw new AugregException(json + ": cannot write model description (" + e.getMessage() + ")", e);
    }
    return new Saved(mat, json);
  }

  /**
   * One parameter array in the file: its name and its shape there.
   *
   * @param name e.g. {@code W1}
   * @param rows rows in the file
   * @param cols columns in the file
   * @param transposed whether the file holds the transpose of the layer's row-major {@code cols
   *     × rows} array (weights: the layer keeps inputs × outputs, the file outputs × inputs)
   */
  private record Slot(String name, int rows, int cols, boolean transposed) {
    DMatrixRMaj toFile(double[] v) {
      return transposed ? CommonOps_DDRM.transpose(DMatrixRMaj.wrap(cols, rows, v), null)
          : new DMatrixRMaj(rows, cols, true, v);
    }

    double[] fromFile(DMatrixRMaj m) {
      return transposed ? CommonOps_DDRM.transpose(m, null).data : m.data;
    }
  }

  /** The file's arrays of {@code net}, in the order of {@link Network#parameters()}. */
  private static List<Slot> slots(Network net) {
    List<Slot> slots = new ArrayList<>();
    int l = 0;
    for (Layer layer : net.stack(net.parameters(), new JavaGemm()).layers()) {
      int c = layer.out().channels();
      if (layer instanceof BatchNorm) {
        l++;
        for (String n : List.of("gamma", "beta", "running_mean", "running_var")) {
          slots.add(new Slot(n + l, c, 1, false));
        }
      } else if (!layer.params().isEmpty()) {
        l++;
        // W (fan_out × fan_in) in the file, fan_in × fan_out in the layer
        slots.add(new Slot("W" + l, c, layer.params().get(0).value().length / c, true));
        slots.add(new Slot("b" + l, c, 1, false));
      }
    }
    return slots;
  }

  /**
   * A model description's text: {@code format}, {@code format_version}, {@code augreg_version},
   * {@code created}, {@code architecture}, {@code config} and {@code seed} (when {@code config} is
   * not null), {@code metrics} (non-finite values as null), then {@code extra}, whose keys replace
   * an earlier field's value in its place, as {@code ObjectNode.set} did.
   *
   * @param arch writes the architecture object
   * @param config how the network was trained; may be null
   * @param metrics named numbers; may be null
   * @param extra more top-level fields
   * @return the JSON, indented, without the final newline
   */
  static String description(JsonText.Body arch, TrainConfig config, Map<String, Double> metrics,
      Map<String, Object> extra) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("augreg_version", version());
    root.put("created", Instant.now().toString());
    root.put("architecture", arch);
    if (config != null) {
      root.put("config", config);
      root.put("seed", config.seed());
    }
    root.put("metrics", (JsonText.Body) g -> {
      g.writeStartObject();
      if (metrics != null) {
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
          Double v = e.getValue();
          JsonText.finiteField(g, e.getKey(), v == null ? Double.NaN : v);
        }
      }
      g.writeEndObject();
    });
    root.putAll(extra);
    return JsonText.pretty(g -> {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : root.entrySet()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() instanceof JsonText.Body b) {
          b.write(g);
        } else {
          JsonText.value(g, e.getValue());
        }
      }
      g.writeEndObject();
    });
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
      root = Reader.JSON.readTree(json.toFile());
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
    Network network = network(dir, name, root, json);
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("metrics").properties()) {
      metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
    }
    Long seed = root.path("seed").isIntegralNumber() ? root.path("seed").asLong() : null;
    TrainConfig config = null;
    JsonNode configNode = root.path("config");
    if (configNode.isObject()) {
      try {
        // a key an older version did not write (or left out) takes today's default
        ObjectNode full = Reader.JSON.valueToTree(TrainConfig.builder().build());
        full.setAll((ObjectNode) configNode);
        config = Reader.JSON.treeToValue(full, TrainConfig.class);
      } catch (IOException | IllegalArgumentException e) {
        throw new AugregException(json + ": config is not a valid training configuration (" + e.getMessage() + ")", e);
      }
    }
    return new Loaded(network, config, seed, metrics, root.path("augreg_version").asText("unknown"), root);
  }

  /** The network of a description: this version's stack, or either network of version 1. */
  private static Network network(Path dir, String name, JsonNode root, Path json) {
    JsonNode arch = root.path("architecture");
    Path mat = dir.resolve(arch.path("weights_file").asText(name + ".mat"));
    String kind = arch.path("kind").asText("");
    if (!kind.equals(KIND) && !kind.equals("conv")) {
      return loadDense(json, arch, mat);
    }
    ArchSource source = ArchSource.savedModel(json.toString(), mat.toString());
    Architecture a = Architecture.parse(arch.path("spec").asText(""), source);
    JsonNode in = arch.path("input");
    if (!in.isArray() || in.size() != 3) {
      throw new AugregException(json + ": architecture.input must be [height, width, channels]");
    }
    Shape shape;
    try {
      shape = new Shape(in.get(0).asInt(-1), in.get(1).asInt(-1), in.get(2).asInt(-1));
    } catch (IllegalArgumentException e) {
      throw new AugregException(json + ": " + e.getMessage(), e);
    }
    OutputKind output;
    try {
      output = OutputKind.valueOf(arch.path("output").asText());
    } catch (IllegalArgumentException e) {
      throw new AugregException(json + ": architecture.output must be one of SIGMOID_BINARY, SOFTMAX", e);
    }
    int outputs = arch.path("outputs").asInt(-1);
    if (!output.fits(outputs)) {
      throw new AugregException(json + ": architecture.outputs must be " + (output
          == OutputKind.SIGMOID_BINARY ? "1" : ">= 2") + " for a " + output + " output, got "
          + arch.path("outputs"));
    }
    // the shapes (before reading any value), and the number of arrays they need
    int count = Footprint.of(a, shape, outputs, source).arrays();
    // version 1 files written before parameter_arrays existed kept the array count in parameters
    String countKey = arch.has("parameter_arrays") ? "parameter_arrays" : "parameters";
    if (arch.path(countKey).asLong(-1) != count) {
      throw new AugregException(source.weights(a.toSpec(), shape, "the architecture has " + count
          + " parameter arrays, " + json.getFileName() + " records " + countKey + " = "
          + arch.path(countKey)));
    }
    if (!Files.isRegularFile(mat)) {
      throw new AugregException(mat + ": weights file not found");
    }
    List<double[]> values = new ArrayList<>();
    if (kind.equals(KIND)) {
      List<Slot> slots = slots(Network.initialize(a, shape, output, outputs, 0));
      MatFile file = MatFile.read(mat, slots.stream().map(Slot::name).toArray(String[]::new));
      for (Slot slot : slots) {
        values.add(slot.fromFile(file.matrix(slot.name(), slot.rows(), slot.cols())));
      }
    } else {
      // version 1 convolutional network: P1, P2, … as the layers hold them, flattened
      String[] names = new String[count];
      for (int i = 0; i < count; i++) {
        names[i] = "P" + (i + 1);
      }
      MatFile file = MatFile.read(mat, names);
      for (String n : names) {
        values.add(file.matrix(n).data);
      }
    }
    return Network.of(a, shape, output, outputs, values, source);
  }

  /** A version 1 dense network ({@code architecture.sizes}, W_l n_l × n_(l−1)) as a dense stack. */
  private static Network loadDense(Path json, JsonNode arch, Path mat) {
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
    Architecture a = dense(sizes, hidden, json);
    List<String> expected = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      expected.add("W" + l);
      expected.add("b" + l);
    }
    MatFile file = MatFile.read(mat, expected.toArray(String[]::new));
    List<double[]> values = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      // the file's W_l is n_l × n_(l−1); the dense layer keeps n_(l−1) × n_l
      values.add(CommonOps_DDRM.transpose(file.matrix("W" + l, sizes[l], sizes[l - 1]), null).data);
      values.add(file.matrix("b" + l, sizes[l], 1).data);
    }
    try {
      return Network.of(a, Shape.flat(sizes[0]), output, sizes[sizes.length - 1], values);
    } catch (AugregException e) {
      throw new AugregException(json + ": " + e.getMessage(), e);
    }
  }

  /**
   * The dense steps of layer sizes {@code n_0, …, n_L}: {@code dense units=n_l act=relu} for each
   * hidden layer ({@code flatten} alone without one, as a stack needs a step).
   */
  private static Architecture dense(int[] sizes, Activation hidden, Path json) {
    if (sizes.length > 2 && hidden != Activation.RELU) {
      throw new AugregException(json + ": hidden activation " + hidden + " is not supported (the"
          + " layer stack has ReLU hidden layers)");
    }
    List<Architecture.Step> steps = new ArrayList<>();
    for (int l = 1; l < sizes.length - 1; l++) {
      steps.add(new Architecture.DenseStep(sizes[l], true));
    }
    if (steps.isEmpty()) {
      steps.add(new Architecture.FlattenStep());
    }
    return new Architecture(steps);
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
