package io.augreg.augment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs a pipeline over 100 000 images in a JVM of its own and prints its resident set size (kB)
 * after the warm-up and after the measured batches, as {@code before after}.
 *
 * <p>{@link PipelineTest} starts it in a child process with a fixed heap, so neither the heap
 * growing nor other tests of the same JVM can pass for a native leak.
 */
public final class ResidentMemoryProbe {
  private ResidentMemoryProbe() {}

  /**
   * Entry point.
   *
   * @param args the pipeline spec
   * @throws Exception if /proc/self/status cannot be read
   */
  public static void main(String[] args) throws Exception {
    Pipeline p = Pipeline.parse(args[0]);
    List<Mat> src = new ArrayList<>();
    List<Mat> dst = new ArrayList<>();
    try (Mat image = TestImages.pattern(32, 32, 3, 9)) {
      for (int i = 0; i < 1000; i++) {
        src.add(image);
        dst.add(new Mat());
      }
      for (int batch = 0; batch < 20; batch++) {
        p.applyBatch(src, dst, 1, 0, batch * 1000L, 2);
      }
      long before = residentKb();
      for (int batch = 20; batch < 120; batch++) {
        p.applyBatch(src, dst, 1, 0, batch * 1000L, 2);
      }
      System.out.println(before + " " + residentKb());
    } finally {
      dst.forEach(Mat::close);
    }
  }

  static long residentKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmRSS in /proc/self/status");
  }
}
