package io.augreg.augment;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Elastic deformation, as torchvision's {@code ElasticTransform}: two fields of uniform noise in
 * [−1, 1) (from a seed drawn at sampling time), each smoothed by a Gaussian of standard deviation
 * {@code sigma} (kernel {@code int(8σ + 1)} rounded up to odd), displace every pixel by {@code
 * alpha/2} times the field ({@code alpha} in torchvision's units: its normalized displacement
 * {@code alpha / size} is {@code alpha / 2} pixels).
 *
 * <p>Spec: {@code elastic alpha=50 sigma=5 interp=linear border=constant} (alpha 0..1000, sigma
 * 0.1..100).
 *
 * @param alpha displacement-strength range
 * @param sigma smoothing range in pixels
 * @param interp the interpolation (nearest, linear or cubic)
 * @param border how outside pixels are filled
 */
public record Elastic(
    @Opt("50") Range alpha, @Opt("5") Range sigma, @Opt("linear") Interp interp,
    @Opt("constant") Border border)
    implements Step<Elastic.ElasticParams> {

  /**
   * One deformation.
   *
   * @param alpha displacement strength
   * @param sigma smoothing in pixels
   * @param seed seed of the two noise fields
   * @param interp the interpolation
   * @param border the border mode
   */
  public record ElasticParams(double alpha, double sigma, long seed, Interp interp, Border border)
      implements StepParams {
    /** Validates. */
    public ElasticParams {
      Check.number("elastic parameters", "sigma", sigma, 0.1, 100);
    }

    @Override
    public void apply(Mat src, Mat dst) {
      Scratch s = Scratch.get();
      int w = src.cols();
      int h = src.rows();
      int n = w * h;
      if (s.floatsA.length < n) {
        s.floatsA = new float[n];
        s.floatsB = new float[n];
      }
      float[] fx = s.floatsA;
      float[] fy = s.floatsB;
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = 0; i < n; i++) {
        fx[i] = (float) (rng.nextDouble() * 2 - 1);
      }
      for (int i = 0; i < n; i++) {
        fy[i] = (float) (rng.nextDouble() * 2 - 1);
      }
      int k = (int) (8 * sigma + 1);
      k += (k % 2 == 0) ? 1 : 0;
      float gain = (float) (alpha / 2);
      field(s.mapX, fx, w, h, k, sigma, gain, true, s);
      field(s.mapY, fy, w, h, k, sigma, gain, false, s);
      opencv_imgproc.remap(src, dst, s.mapX, s.mapY, interp.cvFlag(), border.cvFlag(), s.zero);
    }

    /** map = coordinate + gain · blur(noise). */
    private static void field(
        Mat map, float[] noise, int w, int h, int k, double sigma, float gain, boolean x,
        Scratch s) {
      map.create(h, w, opencv_core.CV_32FC1);
      try (FloatPointer p = new FloatPointer(map.data())) {
        p.put(noise, 0, w * h);
      }
      opencv_imgproc.GaussianBlur(map, map, s.size(k, k), sigma, sigma,
          opencv_core.BORDER_REFLECT_101, 0);
      try (FloatPointer p = new FloatPointer(map.data())) {
        p.get(noise, 0, w * h);
      }
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int i = r * w + c;
          noise[i] = (x ? c : r) + gain * noise[i];
        }
      }
      try (FloatPointer p = new FloatPointer(map.data())) {
        p.put(noise, 0, w * h);
      }
    }
  }

  /** Validates the options. */
  public Elastic {
    Check.range("elastic", "alpha", alpha, 0, 1000);
    Check.range("elastic", "sigma", sigma, 0.1, 100);
    if (interp == Interp.AREA) {
      throw Check.bad("elastic", "interp", "area", "one of nearest, linear, cubic");
    }
  }

  @Override
  public ElasticParams sample(SplittableRandom rng, int width, int height, int channels) {
    double a = alpha.sample(rng);
    double sg = sigma.sample(rng);
    return new ElasticParams(a, sg, rng.nextLong(), interp, border);
  }
}
