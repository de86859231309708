package io.augreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augreg.augment.AugmentBench;
import io.augreg.core.AugregException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "Measure augmentation throughput (images per second, io.augreg.augment.AugmentBench) per case"
          + " and image size. The images are decoded and resized to SIZE x SIZE (area"
          + " interpolation) first; then each case runs for --seconds (after a warm-up of a fifth"
          + " of that) on --threads threads.",
      "Cases (same semantics as the OpenCV-Python peer aug_peers.py): hflip, vflip, rotate (-30..30"
          + " deg, bilinear, reflect), crop (scale 0.08..1, ratio 0.75..1.333, same size), contrast"
          + " (0.8..1.2 around the mean), noise (sigma 10), pipeline (those five, p=0.5 each).",
      "With --json, prints"
          + " {\"threads\":N,\"clock\":\"wall\",\"results\":[{\"name\":..,\"size\":..,\"images_per_second\":..},..]}.",
      ""
    })
public final class BenchAugmentCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--images",
      paramLabel = "DIR",
      defaultValue = "data/photos",
      description = "Folder of images to use (default: ${DEFAULT-VALUE}).")
  Path images;

  @Option(
      names = "--sizes",
      paramLabel = "N",
      split = ",",
      defaultValue = "64,256,512",
      description = "Square image sides (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Threads augmenting in parallel (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "2",
      description = "Measured seconds per case and size (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--cases",
      paramLabel = "NAME",
      split = ",",
      description =
          "Cases to run (default: hflip,vflip,rotate,crop,contrast,noise,pipeline; also every"
              + " catalogue step by name, e.g. equalize,randaugment).")
  List<String> cases;

  @Option(
      names = "--clock",
      paramLabel = "wall|cpu",
      defaultValue = "wall",
      description =
          "wall: images per elapsed second over all threads; cpu: each thread's images per second of"
              + " its own CPU time, summed over threads (robust when other processes share the"
              + " cores) (default: ${DEFAULT-VALUE}).")
  String clock;

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
    if (!clock.equals("wall") && !clock.equals("cpu")) {
      throw new AugregException("--clock must be wall or cpu, got " + clock);
    }
    boolean cpu = clock.equals("cpu");
    for (int s : sizes) {
      if (s < 8 || s > 8192) {
        throw new AugregException("--sizes: each size must be in [8, 8192], got " + s);
      }
    }
    List<String> names = cases == null ? List.copyOf(AugmentBench.CASES.keySet()) : cases;
    for (String n : names) {
      if (!AugmentBench.isCase(n)) {
        throw new AugregException(
            "--cases: unknown case '"
                + n
                + "' (valid: "
                + String.join(", ", AugmentBench.CASES.keySet())
                + ", or a catalogue case: "
                + String.join(", ", AugmentBench.CATALOGUE.keySet())
                + ")");
      }
    }
    if (!java.nio.file.Files.isDirectory(images)) {
      throw new AugregException("--images " + images + ": no such folder");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> results = new ArrayList<>();
    if (!json) {
      out.printf(
          Locale.ROOT,
          "augreg bench augment: %s, %d thread(s), %.1f %s s per case%n",
          images,
          threads,
          seconds,
          clock);
      out.printf(Locale.ROOT, "%-10s %6s %14s%n", "case", "size", "images/s");
      out.flush();
    }
    for (int size : sizes) {
      List<Mat> ims = AugmentBench.loadImages(images, size);
      try {
        for (String name : names) {
          double ips =
              cpu
                  ? AugmentBench.imagesPerCpuSecond(name, ims, seconds, threads)
                  : AugmentBench.imagesPerSecond(name, ims, seconds, threads);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("name", name);
          r.put("size", size);
          r.put("images_per_second", Math.round(ips * 10) / 10.0);
          results.add(r);
          if (!json) {
            out.printf(Locale.ROOT, "%-10s %6d %14.0f%n", name, size, ips);
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
      doc.put("clock", clock);
      doc.put("results", results);
      out.println(new ObjectMapper().writeValueAsString(doc));
      out.flush();
    }
    return 0;
  }
}
