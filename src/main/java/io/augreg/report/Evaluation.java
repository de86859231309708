package io.augreg.report;

import io.augreg.image.BadImageException;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.image.ImageReader;
import io.augreg.image.MatImages;
import io.augreg.imagetrain.ConfusionMatrix;
import io.augreg.imagetrain.ImageModel;
import io.augreg.nn.linalg.AdaptiveGemm;
import io.augreg.nn.linalg.Gemms;
import io.augreg.nn.linalg.JavaGemm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;

/**
 * A model's results on one labelled image set, as a page shows them: accuracy, confusion matrix,
 * per-class precision/recall/F1 and the most confidently wrong images.
 *
 * @param set the set's name, e.g. {@code "dev"}
 * @param labels the model's label names (binary: negative, positive)
 * @param matrix the confusion matrix (rows = true label)
 * @param wrong the misclassified images, most confident first, at most {@link #MAX_WRONG}
 * @param failures images that could not be read
 */
public record Evaluation(
    String set, List<String> labels, ConfusionMatrix matrix, List<Wrong> wrong,
    List<BadImageException> failures) {

  /** At most this many wrong images are shown. */
  public static final int MAX_WRONG = 16;

  /** Copies the lists. */
  public Evaluation {
    labels = List.copyOf(labels);
    wrong = List.copyOf(wrong);
    failures = List.copyOf(failures);
  }

  /**
   * One misclassified image.
   *
   * @param file the image
   * @param truth its true label
   * @param predicted the predicted label
   * @param probability the predicted label's probability
   */
  public record Wrong(Path file, int truth, int predicted, double probability) {}

  /**
   * Reads {@code samples} as the model was trained to see them and classifies them.
   *
   * @param set the set's name
   * @param model the model
   * @param samples labelled images (class indices of the model's classes)
   * @param threads decoding threads
   * @return the evaluation
   */
  public static Evaluation measure(String set, ImageModel model, List<ImageFolder.Sample> samples, int threads) {
    ImageData.Loaded loaded = ImageData.load(samples, model.format(), model.labels(), new ImageReader(), threads);
    DMatrixRMaj p;
    try (AdaptiveGemm gemm = Gemms.adaptive(new JavaGemm())) {
      p = model.probabilities(loaded.data().x(), gemm);
    }
    return of(set, model, loaded, p);
  }

  /**
   * An evaluation from probabilities already computed (as {@code augreg evaluate} does).
   *
   * @param set the set's name
   * @param model the model
   * @param loaded the images read ({@link ImageData#load})
   * @param probabilities the model's output for {@code loaded}: binary {@code 1 × m} P(positive),
   *     softmax {@code k × m}
   * @return the evaluation
   */
  public static Evaluation of(String set, ImageModel model, ImageData.Loaded loaded, DMatrixRMaj probabilities) {
    int[] predicted = model.labelsOf(probabilities);
    double[] y = loaded.data().y().data;
    int m = predicted.length;
    int[] truth = new int[m];
    List<Wrong> wrong = new ArrayList<>();
    boolean binary = model.labels().binary();
    for (int j = 0; j < m; j++) {
      truth[j] = (int) y[j];
      if (truth[j] != predicted[j]) {
        double p = binary
            ? (predicted[j] == 1 ? probabilities.data[j] : 1 - probabilities.data[j])
            : probabilities.data[predicted[j] * m + j];
        wrong.add(new Wrong(loaded.kept().get(j).file().path(), truth[j], predicted[j], p));
      }
    }
    wrong.sort(Comparator.comparingDouble(Wrong::probability).reversed());
    List<String> names = model.labels().labelNames();
    return new Evaluation(set, names, ConfusionMatrix.of(names.size(), truth, predicted),
        wrong.subList(0, Math.min(MAX_WRONG, wrong.size())), loaded.failures());
  }

  /**
   * The page blocks: accuracy, confusion matrix, per-class scores, wrong images.
   *
   * @param root a folder the wrong images' names are shown relative to, or null for file names
   * @return the blocks
   */
  public List<Block> blocks(Path root) {
    List<Block> out = new ArrayList<>();
    out.add(new Block.Facts(List.of(
        new Block.Fact("accuracy", Format.number(matrix.accuracy()), set + "_accuracy"),
        new Block.Fact("correct", matrix.correct() + " of " + matrix.total() + " images"),
        new Block.Fact("unreadable images", Integer.toString(failures.size())))));
    List<String> header = new ArrayList<>();
    header.add("true \\ predicted");
    header.addAll(labels);
    List<List<Block.Cell>> rows = new ArrayList<>();
    int k = labels.size();
    for (int t = 0; t < k; t++) {
      long rowTotal = 0;
      for (int p = 0; p < k; p++) {
        rowTotal += matrix.count(t, p);
      }
      List<Block.Cell> row = new ArrayList<>();
      row.add(Block.Cell.of(labels.get(t)));
      for (int p = 0; p < k; p++) {
        long c = matrix.count(t, p);
        row.add(new Block.Cell(Long.toString(c), (double) c, rowTotal == 0 ? 0 : (double) c / rowTotal,
            null));
      }
      rows.add(row);
    }
    out.add(new Block.Table(set + "-confusion", "Confusion matrix on " + set + " (rows = true class,"
        + " columns = predicted; shade = share of the row)", header, rows, false));
    List<List<Block.Cell>> scores = new ArrayList<>();
    for (ConfusionMatrix.ClassScores s : matrix.perClass()) {
      scores.add(List.of(Block.Cell.of(labels.get(s.label())), Block.Cell.of(s.precision()),
          Block.Cell.of(s.recall()), Block.Cell.of(s.f1()), Block.Cell.of(s.support())));
    }
    out.add(new Block.Table(set + "-scores", "Per class on " + set,
        List.of("class", "precision", "recall", "F1", "support"), scores, true));
    if (wrong.isEmpty()) {
      out.add(Block.Text.of("No " + set + " image is misclassified."));
    } else {
      List<Block.Thumb> thumbs = new ArrayList<>();
      ImageReader reader = new ImageReader();
      for (Wrong w : wrong) {
        String name = root != null && w.file().startsWith(root)
            ? root.relativize(w.file()).toString() : String.valueOf(w.file().getFileName());
        thumbs.add(new Block.Thumb(thumbnail(reader, w.file()), name, List.of(name,
            "true: " + labels.get(w.truth()),
            "predicted: " + labels.get(w.predicted()) + " (" + Format.percent(w.probability()) + ")"),
            false));
      }
      out.add(new Block.Gallery("The " + thumbs.size() + " most confidently wrong " + set
          + " images (probability of the predicted class)", thumbs, false));
    }
    return out;
  }

  /** A thumbnail of an image file (a gray square when it cannot be read any more). */
  static String thumbnail(ImageReader reader, Path file) {
    try (Mat img = reader.read(file)) {
      return Thumbnails.of(MatImages.toBufferedImage(img));
    } catch (BadImageException e) {
      return Thumbnails.of(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));
    }
  }
}
