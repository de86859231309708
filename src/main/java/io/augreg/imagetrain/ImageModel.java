package io.augreg.imagetrain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageReader;
import io.augreg.image.InputFormat;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.conv.ConvNet;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
import io.augreg.train.ConvModelFiles;
import io.augreg.train.ModelFiles;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image classifier read back from a {@code train --out} folder: the network, its class
 * mapping and its input format.
 *
 * @param network the trained dense network (null for a convolutional model)
 * @param labels class names and positive class
 * @param format input size, channels, normalization
 * @param conv the trained convolutional network ({@code train --arch}), or null
 */
public record ImageModel(Network network, ClassLabels labels, InputFormat format, ConvNet conv) {

  /** A dense model. */
  public ImageModel(Network network, ClassLabels labels, InputFormat format) {
    this(network, labels, format, null);
  }

  /**
   * Output probabilities of whichever network this model holds: binary {@code (1 × m)}
   * P(positive), softmax {@code (k × m)}.
   *
   * @param x examples as columns (features × m)
   * @param gemm the product kernel
   * @return probabilities
   */
  public DMatrixRMaj probabilities(DMatrixRMaj x, Gemm gemm) {
    return conv != null ? conv.predictProbabilities(x, gemm) : network.predictProbabilities(x, gemm);
  }

  /** Labels from {@link #probabilities}: binary p &gt; 0.5, softmax arg max. */
  public int[] labelsOf(DMatrixRMaj p) {
    return Predictions.labels(conv != null ? conv.output() : network.output(), p);
  }

  /**
   * One image's prediction.
   *
   * @param className the predicted class's name
   * @param label its index among the model's labels ({@link ClassLabels#labelNames()})
   * @param probabilities every label's probability, in label order (binary: negative, positive)
   */
  public record Prediction(String className, int label, Map<String, Double> probabilities) {
    /** Copies the map. */
    public Prediction {
      probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    }
  }

  /**
   * Classifies one image file: decoded, resized and normalized as the training images were.
   *
   * @param image the file
   * @param reader the decoder (its pixel limit applies)
   * @return the class and the probabilities
   * @throws io.augreg.image.BadImageException when the file is missing or not a readable image
   */
  public Prediction predict(Path image, ImageReader reader) {
    DMatrixRMaj x = new DMatrixRMaj(format.features(), 1);
    try (Mat img = reader.read(image)) {
      format.encode(img, x.data, 1, 0);
    }
    DMatrixRMaj p = probabilities(x, new JavaGemm());
    int label = labelsOf(p)[0];
    List<String> names = labels.labelNames();
    Map<String, Double> probs = new java.util.LinkedHashMap<>();
    if (labels.binary()) {
      probs.put(names.get(0), 1 - p.data[0]);
      probs.put(names.get(1), p.data[0]);
    } else {
      for (int i = 0; i < names.size(); i++) {
        probs.put(names.get(i), p.data[i]);
      }
    }
    return new Prediction(names.get(label), label, probs);
  }

  /**
   * {@link #predict(Path, ImageReader)} with the default decoder.
   *
   * @param image the file
   * @return the class and the probabilities
   */
  public Prediction predict(Path image) {
    return predict(image, new ImageReader());
  }

  /**
   * Loads {@code dir/model.json} + {@code dir/model.mat}.
   *
   * @param dir the model folder
   * @return the model
   * @throws AugregException when files are missing, malformed or inconsistent
   */
  public static ImageModel load(Path dir) {
    Path json = dir.resolve("model.json");
    JsonNode peek = peek(json);
    if (peek != null && ConvModelFiles.isConv(peek)) {
      return loadConv(dir, peek, json);
    }
    ModelFiles.Loaded l = ModelFiles.load(dir);
    JsonNode root = l.description();
    if (!root.path("classes").isArray() || !root.path("input").isObject()) {
      throw new AugregException(json + ": not an image model (no classes/input); was it written by augreg train?");
    }
    List<String> classes = classes(root, json);
    ClassLabels labels = labels(root, classes);
    InputFormat format = format(root, json);
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

  private static List<String> classes(JsonNode root, Path json) {
    List<String> classes = new ArrayList<>();
    root.path("classes").forEach(n -> classes.add(n.asText()));
    if (classes.size() < 2) {
      throw new AugregException(json + ": classes must list at least 2 class names, got " + classes);
    }
    return classes;
  }

  private static ClassLabels labels(JsonNode root, List<String> classes) {
    String positive = root.path("positive_class").isTextual() ? root.path("positive_class").asText() : null;
    return positive == null ? new ClassLabels(classes, -1) : new ClassLabels(classes, classes.indexOf(positive));
  }

  /** The input format of {@code model.json}; a damaged key is named with the file, not as --size. */
  private static InputFormat format(JsonNode root, Path json) {
    JsonNode node = root.path("input");
    for (String key : List.of("width", "height")) {
      JsonNode v = node.path(key);
      if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 65535) {
        throw new AugregException(json + ": input." + key + " must be an integer in [1, 65535], got "
            + (v.isMissingNode() ? "nothing" : v.toString()));
      }
    }
    JsonNode channels = node.path("channels");
    if (!channels.isIntegralNumber() || channels.asLong() != 1 && channels.asLong() != 3) {
      throw new AugregException(json + ": input.channels must be 1 or 3, got "
          + (channels.isMissingNode() ? "nothing" : channels.toString()));
    }
    Map<String, Object> input =
        new ObjectMapper().convertValue(node, new TypeReference<Map<String, Object>>() {});
    try {
      return InputFormat.fromMap(input);
    } catch (AugregException e) {
      throw new AugregException(json + ": input: " + e.getMessage(), e);
    }
  }

  /** The JSON document, or null when it is missing or unreadable (ModelFiles then reports it). */
  private static JsonNode peek(Path json) {
    try {
      return java.nio.file.Files.isRegularFile(json) ? new ObjectMapper().readTree(json.toFile()) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static ImageModel loadConv(Path dir, JsonNode root, Path json) {
    if (!"augreg-model".equals(root.path("format").asText())) {
      throw new AugregException(json + ": not an augreg model description");
    }
    if (!root.path("classes").isArray() || !root.path("input").isObject()) {
      throw new AugregException(json + ": not an image model (no classes/input); was it written by augreg train?");
    }
    List<String> classes = classes(root, json);
    ClassLabels labels = labels(root, classes);
    InputFormat format = format(root, json);
    ConvNet net = ConvModelFiles.load(dir, root, json);
    if (net.input().size() != format.features() || net.input().width() != format.width()
        || net.input().height() != format.height()) {
      throw new AugregException(json + ": input " + format.width() + "x" + format.height() + "x"
          + format.channels() + " does not match the network's " + net.input());
    }
    boolean binary = net.output() == OutputKind.SIGMOID_BINARY;
    if (binary != labels.binary() || net.outputs() != labels.outputs()) {
      throw new AugregException(json + ": " + net.outputs() + " output(s) do not match classes " + classes);
    }
    return new ImageModel(null, labels, format, net);
  }
}
