package io.augreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.augment.Pipeline;
import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.offline.BenchCases;
import io.augreg.offline.BenchImages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augreg bench augment}: augmentation throughput per case and image size. */
@Command(
    name = "augment",
    mixinStandardHelpOptions = true,
    header = "Augmentation throughput per case and image size (compare with bench/augment.sh).",
    description = {
      "Measure augmentation throughput (images per second) per case and image size. The images"
          + " are decoded and resized to SIZE x SIZE (area interpolation) first; then each case"
          + " runs for --seconds (after a warm-up of a fifth of that) on --threads threads.",
      "Cases (same semantics as the OpenCV-Python peer aug_peers.py): hflip, vflip, rotate"
          + " (-30..30 deg, bilinear, reflect), crop (scale 0.08..1, ratio 0.75..1.333, same size),"
          + " contrast (0.8..1.2 around the mean), noise (sigma 10), pipeline (those five, p=0.5 each).",
      "With --json, prints {\"threads\":N,\"results\":[{\"name\":..,\"size\":..,\"images_per_second\":..},..]}.",
      ""
    })
public final class BenchAugmentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--images", paramLabel = "DIR", defaultValue = "data/photos",
      description = "Folder of images to use (default: ${DEFAULT-VALUE}).")
  Path images;

  @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "64,256,512",
      description = "Square image sides (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Threads augmenting in parallel (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
      description = "Measured seconds per case and size (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--cases", paramLabel = "NAME", split = ",",
      description = "Cases to run (default: all: hflip,vflip,rotate,crop,contrast,noise,pipeline).")
  List<String> cases;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (threads < 1 || threads > 256) {
      throw new AugregException("--threads must be in [1, 256], got " + threads);
    }
    if (!(seconds > 0 && seconds <= 3600)) {
      throw new AugregException("--seconds must be in (0, 3600], got " + seconds);
    }
    for (int s : sizes) {
      if (s < 8 || s > 8192) {
        throw new AugregException("--sizes: each size must be in [8, 8192], got " + s);
      }
    }
    List<String> names = cases == null ? BenchCases.names() : cases;
    Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    for (String n : names) {
      pipelines.put(n, BenchCases.pipeline(n));
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> results = new ArrayList<>();
    if (!json) {
      out.printf(Locale.ROOT, "augreg bench augment: %s, %d thread(s), %.1f s per case%n", images, threads, seconds);
      out.printf(Locale.ROOT, "%-10s %6s %14s%n", "case", "size", "images/s");
      out.flush();
    }
    for (int size : sizes) {
      List<Mat> ims = BenchImages.load(images, size);
      try {
        for (Map.Entry<String, Pipeline> e : pipelines.entrySet()) {
          double ips = imagesPerSecond(e.getValue(), ims, seconds, threads);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("name", e.getKey());
          r.put("size", size);
          r.put("images_per_second", Math.round(ips * 10) / 10.0);
          results.add(r);
          if (!json) {
            out.printf(Locale.ROOT, "%-10s %6d %14.0f%n", e.getKey(), size, ips);
            out.flush();
          }
        }
      } finally {
        for (Mat m : ims) {
          m.close();
        }
      }
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("threads", threads);
      doc.put("results", results);
      out.println(new ObjectMapper().writeValueAsString(doc));
      out.flush();
    }
    return 0;
  }

  /**
   * Images per second of {@code pipeline} over {@code images} on {@code threads} threads: a
   * warm-up of {@code seconds / 5}, then each thread augments images round-robin (thread t takes
   * t, t+threads, ...) into its own destination until {@code seconds} have passed; the rate is
   * the total count over the wall time.
   */
  static double imagesPerSecond(Pipeline pipeline, List<Mat> images, double seconds, int threads)
      throws InterruptedException {
    long[] counts = new long[threads];
    Thread[] pool = new Thread[threads];
    long[] window = new long[2];
    Object lock = new Object();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads, () -> {
      synchronized (lock) {
        window[0] = System.nanoTime() + (long) (seconds * 0.2e9);
        window[1] = window[0] + (long) (seconds * 1e9);
      }
    });
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      pool[t] = new Thread(() -> {
        try (Mat dst = new Mat()) {
          start.await();
          long warmEnd;
          long end;
          synchronized (lock) {
            warmEnd = window[0];
            end = window[1];
          }
          SplittableRandom rng = Seeds.generator(0, id);
          int i = id;
          long n = 0;
          long now;
          while ((now = System.nanoTime()) < end) {
            pipeline.apply(images.get(i % images.size()), dst, rng);
            i += threads;
            if (now >= warmEnd) {
              n++;
            }
          }
          counts[id] = n;
        } catch (Exception | Error e) {
          synchronized (failure) {
            failure[0] = e;
          }
        } finally {
          Pipeline.releaseThreadResources();
        }
      }, "bench-" + t);
      pool[t].start();
    }
    for (Thread t : pool) {
      t.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("benchmark failed", failure[0]);
    }
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total / seconds;
  }
}
