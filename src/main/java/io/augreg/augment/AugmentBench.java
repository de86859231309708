package io.augreg.augment;

import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Throughput of the benchmark cases, with the semantics of the peer script {@code aug_peers.py}:
 * {@code hflip}, {@code vflip}, {@code rotate} (−30..30°, bilinear, reflect-101), {@code crop}
 * (RandomResizedCrop scale 0.08..1, ratio 3/4..4/3, back to the same size, bilinear), {@code
 * contrast} (0.8..1.2 around the mean), {@code noise} (σ = 10) and {@code pipeline} (those five,
 * each with p = 0.5). Every image goes through the public path, {@link Pipeline#apply(Mat, Mat,
 * long, long, long, long)}, with its own derived generator and a reused output Mat per thread.
 */
public final class AugmentBench {
  private static final String ROTATE = "rotate deg=-30..30 interp=linear border=reflect";
  private static final String CROP = "crop scale=0.08..1 ratio=0.75..1.3333333333333333 interp=linear";
  private static final String CONTRAST = "contrast factor=0.8..1.2";
  private static final String NOISE = "noise sigma=10";

  /** Case name → pipeline spec, in report order. */
  public static final Map<String, String> CASES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("hflip", "hflip");
    m.put("vflip", "vflip");
    m.put("rotate", ROTATE);
    m.put("crop", CROP);
    m.put("contrast", CONTRAST);
    m.put("noise", NOISE);
    m.put(
        "pipeline",
        "hflip p=0.5 | " + ROTATE + " p=0.5 | " + CROP + " p=0.5 | " + CONTRAST + " p=0.5 | "
            + NOISE + " p=0.5");
    CASES = Collections.unmodifiableMap(m);
    Map<String, String> c = new LinkedHashMap<>();
    for (String spec : new String[] {
        "saturation factor=0.5..1.5", "hue shift=-0.1..0.1",
        "colorjitter brightness=0.6..1.4 contrast=0.6..1.4 saturation=0.6..1.4 hue=-0.1..0.1",
        "grayscale", "channelshuffle", "gamma gamma=0.7..1.5", "invert", "posterize bits=4",
        "solarize threshold=128", "sharpness factor=0.5..2", "autocontrast", "equalize",
        "blur kernel=5 sigma=0.1..2", "jpeg quality=50..95",
        "affine deg=-15..15 tx=-0.1..0.1 ty=-0.1..0.1 scale=0.9..1.1 shear_x=-10..10",
        "perspective distortion=0.5", "elastic alpha=50 sigma=5", "pad px=4 border=reflect",
        "erase", "coarsedropout holes=8 size=0.05..0.15", "randaugment n=2 m=9",
        "trivialaugment", "autoaugment policy=imagenet", "augmix"}) {
      c.put(spec.split(" ")[0], spec);
    }
    CATALOGUE = Collections.unmodifiableMap(c);
  }

  /**
   * The catalogue cases (transform name → spec), run with {@code --cases}; their peers are in
   * {@code bench/aug_catalogue_peers.py}.
   */
  public static final Map<String, String> CATALOGUE;

  /**
   * Whether a case name is known ({@link #CASES} or {@link #CATALOGUE}).
   *
   * @param caseName a case name
   * @return true when {@link #pipeline} knows it
   */
  public static boolean isCase(String caseName) {
    return CASES.containsKey(caseName) || CATALOGUE.containsKey(caseName);
  }

  private AugmentBench() {}

  /**
   * The pipeline of a benchmark case.
   *
   * @param caseName one of {@link #CASES}
   * @return its pipeline
   * @throws AugregException for an unknown case, listing the valid ones
   */
  public static Pipeline pipeline(String caseName) {
    String spec = CASES.containsKey(caseName) ? CASES.get(caseName) : CATALOGUE.get(caseName);
    if (spec == null) {
      throw new AugregException(
          "unknown benchmark case '" + caseName + "' (valid: " + String.join(", ", CASES.keySet()) + ")");
    }
    return Pipeline.parse(spec);
  }

  /**
   * Runs a case for {@code seconds} (after a warm-up of a fifth of that, but at least min(1 s,
   * seconds), so that the JIT is done) on {@code threads} threads, cycling over {@code images}.
   *
   * @param caseName one of {@link #CASES}
   * @param images 8-bit images (not modified)
   * @param seconds measuring time
   * @param threads worker threads
   * @return images per second over all threads
   */
  public static double imagesPerSecond(String caseName, List<Mat> images, double seconds, int threads) {
    Pipeline p = pipeline(caseName);
    if (images.isEmpty()) {
      throw new AugregException("benchmark needs at least one image");
    }
    if (threads < 1 || !(seconds > 0)) {
      throw new AugregException("benchmark needs threads >= 1 and seconds > 0");
    }
    long[] counts = new long[threads];
    long[] elapsed = new long[threads];
    // warm up for a fifth of the run, but at least min(1 s, the run): the JIT's compiler threads
    // must be done before timing starts, or with 2 workers they take a core from one of them
    long warmNanos = (long) (Math.max(seconds * 0.2, Math.min(1.0, seconds)) * 1e9);
    long runNanos = (long) (seconds * 1e9);
    // every thread warms up, then all start measuring together
    java.util.concurrent.CyclicBarrier ready = new java.util.concurrent.CyclicBarrier(threads);
    Workers.run(
        threads,
        "bench",
        id -> {
          try (Mat dst = new Mat()) {
            long index = id;
            int n = images.size();
            long w0 = System.nanoTime();
            while (System.nanoTime() - w0 < warmNanos) {
              p.apply(images.get((int) (index % n)), dst, 0, 0, index, 0);
              index += threads;
            }
            ready.await();
            long count = 0;
            long t0 = System.nanoTime();
            long dt;
            do {
              p.apply(images.get((int) (index % n)), dst, 0, 0, index, 0);
              index += threads;
              count++;
              dt = System.nanoTime() - t0;
            } while (dt < runNanos);
            counts[id] = count;
            elapsed[id] = dt;
          }
        },
        id -> ready.reset()); // releases threads waiting for the failed one
    long total = 0;
    long longest = 1;
    for (int t = 0; t < threads; t++) {
      total += counts[t];
      longest = Math.max(longest, elapsed[t]);
    }
    return total / (longest / 1e9);
  }

  /**
   * Like {@link #imagesPerSecond}, but each thread measures its own CPU time rather than wall time,
   * and the per-thread rates are summed: the throughput the threads would reach with a core each,
   * whatever else runs on the machine (used to compare with the peer, and to check that threads do
   * not slow each other down, on a busy machine). The clock is read about every millisecond.
   *
   * @param caseName one of {@link #CASES}
   * @param images 8-bit images (not modified)
   * @param cpuSeconds CPU time each thread measures (after a warm-up of a fifth of that)
   * @param threads worker threads
   * @return the sum over threads of images per CPU second
   */
  public static double imagesPerCpuSecond(
      String caseName, List<Mat> images, double cpuSeconds, int threads) {
    Pipeline p = pipeline(caseName);
    double[] rates = new double[threads];
    Workers.run(
        threads, "bench-cpu", id -> rates[id] = cpuRate(p, images, cpuSeconds, id, threads), null);
    double sum = 0;
    for (double r : rates) {
      sum += r;
    }
    return sum;
  }

  /** Images per CPU second of the calling thread, on indices first, first + stride, ... */
  private static double cpuRate(
      Pipeline p, List<Mat> images, double cpuSeconds, long first, long stride) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    int n = images.size();
    try (Mat dst = new Mat()) {
      long index = first;
      long done = 0;
      long t0 = mx.getCurrentThreadCpuTime();
      long warm = (long) (cpuSeconds * 0.2e9);
      while (mx.getCurrentThreadCpuTime() - t0 < warm) {
        p.apply(images.get((int) (index % n)), dst, 0, 0, index, 0);
        index += stride;
        done++;
      }
      // images per ~1 ms of CPU, from the warm-up rate
      long batch = Math.max(1, done * 1_000_000L / Math.max(1, warm));
      long count = 0;
      long start = mx.getCurrentThreadCpuTime();
      long limit = (long) (cpuSeconds * 1e9);
      while (true) {
        for (long k = 0; k < batch; k++) {
          p.apply(images.get((int) (index % n)), dst, 0, 0, index, 0);
          index += stride;
        }
        count += batch;
        long dt = mx.getCurrentThreadCpuTime() - start;
        if (dt >= limit) {
          return count / (dt / 1e9);
        }
      }
    }
  }

  /**
   * Decodes every image under {@code dir} (recursively, in sorted order) and resizes it to
   * size×size with area interpolation, like the peer script.
   *
   * @param dir image folder
   * @param size side in pixels
   * @return the images (the caller closes them)
   */
  public static List<Mat> loadImages(Path dir, int size) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new AugregException(dir + ": cannot list images (" + e.getMessage() + ")", e);
    }
    List<Mat> out = new ArrayList<>();
    try (Size sz = new Size(size, size)) {
      for (Path f : files) {
        try (Mat im = opencv_imgcodecs.imread(f.toString())) {
          if (im == null || im.empty()) {
            continue;
          }
          Mat r = new Mat();
          opencv_imgproc.resize(im, r, sz, 0, 0, opencv_imgproc.INTER_AREA);
          out.add(r);
        }
      }
    }
    if (out.isEmpty()) {
      throw new AugregException(dir + ": no readable images");
    }
    return out;
  }

  /**
   * Answers {@code CASE SIZE SECONDS THREADS [cpu]} lines on stdin with one images/s line each (used by
   * {@code bench/compare_peers.py} to alternate with the peer).
   */
  private static void serve(Path dir) {
    Map<Integer, List<Mat>> bySize = new java.util.HashMap<>();
    java.io.BufferedReader in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.trim().split("\\s+");
        List<Mat> ims = bySize.computeIfAbsent(Integer.parseInt(f[1]), s -> loadImages(dir, s));
        double rate =
            f.length > 4 && f[4].equals("cpu")
                ? imagesPerCpuSecond(f[0], ims, Double.parseDouble(f[2]), Integer.parseInt(f[3]))
                : imagesPerSecond(f[0], ims, Double.parseDouble(f[2]), Integer.parseInt(f[3]));
        System.out.printf("%.1f%n", rate);
        System.out.flush();
      }
    } catch (IOException e) {
      throw new AugregException("benchmark server: " + e.getMessage(), e);
    }
  }

  /**
   * Prints {@code case size images/s} lines: {@code AugmentBench DIR [seconds] [threads] [sizes]
   * [cases]}, e.g. {@code data/photos 2 1 64,256,512 hflip,noise}.
   *
   * @param args folder, then optional seconds (2), threads (1), sizes and cases (all)
   */
  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("--serve")) {
      serve(Path.of(args[1]));
      return;
    }
    Path dir = Path.of(args.length > 0 ? args[0] : "data/photos");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String[] sizes = (args.length > 3 ? args[3] : "64,256,512").split(",");
    List<String> cases = args.length > 4 ? List.of(args[4].split(",")) : List.copyOf(CASES.keySet());
    for (String s : sizes) {
      List<Mat> ims = loadImages(dir, Integer.parseInt(s));
      for (String c : cases) {
        System.out.printf("augreg %s %s %.0f%n", c, s, imagesPerSecond(c, ims, seconds, threads));
      }
      ims.forEach(Mat::close);
    }
  }
}
