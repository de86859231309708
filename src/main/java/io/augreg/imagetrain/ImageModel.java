package io.augreg.imagetrain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import io.augreg.image.ClassLabels;
import io.augreg.image.InputFormat;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.train.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image classifier read back from a {@code train --out} folder: the network, its class
 * mapping and its input format.
 *
 * @param network the trained network
 * @param labels class names and positive class
 * @param format input size, channels, normalization
 */
public record ImageModel(Network network, ClassLabels labels, InputFormat format) {

  /**
   * Loads {@code dir/model.json} + {@code dir/model.mat}.
   *
   * @param dir the model folder
   * @return the model
   * @throws AugregException when files are missing, malformed or inconsistent
   */
  public static ImageModel load(Path dir) {
    ModelFiles.Loaded l = ModelFiles.load(dir);
    JsonNode root = l.description();
    Path json = dir.resolve("model.json");
    if (!root.path("classes").isArray() || !root.path("input").isObject()) {
      throw new AugregException(json + ": not an image model (no classes/input); was it written by augreg train?");
    }
    List<String> classes = new ArrayList<>();
    root.path("classes").forEach(n -> classes.add(n.asText()));
    String positive = root.path("positive_class").isTextual() ? root.path("positive_class").asText() : null;
    ClassLabels labels = positive == null ? new ClassLabels(classes, -1) : new ClassLabels(classes, classes.indexOf(positive));
    Map<String, Object> input =
        new ObjectMapper().convertValue(root.path("input"), new TypeReference<Map<String, Object>>() {});
    InputFormat format = InputFormat.fromMap(input);
    Network net = l.network();
    if (net.sizes()[0] != format.features()) {
      throw new AugregException(json + ": input " + format.width() + "x" + format.height() + "x"
          + format.channels() + " = " + format.features() + " features, but the network has "
          + net.sizes()[0] + " inputs");
    }
    int outputs = net.sizes()[net.layers()];
    boolean binary = net.output() == OutputKind.SIGMOID_BINARY;
    if (binary != labels.binary() || outputs != labels.outputs()) {
      throw new AugregException(json + ": " + outputs + " output(s) do not match classes " + classes);
    }
    return new ImageModel(net, labels, format);
  }
}
