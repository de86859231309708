package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * JPEG re-compression artefacts (torchvision's {@code JPEG}): encodes at a quality drawn among the
 * integers in {@code quality} and decodes again (OpenCV's libjpeg, 4:2:0 chroma); gray images stay
 * gray, alpha is kept.
 *
 * <p>Spec: {@code jpeg quality=50..95} (integers in 1..100).
 *
 * @param quality quality range
 */
public record Jpeg(@Opt("50..95") Range quality) implements Step<Jpeg.JpegParams> {
  /**
   * One quality.
   *
   * @param quality JPEG quality, 1..100
   */
  public record JpegParams(int quality) implements StepParams {
    /** Validates 1..100. */
    public JpegParams {
      Check.integer("jpeg parameters", "quality", quality, 1, 100);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      if (src.channels() != 4) {
        roundTrip(src, dst, quality);
        return;
      }
      Scratch s = Scratch.get();
      opencv_imgproc_cvt(src, s.wide[0]);
      roundTrip(s.wide[0], s.wide[1], quality);
      // BGR from the decoded image, alpha from the source
      try (MatVector parts = new MatVector(); MatVector alpha = new MatVector()) {
        opencv_core.split(s.wide[1], parts);
        opencv_core.split(src, alpha);
        try (MatVector merged = new MatVector(parts.get(0), parts.get(1), parts.get(2), alpha.get(3))) {
          opencv_core.merge(merged, dst);
        }
      }
    }

    private static void opencv_imgproc_cvt(Mat src, Mat dst) {
      org.bytedeco.opencv.global.opencv_imgproc.cvtColor(
          src, dst, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR);
    }

    private static void roundTrip(Mat src, Mat dst, int quality) {
      try (BytePointer buf = new BytePointer();
          IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
        if (!opencv_imgcodecs.imencode(".jpg", src, buf, params)) {
          throw new AugregException("jpeg: the encoder refused a " + src.cols() + "x" + src.rows() + " image");
        }
        try (Mat encoded = new Mat(1, (int) buf.limit(), opencv_core.CV_8UC1, buf);
            Mat decoded = opencv_imgcodecs.imdecode(encoded,
                src.channels() == 1 ? opencv_imgcodecs.IMREAD_GRAYSCALE : opencv_imgcodecs.IMREAD_COLOR)) {
          decoded.copyTo(dst);
        }
      }
    }
  }

  /** Validates the range. */
  public Jpeg {
    Check.intRange("jpeg", "quality", quality, 1, 100);
  }

  @Override
  public JpegParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new JpegParams(quality.sampleInt(rng));
  }
}
