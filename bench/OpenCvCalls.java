import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The same OpenCV calls as bench/opencv_calls.py, on augreg's OpenCV (JavaCV's build), one
 * thread: microseconds of this thread's CPU time per call. Run by bench/opencv_calls.sh.
 * Usage: java -cp target/augreg.jar bench/OpenCvCalls.java IMAGE SIZE SECONDS
 */
public final class OpenCvCalls {
  public static void main(String[] args) {
    opencv_core.setNumThreads(1);
    int size = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    Mat im = new Mat();
    try (Mat full = opencv_imgcodecs.imread(args[0]); Size s = new Size(size, size)) {
      opencv_imgproc.resize(full, im, s, 0, 0, opencv_imgproc.INTER_AREA);
    }
    Mat dst = new Mat();
    Mat gray = new Mat();
    Mat lut = new Mat(1, 256, opencv_core.CV_8UC1);
    Size k5 = new Size(5, 5);
    IntPointer q75 = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 75);
    BytePointer buf = new BytePointer();
    opencv_imgcodecs.imencode(".jpg", im, buf, q75);
    Mat encoded = new Mat(1, (int) buf.limit(), opencv_core.CV_8UC1, buf);
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("GaussianBlur_5x5", () -> opencv_imgproc.GaussianBlur(
        im, dst, k5, 1.0, 1.0, opencv_core.BORDER_REFLECT_101, 0));
    calls.put("LUT", () -> opencv_core.LUT(im, lut, dst));
    calls.put("cvtColor_gray_and_back", () -> {
      opencv_imgproc.cvtColor(im, gray, opencv_imgproc.COLOR_BGR2GRAY);
      opencv_imgproc.cvtColor(gray, dst, opencv_imgproc.COLOR_GRAY2BGR);
    });
    calls.put("flip_vertical", () -> opencv_core.flip(im, dst, 0));
    calls.put("imencode_jpeg_q75", () -> {
      try (BytePointer b = new BytePointer()) {
        opencv_imgcodecs.imencode(".jpg", im, b, q75);
      }
    });
    calls.put("imdecode_jpeg", () -> opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR, dst));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, Runnable> e : calls.entrySet()) {
      Runnable r = e.getValue();
      long warm = mx.getCurrentThreadCpuTime();
      while (mx.getCurrentThreadCpuTime() - warm < seconds * 0.2e9) {
        r.run();
      }
      long n = 0;
      long t0 = mx.getCurrentThreadCpuTime();
      long dt;
      do {
        for (int k = 0; k < 10; k++) {
          r.run();
        }
        n += 10;
        dt = mx.getCurrentThreadCpuTime() - t0;
      } while (dt < seconds * 1e9);
      System.out.printf("javacv %s %d %.2f%n", e.getKey(), size, dt / 1e3 / n);
    }
  }
}
