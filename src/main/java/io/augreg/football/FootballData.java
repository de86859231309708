package io.augreg.football;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import io.augreg.data.MatFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The goalkeeper data of the lesson: 2-D positions on the pitch where a French player (label 1)
 * or an opponent (label 0) headed the ball. The file holds {@code X} (m × 2), {@code y} (m × 1),
 * {@code Xval} and {@code yval} with examples as rows; here they become column data sets
 * (2 × m and 1 × m). {@code Xval}/{@code yval} are the lesson's test set.
 *
 * @param train the training set (211 examples in the lesson's file)
 * @param test the test set (200 examples)
 */
public record FootballData(Dataset train, Dataset test) {

  /** Where the build links the data set: {@code data/football/data.mat}. */
  public static final Path DEFAULT_PATH = Path.of("data", "football", "data.mat");

  /** The variables the file must contain. */
  static final String[] VARIABLES = {"X", "y", "Xval", "yval"};

  /** The message for a missing file; for the default path it says where the build links it from. */
  static String notFoundMessage(Path file) {
    String hint =
        file.normalize().equals(DEFAULT_PATH)
            ? " (expected at data/football/data.mat, which the build links from"
                + " ../shared/datasets/football; put ../shared beside the checkout and run mvn,"
                + " or pass --data PATH)"
            : " (pass --data PATH to the goalkeeper data.mat)";
    return file + ": football data set not found" + hint;
  }

  /**
   * Reads and validates the file.
   *
   * @param file the {@code .mat} file
   * @return the data
   * @throws AugregException naming the file and the problem (missing file — with where the
   *     default is expected —, not a MAT file, missing variable, wrong shape, NaN/Inf values,
   *     labels other than 0/1)
   */
  public static FootballData load(Path file) {
    if (!Files.exists(file)) {
      throw new AugregException(notFoundMessage(file));
    }
    MatFile mat = MatFile.read(file, VARIABLES);
    DMatrixRMaj x = mat.matrix("X", -1, 2);
    DMatrixRMaj y = mat.binaryLabels("y", x.numRows);
    DMatrixRMaj xval = mat.matrix("Xval", -1, 2);
    DMatrixRMaj yval = mat.binaryLabels("yval", xval.numRows);
    if (x.numRows == 0 || xval.numRows == 0) {
      throw new AugregException(file + ": X and Xval must each hold at least one example");
    }
    return new FootballData(
        new Dataset(CommonOps_DDRM.transpose(x, null), y),
        new Dataset(CommonOps_DDRM.transpose(xval, null), yval));
  }
}
