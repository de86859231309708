package io.augreg.data;

import com.jmatio.io.MatFileReader;
import com.jmatio.io.MatFileWriter;
import com.jmatio.types.MLArray;
import com.jmatio.types.MLDouble;
import com.jmatio.types.MLNumericArray;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * The 2-D numeric variables of a MATLAB v5 {@code .mat} file (read with jmatio), as EJML
 * matrices, plus writing such files (readable by {@code scipy.io.loadmat} and Octave).
 *
 * <p>Every problem a user can cause (missing file, a file that is not a MAT file, a missing
 * variable, a wrong shape, NaN/Inf values, labels other than 0/1) raises an {@link
 * AugregException} whose message names the file and the problem. Any numeric class is accepted
 * on reading (the lesson's labels are {@code uint8}) and converted to {@code double}.
 *
 * <p>Instances are immutable; every accessor returns a fresh copy.
 */
public final class MatFile {
  private final Path file;
  private final Map<String, DMatrixRMaj> variables;

  private MatFile(Path file, Map<String, DMatrixRMaj> variables) {
    this.file = file;
    this.variables = variables;
  }

  /**
   * Reads every 2-D real numeric variable of {@code file} and checks that {@code expected} are
   * among them. Variables of other kinds (cells, structs, strings, sparse, complex) are skipped,
   * unless they are expected, in which case reading fails.
   *
   * @param file the {@code .mat} file
   * @param expected names that must be present (may be empty)
   * @return the file's numeric variables
   * @throws AugregException if the file is missing or unreadable, or an expected variable is
   *     missing or not a 2-D real numeric array
   */
  public static MatFile read(Path file, String... expected) {
    if (!Files.exists(file)) {
      throw new AugregException(file + ": file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new AugregException(file + ": not a regular file");
    }
    requireHeader(file);
    Map<String, MLArray> content;
    try {
      // into a direct buffer: jmatio's heap-buffer mode calls System.gc() first, a full
      // collection on the caller's thread (8-27 ms before football's training could start)
      content = new MatFileReader().read(file.toFile(), MatFileReader.DIRECT_BYTE_BUFFER);
    } catch (IOException | RuntimeException e) {
      // jmatio signals a bad header or a truncated body with IOExceptions, but also with
      // BufferUnderflow/IllegalArgument/NegativeArraySize exceptions: all mean "not a MAT file".
      throw new AugregException(
          file + ": not a readable MATLAB v5 .mat file (" + describe(e) + ")", e);
    }
    Map<String, DMatrixRMaj> vars = new LinkedHashMap<>();
    List<String> unusable = new ArrayList<>();
    for (Map.Entry<String, MLArray> e : content.entrySet()) {
      DMatrixRMaj m = toMatrix(e.getValue());
      if (m == null) {
        unusable.add(e.getKey());
      } else {
        vars.put(e.getKey(), m);
      }
    }
    for (String name : expected) {
      if (vars.containsKey(name)) {
        continue;
      }
      if (unusable.contains(name)) {
        MLArray a = content.get(name);
        throw new AugregException(
            file
                + ": variable '"
                + name
                + "' is a "
                + describeKind(a)
                + ", expected a 2-D real numeric matrix");
      }
      throw new AugregException(
          file
              + ": variable '"
              + name
              + "' not found (expected "
              + String.join(", ", expected)
              + "; the file has "
              + (content.isEmpty() ? "no variables" : String.join(", ", content.keySet()))
              + ")");
    }
    return new MatFile(file, vars);
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /** Names of the readable (2-D real numeric) variables, in file order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(variables.keySet());
  }

  /**
   * A variable as a finite matrix.
   *
   * @param name variable name
   * @return a fresh copy
   * @throws AugregException if missing or if any value is NaN or infinite
   */
  public DMatrixRMaj matrix(String name) {
    DMatrixRMaj m = variables.get(name);
    if (m == null) {
      throw new AugregException(
          file + ": variable '" + name + "' not found (the file has " + String.join(", ", names()) + ")");
    }
    requireFinite(name, m);
    return m.copy();
  }

  /**
   * A variable with a required shape.
   *
   * @param name variable name
   * @param rows required rows, or -1 for any
   * @param cols required columns, or -1 for any
   * @return a fresh copy
   * @throws AugregException if missing, of another shape, or not finite
   */
  public DMatrixRMaj matrix(String name, int rows, int cols) {
    DMatrixRMaj m = matrix(name);
    if ((rows >= 0 && m.numRows != rows) || (cols >= 0 && m.numCols != cols)) {
      throw new AugregException(
          file
              + ": variable '"
              + name
              + "' is "
              + m.numRows
              + "x"
              + m.numCols
              + ", expected "
              + (rows >= 0 ? rows : "any")
              + "x"
              + (cols >= 0 ? cols : "any"));
    }
    return m;
  }

  /**
   * A vector of binary labels (a single row or a single column), each exactly 0 or 1.
   *
   * @param name variable name
   * @param count required number of labels, or -1 for any
   * @return the labels as a 1 × n row (a fresh matrix)
   * @throws AugregException if missing, not a vector, of the wrong length, or a label is not
   *     0/1 (the message names the first offending position, 1-based as in MATLAB)
   */
  public DMatrixRMaj binaryLabels(String name, int count) {
    DMatrixRMaj m = matrix(name);
    if (m.numRows != 1 && m.numCols != 1) {
      throw new AugregException(
          file + ": variable '" + name + "' is " + m.numRows + "x" + m.numCols
              + ", expected a vector of labels (n x 1 or 1 x n)");
    }
    int n = m.getNumElements();
    if (count >= 0 && n != count) {
      throw new AugregException(
          file + ": variable '" + name + "' has " + n + " labels, expected " + count
              + " (one per example)");
    }
    DMatrixRMaj row = new DMatrixRMaj(1, n);
    for (int i = 0; i < n; i++) {
      double v = m.data[i];
      if (v != 0.0 && v != 1.0) {
        throw new AugregException(
            file + ": variable '" + name + "' has label " + v + " at position " + (i + 1)
                + ", expected only 0 or 1");
      }
      row.data[i] = v;
    }
    return row;
  }

  /**
   * Writes {@code variables} (in iteration order) as 2-D double arrays to {@code file}: first to
   * a temporary name in the same folder, then renamed, so a crash never leaves a half file.
   *
   * @param file destination; its folder is created if needed
   * @param variables name → matrix; names must be valid MATLAB identifiers
   * @throws AugregException if a name is invalid or the file cannot be written
   */
  public static void write(Path file, Map<String, DMatrixRMaj> variables) {
    List<MLArray> arrays = new ArrayList<>();
    for (Map.Entry<String, DMatrixRMaj> e : variables.entrySet()) {
      String name = e.getKey();
      if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
        throw new AugregException(file + ": '" + name + "' is not a valid MATLAB variable name");
      }
      DMatrixRMaj m = e.getValue();
      // MATLAB stores column-major: packed[i + j*rows] = m(i, j).
      double[] packed = new double[m.numRows * m.numCols];
      for (int i = 0; i < m.numRows; i++) {
        for (int j = 0; j < m.numCols; j++) {
          packed[i + j * m.numRows] = m.unsafe_get(i, j);
        }
      }
      arrays.add(new MLDouble(name, packed, m.numRows));
    }
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      new MatFileWriter().write(tmp.toFile(), arrays);
      moveIntoPlace(tmp, abs);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original error is the one worth reporting
      }
      throw new AugregException(file + ": cannot write .mat file (" + describe(e) + ")", e);
    }
  }

  /** Renames {@code tmp} to {@code dest}, atomically where the file system allows it. */
  static void moveIntoPlace(Path tmp, Path dest) throws IOException {
    try {
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Checks the 128-byte MAT v5 header before jmatio sees the file, so the common mistakes get a
   * precise message: too short, no endian indicator ("IM"/"MI" at bytes 126–127), or a MATLAB
   * {@code -v7.3} (HDF5) file, which jmatio cannot read.
   */
  private static void requireHeader(Path file) {
    byte[] head = new byte[128];
    int n;
    try (var in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read (" + describe(e) + ")", e);
    }
    String text = new String(head, 0, Math.min(n, 19), java.nio.charset.StandardCharsets.ISO_8859_1);
    if (text.startsWith("MATLAB 7.3 MAT-file")) {
      throw new AugregException(
          file + ": MATLAB v7.3 (HDF5) files are not supported; save it with save(..., '-v7')");
    }
    if (n < head.length) {
      throw new AugregException(
          file + ": not a MATLAB v5 .mat file (" + n + " bytes, shorter than the 128-byte header)");
    }
    boolean endian =
        (head[126] == 'I' && head[127] == 'M') || (head[126] == 'M' && head[127] == 'I');
    if (!endian) {
      throw new AugregException(
          file + ": not a MATLAB v5 .mat file (no MAT-file header; expected 'MATLAB 5.0 MAT-file')");
    }
  }

  private void requireFinite(String name, DMatrixRMaj m) {
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        double v = m.unsafe_get(i, j);
        if (!Double.isFinite(v)) {
          throw new AugregException(
              file + ": variable '" + name + "' has " + v + " at row " + (i + 1) + ", column "
                  + (j + 1) + " (all values must be finite numbers)");
        }
      }
    }
  }

  /** Converts a 2-D real numeric array to a row-major matrix, or null if it is anything else. */
  private static DMatrixRMaj toMatrix(MLArray a) {
    if (!(a instanceof MLNumericArray<?> num) || a.isComplex() || a.isSparse()) {
      return null;
    }
    int[] dims = a.getDimensions();
    if (dims == null || dims.length != 2) {
      return null;
    }
    int rows = dims[0];
    int cols = dims[1];
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m.unsafe_set(i, j, num.get(i, j).doubleValue());
      }
    }
    return m;
  }

  private static String describeKind(MLArray a) {
    if (a.isComplex()) {
      return "complex array";
    }
    int[] dims = a.getDimensions();
    if (dims != null && dims.length != 2) {
      return dims.length + "-D array";
    }
    return MLArray.typeToString(a.getType());
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }
}
