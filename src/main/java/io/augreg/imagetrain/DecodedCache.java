package io.augreg.imagetrain;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import io.augreg.image.ImageReader;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decoded training images, resized to the network's input size and kept in their decoded channel
 * order (BGR/BGRA/gray), up to a byte budget. Fill-first: the first images to arrive are kept
 * until the budget is spent; every other image is read and decoded again each time it is needed,
 * so memory stays bounded whatever the folder's size. Thread-safe.
 */
public final class DecodedCache {
  private record Entry(byte[] pixels, int rows, int cols, int channels) {}

  private final ImageReader reader;
  private final int width;
  private final int height;
  private final long budget;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();

  /**
   * @param reader the safe reader
   * @param width images are resized to this width
   * @param height and height
   * @param budgetBytes the most pixel bytes kept (&gt;= 0)
   */
  public DecodedCache(ImageReader reader, int width, int height, long budgetBytes) {
    if (budgetBytes < 0) {
      throw new io.augreg.core.AugregException("--cache-mb must be >= 0, got " + budgetBytes / (1 << 20));
    }
    this.reader = reader;
    this.width = width;
    this.height = height;
    this.budget = budgetBytes;
  }

  /**
   * The image with id {@code id} (read from {@code path} unless cached), resized to the input
   * size. The caller closes the returned Mat.
   *
   * @param id a stable id of the image (its index in the training list)
   * @param path its file
   * @return a new 8-bit Mat
   * @throws io.augreg.image.BadImageException when the file cannot be read
   */
  public Mat get(int id, Path path) {
    Entry e = entries.get(id);
    if (e != null) {
      Mat m = new Mat(e.rows, e.cols, opencv_core.CV_8UC(e.channels));
      try (BytePointer p = m.data()) {
        p.put(e.pixels, 0, e.pixels.length);
      }
      return m;
    }
    return load(id, path);
  }

  /**
   * Like {@link #get} but writes into {@code dst}, which is reallocated only when its size or type
   * differs: a cached image costs one copy and no native allocation.
   *
   * @param id a stable id of the image (its index in the training list)
   * @param path its file
   * @param dst receives the 8-bit image
   * @throws io.augreg.image.BadImageException when the file cannot be read
   */
  public void get(int id, Path path, Mat dst) {
    Entry e = entries.get(id);
    if (e != null) {
      dst.create(e.rows, e.cols, opencv_core.CV_8UC(e.channels));
      try (BytePointer p = dst.data()) {
        p.put(e.pixels, 0, e.pixels.length);
      }
      return;
    }
    try (Mat m = load(id, path)) {
      m.copyTo(dst);
    }
  }

  /** Reads, resizes and (budget permitting) caches image {@code id}. */
  private Mat load(int id, Path path) {
    reads.incrementAndGet();
    Mat sized;
    try (Mat raw = reader.read(path)) {
      sized = new Mat();
      if (raw.cols() == width && raw.rows() == height) {
        raw.copyTo(sized);
      } else {
        boolean shrink = raw.cols() >= width && raw.rows() >= height;
        try (Size size = new Size(width, height)) {
          opencv_imgproc.resize(raw, sized, size, 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
        }
      }
    }
    int bytes = width * height * sized.channels();
    if (reserve(bytes)) {
      byte[] px = new byte[bytes];
      try (BytePointer p = sized.data()) {
        p.get(px, 0, bytes);
      }
      if (entries.putIfAbsent(id, new Entry(px, height, width, sized.channels())) != null) {
        used.addAndGet(-bytes);
      }
    }
    return sized;
  }

  /** Reserves {@code bytes} of the budget if they fit. */
  private synchronized boolean reserve(int bytes) {
    if (used.get() + bytes > budget) {
      return false;
    }
    used.addAndGet(bytes);
    return true;
  }

  /** Pixel bytes currently cached (never above the budget). */
  public long bytesUsed() {
    return used.get();
  }

  /** Images currently cached. */
  public int cachedImages() {
    return entries.size();
  }

  /** File reads so far (cache misses). */
  public long reads() {
    return reads.get();
  }
}
