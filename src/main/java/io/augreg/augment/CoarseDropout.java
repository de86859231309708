package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Coarse dropout (Albumentations' {@code CoarseDropout}): a number of holes drawn among the
 * integers in {@code holes}, each a box whose width and height are fractions of the image's drawn
 * from {@code size}, placed uniformly, filled with {@code fill}. The record keeps the hole count and
 * a seed from which the boxes are drawn again on replay. Alpha kept.
 *
 * <p>Spec: {@code coarsedropout holes=1..8 size=0.05..0.2 fill=0}.
 *
 * @param holes hole-count range, integers in 1..1000
 * @param size side range as a fraction of the image side, within (0, 1]
 * @param fill the fill value, 0..255
 */
public record CoarseDropout(@Opt("1..8") Range holes, @Opt("0.05..0.2") Range size, @Opt("0") int fill)
    implements Step<CoarseDropout.CoarseDropoutParams> {

  /**
   * One set of holes.
   *
   * @param holes number of holes
   * @param sizeLo smallest side fraction
   * @param sizeHi largest side fraction
   * @param fill the fill value
   * @param seed seed of the boxes
   */
  public record CoarseDropoutParams(int holes, double sizeLo, double sizeHi, int fill, long seed)
      implements StepParams {
    /** Validates. */
    public CoarseDropoutParams {
      Check.integer("coarsedropout parameters", "holes", holes, 0, 1000);
      Check.integer("coarsedropout parameters", "fill", fill, 0, 255);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      // OpenCV's copy, then each hole filled in place through a region of interest
      src.copyTo(dst);
      int w = src.cols();
      int h = src.rows();
      double[] v = {fill, fill, fill};
      SplittableRandom rng = new SplittableRandom(seed);
      Range side = new Range(sizeLo, sizeHi);
      for (int k = 0; k < holes; k++) {
        // side = max(1, round(U(size)·W)) by max(1, round(U(size)·H)), top-left uniform inside
        int bw = Math.max(1, (int) Math.rint(side.sample(rng) * w));
        int bh = Math.max(1, (int) Math.rint(side.sample(rng) * h));
        int x = rng.nextInt(w - Math.min(bw, w) + 1);
        int y = rng.nextInt(h - Math.min(bh, h) + 1);
        Geometry.fillRegion(dst, x, y, bw, bh, v);
      }
    }
  }

  /** Validates the options. */
  public CoarseDropout {
    Check.intRange("coarsedropout", "holes", holes, 1, 1000);
    Check.rangeAbove("coarsedropout", "size", size, 0, 1);
    Check.integer("coarsedropout", "fill", fill, 0, 255);
  }

  @Override
  public CoarseDropoutParams sample(SplittableRandom rng, int width, int height, int channels) {
    return new CoarseDropoutParams(holes.sampleInt(rng), size.lo(), size.hi(), fill, rng.nextLong());
  }
}
