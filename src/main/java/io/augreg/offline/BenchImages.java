package io.augreg.offline;

import io.augreg.core.AugregException;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageFiles;
import io.augreg.image.ImageReader;
import io.augreg.image.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The benchmark's input: every readable image of a folder (sorted), as 3-channel BGR (like
 * {@code cv2.imread}), resized to {@code size x size} with area interpolation (like the peer's
 * {@code cv2.resize(..., INTER_AREA)}).
 */
public final class BenchImages {
  private BenchImages() {}

  /**
   * Loads and resizes the images of {@code folder}.
   *
   * @param folder a folder (searched recursively) or one image
   * @param size the side of the square images
   * @return new Mats; the caller closes them
   * @throws AugregException when no image is readable
   */
  public static List<Mat> load(java.nio.file.Path folder, int size) {
    ImageReader reader = new ImageReader();
    List<Mat> out = new ArrayList<>();
    for (SourceFile f : ImageFiles.walk(folder)) {
      try (Mat m = reader.read(f.path()); Mat bgr = new Mat()) {
        Mat src = m;
        if (m.channels() == 1) {
          opencv_imgproc.cvtColor(m, bgr, opencv_imgproc.COLOR_GRAY2BGR);
          src = bgr;
        } else if (m.channels() == 4) {
          opencv_imgproc.cvtColor(m, bgr, opencv_imgproc.COLOR_BGRA2BGR);
          src = bgr;
        }
        Mat r = new Mat();
        try (Size s = new Size(size, size)) {
          opencv_imgproc.resize(src, r, s, 0, 0, opencv_imgproc.INTER_AREA);
        }
        out.add(r);
      } catch (BadImageException e) {
        // the peer skips unreadable files too (cv2.imread returns None)
      }
    }
    if (out.isEmpty()) {
      throw new AugregException("--images " + folder + ": no readable image");
    }
    return out;
  }
}
