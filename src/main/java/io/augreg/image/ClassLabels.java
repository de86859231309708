package io.augreg.image;

import io.augreg.core.AugregException;
import java.util.List;

/**
 * How the classes of an image folder map to network targets: with a positive class, a binary
 * problem (positive → 1, every other class → 0, one sigmoid output); otherwise one softmax output
 * per class (target = class index). Immutable.
 *
 * @param classes class names in sorted order (as {@link ImageFolder#classes()})
 * @param positive index of the positive class in {@code classes}, or -1 for softmax
 */
public record ClassLabels(List<String> classes, int positive) {

  /** Validates and copies. */
  public ClassLabels {
    classes = List.copyOf(classes);
    if (classes.size() < 2) {
      throw new AugregException(
          "training needs at least 2 classes (sub-folders with images), found " + classes.size()
              + " " + classes);
    }
    if (positive < -1 || positive >= classes.size()) {
      throw new IllegalArgumentException("positive class index " + positive);
    }
  }

  /**
   * Labels for {@code classes}: binary with {@code positiveName} when given; otherwise binary
   * with the second class positive when there are exactly two classes, else softmax.
   *
   * @param classes sorted class names
   * @param positiveName the {@code --positive-class} value or null
   * @param softmax force one softmax output per class even for two classes
   * @return the labels
   * @throws AugregException when {@code positiveName} is not a class
   */
  public static ClassLabels of(List<String> classes, String positiveName, boolean softmax) {
    if (positiveName != null) {
      int p = classes.indexOf(positiveName);
      if (p < 0) {
        throw new AugregException(
            "--positive-class '" + positiveName + "' is not a class; classes are " + classes);
      }
      return new ClassLabels(classes, p);
    }
    if (classes.size() == 2 && !softmax) {
      return new ClassLabels(classes, 1);
    }
    return new ClassLabels(classes, -1);
  }

  /** Whether the problem is binary (one sigmoid output). */
  public boolean binary() {
    return positive >= 0;
  }

  /** The number of output units: 1 for binary, else the number of classes. */
  public int outputs() {
    return binary() ? 1 : classes.size();
  }

  /** The network target of an image of class {@code classIndex}. */
  public double target(int classIndex) {
    if (binary()) {
      return classIndex == positive ? 1.0 : 0.0;
    }
    return classIndex;
  }

  /**
   * Names of the network's labels: binary {@code ["not POS", "POS"]} (or the other class's name
   * when there are exactly two classes), softmax the class names.
   */
  public List<String> labelNames() {
    if (!binary()) {
      return classes;
    }
    String pos = classes.get(positive);
    String neg = classes.size() == 2 ? classes.get(1 - positive) : "not " + pos;
    return List.of(neg, pos);
  }
}
