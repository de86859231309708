package io.augreg.augment;

import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random resized crop, like torchvision's {@code RandomResizedCrop}: a box whose area is a
 * fraction {@code scale} of the image and whose aspect ratio w/h is drawn log-uniformly from
 * {@code ratio}, placed uniformly inside the image, then resized back to the input size (or to
 * {@code size=WxH}). Up to 10 draws look for a box that fits; otherwise the largest centred box
 * with the ratio clamped to the range is used. The box is always inside the image.
 *
 * <p>Spec: {@code crop scale=0.08..1 ratio=0.75..1.3333333333333333 interp=linear [size=WxH]}.
 *
 * @param scale area fraction range, within (0, 1]
 * @param ratio aspect-ratio (width/height) range, positive
 * @param size output size, or {@code null} for the input size
 * @param interp the resize interpolation
 */
public record Crop(
    @Opt("0.08..1") Range scale,
    @Opt("0.75..1.3333333333333333") Range ratio,
    WxH size,
    @Opt("linear") Interp interp)
    implements Step<Crop.CropParams> {

  /**
   * One crop box and its output size.
   *
   * @param x left column of the box
   * @param y top row of the box
   * @param w box width
   * @param h box height
   * @param outWidth output width
   * @param outHeight output height
   * @param interp the resize interpolation
   */
  public record CropParams(
      int x, int y, int w, int h,
      @Opt(key = "out_w") int outWidth,
      @Opt(key = "out_h") int outHeight,
      Interp interp)
      implements StepParams {
    /** Validates a non-empty box at non-negative coordinates and a positive output size. */
    public CropParams {
      if (x < 0 || y < 0 || w < 1 || h < 1 || outWidth < 1 || outHeight < 1) {
        throw new AugregException(
            "crop parameters: bad box x=" + x + " y=" + y + " w=" + w + " h=" + h
                + " out=" + outWidth + "x" + outHeight);
      }
    }

    @Override
    public int outputWidth(int width, int height) {
      return outWidth;
    }

    @Override
    public int outputHeight(int width, int height) {
      return outHeight;
    }

    @Override
    public void apply(Mat src, Mat dst) {
      if (x + w > src.cols() || y + h > src.rows()) {
        throw new AugregException(
            "crop parameters: box " + w + "x" + h + "+" + x + "+" + y
                + " outside a " + src.cols() + "x" + src.rows() + " image");
      }
      Scratch s = Scratch.get();
      Mat roi = s.roi.of(src, x, y, w, h);
      opencv_imgproc.resize(roi, dst, s.size(outWidth, outHeight), 0, 0, interp.cvFlag());
    }
  }

  /** Validates the options. */
  public Crop {
    Check.rangeAbove("crop", "scale", scale, 0, 1);
    Check.rangeAbove("crop", "ratio", ratio, 0, 1e6);
  }

  @Override
  public CropParams sample(SplittableRandom rng, int imgW, int imgH, int channels) {
    int outW = size == null ? imgW : size.width();
    int outH = size == null ? imgH : size.height();
    double area = (double) imgW * imgH;
    double logLo = Math.log(ratio.lo());
    double logHi = Math.log(ratio.hi());
    for (int attempt = 0; attempt < 10; attempt++) {
      // target area = area·U(scale), aspect r = exp(U(log lo, log hi)); w = round(√(A·r)), h = round(√(A/r))
      double target = area * scale.sample(rng);
      double r = Math.exp(logLo == logHi ? logLo : logLo + (logHi - logLo) * rng.nextDouble());
      int w = (int) Math.rint(Math.sqrt(target * r));
      int h = (int) Math.rint(Math.sqrt(target / r));
      if (w > 0 && h > 0 && w <= imgW && h <= imgH) {
        int x = rng.nextInt(imgW - w + 1);
        int y = rng.nextInt(imgH - h + 1);
        return new CropParams(x, y, w, h, outW, outH, interp);
      }
    }
    // fallback: the whole image, or the largest centred box with the ratio clamped into range
    double inRatio = (double) imgW / imgH;
    int w = imgW;
    int h = imgH;
    if (inRatio < ratio.lo()) {
      h = (int) Math.max(1, Math.min(imgH, Math.rint(w / ratio.lo())));
    } else if (inRatio > ratio.hi()) {
      w = (int) Math.max(1, Math.min(imgW, Math.rint(h * ratio.hi())));
    }
    return new CropParams((imgW - w) / 2, (imgH - h) / 2, w, h, outW, outH, interp);
  }
}
