package io.augreg.offline;

import io.augreg.image.ImageWriter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The last step shared by a run and its replay: resize to the output size when it differs (area
 * interpolation when shrinking both sides, bilinear otherwise), then encode. One rule in one place
 * is what makes {@link ManifestReplay} reproduce the run's bytes.
 */
final class Renderer {
  private Renderer() {}

  /**
   * Encodes {@code image}, resized to {@code width x height} first when its size differs.
   *
   * @param image the augmented (or original) image
   * @param width output width
   * @param height output height
   * @param ext output extension
   * @param writer the encoder
   * @param scratch a reusable Mat for the resized image
   * @return the encoded bytes
   */
  static byte[] render(
      Mat image, int width, int height, String ext, ImageWriter writer, Mat scratch) {
    if (image.cols() == width && image.rows() == height) {
      return writer.encode(image, ext);
    }
    boolean shrink = width <= image.cols() && height <= image.rows();
    try (org.bytedeco.opencv.opencv_core.Size size =
        new org.bytedeco.opencv.opencv_core.Size(width, height)) {
      opencv_imgproc.resize(
          image,
          scratch,
          size,
          0,
          0,
          shrink ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
    }
    return writer.encode(scratch, ext);
  }

  /**
   * Whether a kept original can be copied byte for byte: same extension and no resize needed.
   *
   * @param sourceExt the source's extension
   * @param outputExt the output's extension
   * @param sameSize whether the output size equals the source size
   * @return true to copy the file instead of re-encoding it
   */
  static boolean copyOriginal(String sourceExt, String outputExt, boolean sameSize) {
    return sameSize && sourceExt.equals(outputExt);
  }
}
