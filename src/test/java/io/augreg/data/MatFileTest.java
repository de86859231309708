package io.augreg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jmatio.io.MatFileWriter;
import com.jmatio.types.MLArray;
import com.jmatio.types.MLChar;
import com.jmatio.types.MLDouble;
import io.augreg.TestData;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatFileTest {
  @TempDir Path dir;

  @Test
  void readsTheFootballDataIncludingUint8Labels() {
    MatFile f = MatFile.read(TestData.path("football/data.mat"), "X", "y", "Xval", "yval");
    DMatrixRMaj x = f.matrix("X", -1, 2);
    assertEquals(211, x.numRows);
    assertEquals(-0.158986, x.get(0, 0), 1e-12);
    assertEquals(0.423977, x.get(0, 1), 1e-12);
    DMatrixRMaj y = f.binaryLabels("y", 211);
    assertEquals(1, y.numRows);
    assertEquals(211, y.numCols);
    assertEquals(1.0, y.get(0, 0));
    assertEquals(200, f.binaryLabels("yval", 200).numCols);
  }

  @Test
  void readingRunsNoFullCollection() {
    MatFile.read(TestData.path("football/data.mat"), "X", "y"); // classes loaded
    long before = fullCollections();
    for (int i = 0; i < 3; i++) {
      assertEquals(211, MatFile.read(TestData.path("football/data.mat"), "X").matrix("X").numRows);
    }
    assertEquals(before, fullCollections(), "reading a small .mat file ran System.gc()");
  }

  /** Collections of the old generation so far (System.gc() runs one with every collector). */
  private static long fullCollections() {
    long n = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc.getName().contains("Old") || gc.getName().contains("MarkSweep")) {
        n += gc.getCollectionCount();
      }
    }
    return n;
  }

  @Test
  void writtenFileRoundTripsExactly() {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1.5, -2, 3}, {4, 5e-300, Math.PI}});
    DMatrixRMaj b = new DMatrixRMaj(new double[][] {{7}});
    Map<String, DMatrixRMaj> vars = new LinkedHashMap<>();
    vars.put("W1", a);
    vars.put("b1", b);
    Path p = dir.resolve("sub/m.mat");
    MatFile.write(p, vars);
    MatFile back = MatFile.read(p, "W1", "b1");
    assertEquals(List.of("W1", "b1"), List.copyOf(back.names()));
    DMatrixRMaj a2 = back.matrix("W1", 2, 3);
    assertArrayEquals(a.data, a2.data, 0.0);
    assertEquals(7.0, back.matrix("b1").get(0, 0));
    try (var files = Files.list(p.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void returnedMatricesAreCopies() {
    Path p = dir.resolve("c.mat");
    MatFile.write(p, Map.of("A", new DMatrixRMaj(new double[][] {{1, 2}})));
    MatFile f = MatFile.read(p);
    f.matrix("A").set(0, 0, 99);
    assertEquals(1.0, f.matrix("A").get(0, 0));
  }

  @Test
  void missingFileNamesTheFile() {
    Path p = dir.resolve("nope.mat");
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p));
    assertTrue(e.getMessage().contains("nope.mat"), e.getMessage());
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void textFileIsNotAMatFile() throws IOException {
    Path p = dir.resolve("text.mat");
    Files.writeString(p, "hello, this is certainly not a MAT file\n".repeat(10));
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no MAT-file header"), e.getMessage());
  }

  @Test
  void emptyAndTruncatedFilesAreReported() throws IOException {
    Path empty = dir.resolve("empty.mat");
    Files.write(empty, new byte[0]);
    AugregException short0 = assertThrows(AugregException.class, () -> MatFile.read(empty));
    assertTrue(short0.getMessage().contains("0 bytes"), short0.getMessage());

    byte[] full = Files.readAllBytes(TestData.path("football/data.mat"));
    Path cut = dir.resolve("cut.mat");
    Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
    AugregException e =
        assertThrows(AugregException.class, () -> MatFile.read(cut, "X", "y", "Xval", "yval"));
    assertTrue(e.getMessage().contains("cut.mat: not a readable MATLAB v5"), e.getMessage());
  }

  @Test
  void hdf5MatFileGetsAHint() throws IOException {
    Path p = dir.resolve("v73.mat");
    byte[] head = new byte[200];
    byte[] text = "MATLAB 7.3 MAT-file, Platform: x".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(text, 0, head, 0, text.length);
    Files.write(p, head);
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p));
    assertTrue(e.getMessage().contains("-v7"), e.getMessage());
  }

  @Test
  void missingVariableListsTheExpectedOnes() throws IOException {
    Path p = dir.resolve("partial.mat");
    new MatFileWriter(p.toFile(), List.<MLArray>of(new MLDouble("X", new double[] {1, 2}, 1)));
    AugregException e =
        assertThrows(AugregException.class, () -> MatFile.read(p, "X", "y", "Xval", "yval"));
    assertTrue(e.getMessage().contains("'y' not found"), e.getMessage());
    assertTrue(e.getMessage().contains("expected X, y, Xval, yval"), e.getMessage());
  }

  @Test
  void nonNumericExpectedVariableIsReported() throws IOException {
    Path p = dir.resolve("char.mat");
    new MatFileWriter(p.toFile(), List.<MLArray>of(new MLChar("X", "abc")));
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p, "X"));
    assertTrue(e.getMessage().contains("'X' is a"), e.getMessage());
    assertTrue(e.getMessage().contains("expected a 2-D real numeric matrix"), e.getMessage());
  }

  @Test
  void wrongShapeIsReported() {
    Path p = dir.resolve("shape.mat");
    MatFile.write(p, Map.of("X", new DMatrixRMaj(4, 3)));
    AugregException e =
        assertThrows(AugregException.class, () -> MatFile.read(p).matrix("X", -1, 2));
    assertTrue(e.getMessage().contains("'X' is 4x3, expected anyx2"), e.getMessage());
  }

  @Test
  void nanIsReportedWithItsPosition() {
    DMatrixRMaj x = new DMatrixRMaj(3, 2);
    x.set(2, 1, Double.NaN);
    Path p = dir.resolve("nan.mat");
    MatFile.write(p, Map.of("X", x));
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p).matrix("X"));
    assertTrue(e.getMessage().contains("NaN at row 3, column 2"), e.getMessage());
  }

  @Test
  void infinityIsReported() {
    DMatrixRMaj x = new DMatrixRMaj(1, 2);
    x.set(0, 0, Double.NEGATIVE_INFINITY);
    Path p = dir.resolve("inf.mat");
    MatFile.write(p, Map.of("X", x));
    AugregException e = assertThrows(AugregException.class, () -> MatFile.read(p).matrix("X"));
    assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());
  }

  @Test
  void labelsOtherThanZeroOrOneAreReported() {
    Path p = dir.resolve("labels.mat");
    MatFile.write(p, Map.of("y", new DMatrixRMaj(new double[][] {{0}, {1}, {2}})));
    MatFile f = MatFile.read(p, "y");
    AugregException e = assertThrows(AugregException.class, () -> f.binaryLabels("y", 3));
    assertTrue(e.getMessage().contains("label 2.0 at position 3"), e.getMessage());
    AugregException count = assertThrows(AugregException.class, () -> f.binaryLabels("y", 4));
    assertTrue(count.getMessage().contains("has 3 labels, expected 4"), count.getMessage());
  }

  @Test
  void labelMatrixThatIsNotAVectorIsReported() {
    Path p = dir.resolve("labels2.mat");
    MatFile.write(p, Map.of("y", new DMatrixRMaj(2, 2)));
    AugregException e =
        assertThrows(AugregException.class, () -> MatFile.read(p).binaryLabels("y", -1));
    assertTrue(e.getMessage().contains("expected a vector"), e.getMessage());
  }

  @Test
  void invalidVariableNameIsRejectedBeforeWriting() {
    Path p = dir.resolve("bad.mat");
    assertThrows(
        AugregException.class, () -> MatFile.write(p, Map.of("1bad", new DMatrixRMaj(1, 1))));
    assertFalse(Files.exists(p));
  }
}
