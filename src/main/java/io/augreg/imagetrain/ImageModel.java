package io.augreg.imagetrain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.core.AugregException;
import io.augreg.image.ClassLabels;
import io.augreg.image.ImageReader;
import io.augreg.image.InputFormat;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import io.augreg.nn.Network;
import io.augreg.nn.linalg.Gemm;
import io.augreg.nn.linalg.JavaGemm;
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
 * @param network the trained network
 * @param labels class names and positive class
 * @param format input size, channels, normalization
 */
public record ImageModel(Network network, ClassLabels labels, InputFormat format) {

  /**
   * Output probabilities: binary {@code (1 × m)} P(positive), softmax {@code (k × m)}.
   *
   * @param x examples as columns (features × m)
   * @param gemm the product kernel
   * @return probabilities
   */
  public DMatrixRMaj probabilities(DMatrixRMaj x, Gemm gemm) {
    return network.predictProbabilities(x, gemm);
  }

  /**
   * Labels from {@link #probabilities}: binary p &gt; 0.5, softmax arg max.
   *
   * @param p probabilities, one column per example
   * @return one label per column
   */
  public int[] labelsOf(DMatrixRMaj p) {
    return Predictions.labels(network.output(), p);
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
   * Loads {@code dir/model.json} + {@code dir/model.mat} ({@link ModelFiles#load(Path)}: this
   * version's files and those of format version 1).
   *
   * @param dir the model folder
   * @return the model
   * @throws AugregException when files are missing, malformed or inconsistent
   */
  public static ImageModel load(Path dir) {
    Path json = dir.resolve("model.json");
    ModelFiles.Loaded l = ModelFiles.load(dir);
    JsonNode root = l.description();
    if (!root.path("classes").isArray() || !root.path("input").isObject()) {
      throw new AugregException(json + ": not an image model (no classes/input); was it written by augreg train?");
    }
    List<String> classes = classes(root, json);
    ClassLabels labels = labels(root, classes);
    InputFormat format = format(root, json);
    Network net = l.network();
    Shape in = net.input();
    // a version 1 dense model records only its feature count (a flat input)
    boolean flat = in.height() == 1 && in.width() == 1;
    if (in.size() != format.features()
        || !flat && (in.width() != format.width() || in.height() != format.height())) {
      throw new AugregException(json + ": input " + format.width() + "x" + format.height() + "x"
          + format.channels() + " = " + format.features() + " features does not match the"
          + " network's " + in);
    }
    boolean binary = net.output() == OutputKind.SIGMOID_BINARY;
    if (binary != labels.binary() || net.outputs() != labels.outputs()) {
      throw new AugregException(json + ": " + net.outputs() + " output(s) do not match classes " + classes);
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
}
