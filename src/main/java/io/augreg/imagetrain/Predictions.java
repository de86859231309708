package io.augreg.imagetrain;

import io.augreg.nn.OutputKind;
import org.ejml.data.DMatrixRMaj;

/** Labels from given output probabilities. */
public final class Predictions {
  private Predictions() {}

  /**
   * Binary: 1 iff p &gt; 0.5; softmax: the arg max (first on ties).
   *
   * @param output the output kind
   * @param p probabilities, one column per example
   * @return one label per column
   */
  public static int[] labels(OutputKind output, DMatrixRMaj p) {
    int m = p.numCols;
    int k = p.numRows;
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      if (output == OutputKind.SIGMOID_BINARY) {
        out[j] = p.data[j] > 0.5 ? 1 : 0;
      } else {
        int best = 0;
        for (int i = 1; i < k; i++) {
          if (p.data[i * m + j] > p.data[best * m + j]) {
            best = i;
          }
        }
        out[j] = best;
      }
    }
    return out;
  }
}
