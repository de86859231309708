package io.augreg.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import io.augreg.data.MatFile;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.ArchSource;
import io.augreg.nn.conv.Architecture;
import io.augreg.nn.conv.ConvFootprint;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Saves and loads a {@link ConvNet} in the layout of {@link ModelFiles}: {@code NAME.mat} holds
 * the parameters as {@code P1, P2, ...} (kernel {@code (k·k·C) × F}, bias {@code F × 1}, dense
 * weights {@code in × units}; batch normalization: γ, β, running mean, running variance, one value
 * per channel each; the output layer last) and {@code NAME.json} the same fields as a
 * dense model, with {@code architecture = {"kind": "conv", "spec": "...", "input": [H, W, C],
 * "output": ..., "outputs": k, "parameters": values, "parameter_arrays": n, "weights_file": ...}}
 * ({@code parameters} counts values, as the console's "(N parameters)"; files written before
 * {@code parameter_arrays} existed hold the array count in {@code parameters}, and are read as
 * such). The {@code config} omits what only the dense trainer reads ({@link #MLP_ONLY}): dropout
 * of a convolutional network lives in its spec.
 */
public final class ConvModelFiles {
  /**
   * Configuration fields that only the dense trainer reads ({@code --keep-prob} and the lesson's
   * mask mode), left out of a convolutional model's {@code config}.
   */
  public static final List<String> MLP_ONLY = List.of("keepProb", "dropoutMasks", "recordedCost");

  private ConvModelFiles() {}

  /**
   * Whether a model description is a convolutional network's.
   *
   * @param root the JSON document
   * @return true if {@code architecture.kind} is {@code "conv"}
   */
  public static boolean isConv(JsonNode root) {
    return "conv".equals(root.path("architecture").path("kind").asText());
  }

  /**
   * Saves {@code net} as {@code dir/NAME.mat} + {@code dir/NAME.json}.
   *
   * @param dir output folder (created)
   * @param name base name
   * @param net the network
   * @param config how it was trained (may be null)
   * @param metrics named numbers (non-finite become null)
   * @param extra more top-level JSON fields
   * @return the two files
   */
  public static ModelFiles.Saved save(Path dir, String name, ConvNet net, TrainConfig config,
      Map<String, Double> metrics, Map<String, Object> extra) {
    Path mat = dir.resolve(name + ".mat");
    Path json = dir.resolve(name + ".json");
    Map<String, DMatrixRMaj> vars = new LinkedHashMap<>();
    List<double[]> ps = net.parameters();
    for (int i = 0; i < ps.size(); i++) {
      vars.put("P" + (i + 1), new DMatrixRMaj(ps.get(i).length, 1, true, ps.get(i)));
    }
    MatFile.write(mat, vars);
    ObjectNode root = ModelFiles.newRoot();
    ObjectNode arch = root.putObject("architecture");
    arch.put("kind", "conv");
    arch.put("spec", net.architecture().toSpec());
    arch.putArray("input").add(net.input().height()).add(net.input().width()).add(net.input().channels());
    arch.put("output", net.output().name());
    arch.put("outputs", net.outputs());
    arch.put("parameters", net.parameterCount());
    arch.put("parameter_arrays", ps.size());
    arch.put("weights_file", mat.getFileName().toString());
    arch.put("layout", "activations NHWC; P1, P2, ... = kernel (k*k*C x F) and bias of each conv/dense"
        + " layer, gamma, beta, running mean and running variance of each bn layer, in order,"
        + " flattened row-major into columns; output layer last");
    return ModelFiles.finish(root, mat, json, config, MLP_ONLY, metrics, extra);
  }

  /**
   * Loads the network described by {@code root} (read from {@code dir/NAME.json}).
   *
   * @param dir the folder
   * @param root the JSON document
   * @param json the JSON file (for messages)
   * @return the network
   * @throws AugregException if the spec, shapes or weights are missing or inconsistent, naming
   *     the file at fault ({@link ArchSource#savedModel})
   */
  public static ConvNet load(Path dir, JsonNode root, Path json) {
    JsonNode arch = root.path("architecture");
    Path mat = dir.resolve(arch.path("weights_file").asText("model.mat"));
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
    int count = ConvFootprint.of(a, shape, outputs, source).arrays();
    // older files kept the array count in "parameters"
    String countKey = arch.has("parameter_arrays") ? "parameter_arrays" : "parameters";
    if (arch.path(countKey).asLong(-1) != count) {
      throw new AugregException(source.weights(a.toSpec(), shape, "the architecture has " + count
          + " parameter arrays, " + json.getFileName() + " records " + countKey + " = "
          + arch.path(countKey)));
    }
    if (!Files.isRegularFile(mat)) {
      throw new AugregException(mat + ": weights file not found");
    }
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = "P" + (i + 1);
    }
    MatFile file = MatFile.read(mat, names);
    List<double[]> values = new ArrayList<>();
    for (String n : names) {
      values.add(file.matrix(n).data.clone());
    }
    return ConvNet.of(a, shape, output, outputs, values, source);
  }
}
