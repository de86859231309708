package io.augreg.imagetrain;

import io.augreg.augment.AppliedStep;
import io.augreg.augment.Pipeline;
import io.augreg.augment.PointTail;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Augments one training sample into a batch staging row; one instance per worker thread, its Mats
 * and arrays reused for every sample. The pipeline's steps are sampled first (the generator is
 * consumed exactly as {@link Pipeline#apply} does), then applied in up to three parts:
 *
 * <ol>
 *   <li>with {@code singleWarp}, the leading flips, rotation and crops as one OpenCV warp ({@link
 *       SingleWarp}; opt-in because the bytes differ slightly from the step-by-step pipeline);
 *   <li>the middle steps through the transforms ({@link Pipeline#replay}, OpenCV);
 *   <li>a trailing contrast and noise in one Java pass ({@link PointTail}, the same bytes as the
 *       transforms).
 * </ol>
 *
 * Without {@code singleWarp} the result is bit for bit {@code Pipeline.apply} of the same
 * generator.
 */
final class SampleAugmenter implements AutoCloseable {
  private final Mat packed = new Mat();
  private final Mat middle = new Mat();
  private final Mat tail = new Mat();
  private final SingleWarp.Plan plan = new SingleWarp.Plan();
  private byte[] a = new byte[0];
  private final Mat inverseMat = new Mat(2, 3, opencv_core.CV_64F);
  private final DoublePointer inverse = new DoublePointer(inverseMat.data());
  private final Size size = new Size();
  private final Scalar zero = new Scalar(0.0);

  /**
   * Augments {@code src} and stages the result.
   *
   * @param src the decoded image (8-bit); never modified
   * @param pipe the pipeline
   * @param rng the sample's generator
   * @param singleWarp fuse the leading geometric steps into one warp
   * @param encoder the batch encoder
   * @param stage the batch staging area
   * @param row the staging row
   */
  void augment(
      Mat src,
      Pipeline pipe,
      SplittableRandom rng,
      boolean singleWarp,
      BatchEncoder encoder,
      byte[] stage,
      int row) {
    int w = src.cols();
    int h = src.rows();
    int ch = src.channels();
    List<AppliedStep> steps = pipe.sample(rng, w, h, ch);
    int n = steps.size();
    // the tail: the longest suffix of point steps that PointTail applies in Java
    int t = n;
    while (t > 0 && PointTail.covers(steps.subList(t - 1, n), ch)) {
      t--;
    }
    int k = 0;
    Mat cur = src;
    if (singleWarp) {
      k = Math.min(SingleWarp.compose(steps, w, h, plan), t);
      if (plan.applied > 0) {
        // dst(x, y) = src(inv · (x, y, 1)), bilinear, outside taps from the rotation's border
        inverse.put(plan.inv, 0, 6);
        opencv_imgproc.warpAffine(src, packed, inverseMat, size(plan.width, plan.height),
            opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP, plan.border.cvFlag(), zero);
        cur = packed;
      }
    }
    if (anyApplied(steps, k, t)) {
      pipe.replay(cur, middle, steps.subList(k, t));
      cur = middle;
    }
    w = cur.cols();
    h = cur.rows();
    a = read(cur, a);
    if (anyApplied(steps, t, n) && !PointTail.apply(steps.subList(t, n), a, w * h * ch, ch)) {
      write(a, w, h, ch, packed);
      pipe.replay(packed, tail, steps.subList(t, n));
      a = read(tail, a);
    }
    encoder.stage(a, w, h, ch, stage, row);
  }

  private Size size(int width, int height) {
    size.width(width);
    size.height(height);
    return size;
  }

  private static boolean anyApplied(List<AppliedStep> steps, int from, int to) {
    for (int i = from; i < to; i++) {
      if (steps.get(i).applied()) {
        return true;
      }
    }
    return false;
  }

  private static byte[] grow(byte[] buf, int n) {
    return buf.length >= n ? buf : new byte[n];
  }

  /** The packed bytes of {@code m} in {@code buf} (grown if needed; row by row if not continuous). */
  private static byte[] read(Mat m, byte[] buf) {
    int rowBytes = m.cols() * m.channels();
    byte[] out = grow(buf, rowBytes * m.rows());
    try (BytePointer p = m.data()) {
      if (m.isContinuous()) {
        p.get(out, 0, rowBytes * m.rows());
      } else {
        long step = m.step();
        for (int r = 0; r < m.rows(); r++) {
          p.position(r * step).get(out, r * rowBytes, rowBytes);
        }
      }
    }
    return out;
  }

  /** {@code m} := the packed pixels (reallocated only when size or type change). */
  private static void write(byte[] px, int w, int h, int ch, Mat m) {
    m.create(h, w, opencv_core.CV_8UC(ch));
    try (BytePointer p = m.data()) {
      p.put(px, 0, w * h * ch);
    }
  }

  @Override
  public void close() {
    packed.close();
    middle.close();
    tail.close();
    inverse.close();
    inverseMat.close();
    size.close();
    zero.close();
  }
}
