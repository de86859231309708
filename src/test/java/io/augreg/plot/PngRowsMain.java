package io.augreg.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes four pictures of a decision boundary's size, as {@code football} does, and discards the
 * bytes: a child JVM runs it to see how its JIT compiles the PNG row loop ({@code
 * cli.FootballJitOptionsTest}).
 */
public final class PngRowsMain {
  private PngRowsMain() {}

  /**
   * Writes the pictures.
   *
   * @param args none
   * @throws IOException never (the stream discards)
   */
  public static void main(String[] args) throws IOException {
    BufferedImage image = new BufferedImage(DecisionBoundaryChart.WIDTH,
        DecisionBoundaryChart.HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int k = 0; k < 4; k++) {
      PngWriter.write(image, OutputStream.nullOutputStream());
    }
  }
}
