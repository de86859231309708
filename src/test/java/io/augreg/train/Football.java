package io.augreg.train;

import com.jmatio.io.MatFileReader;
import com.jmatio.types.MLDouble;
import io.augreg.TestData;
import io.augreg.data.Dataset;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;

/** Test fixture: the lesson's football data, transposed so examples are columns. */
final class Football {
  final Dataset train;
  final Dataset test;

  private Football(Dataset train, Dataset test) {
    this.train = train;
    this.test = test;
  }

  static Football load() throws IOException {
    MatFileReader r = new MatFileReader();
    // heap buffer: the default memory-mapped mode prints a reflective-access stack trace
    r.read(TestData.path("football/data.mat").toFile(), MatFileReader.HEAP_BYTE_BUFFER);
    return new Football(
        new Dataset(columns(r, "X"), columns(r, "y")),
        new Dataset(columns(r, "Xval"), columns(r, "yval")));
  }

  /** The variable's rows are examples: transpose to (features × m). */
  private static DMatrixRMaj columns(MatFileReader r, String name) {
    double[][] a = ((MLDouble) r.getMLArray(name)).getArray();
    DMatrixRMaj out = new DMatrixRMaj(a[0].length, a.length);
    for (int j = 0; j < a.length; j++) {
      for (int i = 0; i < a[0].length; i++) {
        out.set(i, j, a[j][i]);
      }
    }
    return out;
  }
}
