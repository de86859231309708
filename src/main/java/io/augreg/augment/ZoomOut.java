package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Places the image on a larger canvas filled with {@code fill} (torchvision's {@code
 * RandomZoomOut}): the canvas is r times the image, r drawn from {@code side}, and the image sits
 * at a uniformly drawn position. The output is the canvas (follow with {@code resize} to get the
 * input size back).
 *
 * <p>Spec: {@code zoomout side=1..4 fill=0} (side within 1..10).
 *
 * @param side canvas-to-image side ratio range
 * @param fill the canvas value, 0..255
 */
public record ZoomOut(@Opt("1..4") Range side, @Opt("0") int fill)
    implements Step<ZoomOut.ZoomOutParams> {
  /**
   * One canvas.
   *
   * @param x the image's left column on the canvas
   * @param y its top row
   * @param w canvas width
   * @param h canvas height
   * @param fill the canvas value
   */
  public record ZoomOutParams(int x, int y, int w, int h, int fill) implements SizedParams {
    /** Validates a non-empty canvas. */
    public ZoomOutParams {
      new WxH(w, h);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Geometry.cropPadded(src, dst, -x, -y, w, h, Border.CONSTANT, fill);
    }
  }

  /** Validates the options. */
  public ZoomOut {
    Check.range("zoomout", "side", side, 1, 10);
    Check.integer("zoomout", "fill", fill, 0, 255);
  }

  @Override
  public ZoomOutParams sample(SplittableRandom rng, int width, int height, int channels) {
    // canvas = (int) (W·r), (int) (H·r); position = (int) (slack·u) for u ~ U[0, 1)
    double r = side.sample(rng);
    int cw = Math.max(width, (int) (width * r));
    int ch = Math.max(height, (int) (height * r));
    int x = (int) ((cw - width) * rng.nextDouble());
    int y = (int) ((ch - height) * rng.nextDouble());
    return new ZoomOutParams(x, y, cw, ch, fill);
  }
}
