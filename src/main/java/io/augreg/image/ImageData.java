package io.augreg.image;

import io.augreg.core.AugregException;
import io.augreg.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ejml.data.DMatrixRMaj;

/**
 * Turns labelled images into network inputs: folder checks for training (every class folder has
 * images), decoding in parallel with bad files reported and skipped, and per-channel statistics.
 */
public final class ImageData {
  private ImageData() {}

  /**
   * A loaded set of images.
   *
   * @param data inputs (features × m) and targets (1 × m)
   * @param kept the samples that were read, in column order
   * @param failures the samples that could not be read (path and reason), in input order
   */
  public record Loaded(Dataset data, List<ImageFolder.Sample> kept, List<BadImageException> failures) {
    /** Copies the lists. */
    public Loaded {
      kept = List.copyOf(kept);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Scans a training folder strictly: like {@link ImageFolder#scan} but a class sub-folder
   * without any image file, or a folder with fewer than one class, is an error.
   *
   * @param root one sub-folder per class
   * @param option the option that named the folder, for messages (e.g. {@code "--train"})
   * @return the folder
   * @throws AugregException (exit 2) naming the folder and what is wrong
   */
  public static ImageFolder scanForTraining(Path root, String option) {
    TreeSet<String> dirs = classFolders(root, option);
    ImageFolder folder = scanOrEmpty(root);
    List<String> found = folder == null ? List.of() : folder.classes();
    List<String> empty = new ArrayList<>();
    for (String d : dirs) {
      if (!found.contains(d)) {
        empty.add(d);
      }
    }
    if (!empty.isEmpty()) {
      throw new AugregException(
          option + " " + root + ": class folder(s) " + empty + " contain no images");
    }
    return folder;
  }

  /**
   * Scans a labelled folder for a trained model: every sub-folder must be one of the model's
   * classes; a class of the model with no folder, or with an empty one, simply has no examples.
   *
   * @param root one sub-folder per class
   * @param option the option that named the folder, for messages (e.g. {@code "--data"})
   * @param classes the model's classes
   * @return the samples, labelled with indices into {@code classes}
   * @throws AugregException (exit 2) naming the folder when a sub-folder is not a class of the
   *     model, or when no class folder holds an image
   */
  public static List<ImageFolder.Sample> scanForModel(Path root, String option, List<String> classes) {
    TreeSet<String> dirs = classFolders(root, option);
    List<String> unknown = dirs.stream().filter(d -> !classes.contains(d)).toList();
    if (!unknown.isEmpty()) {
      throw new AugregException(option + " " + root + ": folder(s) " + unknown
          + " are not classes of the model (its classes: " + classes + ")");
    }
    ImageFolder folder = scanOrEmpty(root);
    if (folder == null) {
      throw new AugregException(option + " " + root + ": class folder(s) " + dirs + " contain no images");
    }
    return relabel(folder, classes, option);
  }

  /** The class sub-folders of {@code root}, sorted; a usage error when there is none. */
  private static TreeSet<String> classFolders(Path root, String option) {
    if (!Files.isDirectory(root)) {
      throw new AugregException(option + " " + root + ": not a folder");
    }
    TreeSet<String> dirs = subFolders(root, option);
    if (dirs.isEmpty()) {
      throw noClassFolders(root, option);
    }
    return dirs;
  }

  /**
   * The error for a folder without class sub-folders: empty, or holding images directly (probably
   * one class folder given instead of their parent, which the message then suggests).
   */
  private static AugregException noClassFolders(Path root, String option) {
    long images;
    try (Stream<Path> s = Files.list(root)) {
      images = s.filter(Files::isRegularFile)
          .filter(p -> ImageFiles.hasImageExtension(p.getFileName().toString()))
          .count();
    } catch (IOException e) {
      return new AugregException(option + " " + root + ": cannot list (" + e.getMessage() + ")", e);
    }
    if (images == 0) {
      return new AugregException(
          option + " " + root + ": empty (expected one sub-folder per class, e.g. "
              + root.resolve("cat") + "/*.png)");
    }
    Path parent = root.toAbsolutePath().normalize().getParent();
    String hint = "";
    try {
      TreeSet<String> siblings = parent == null ? new TreeSet<>() : subFolders(parent, option);
      // only a parent whose sub-folders hold images looks like the intended class layout
      int withImages = 0;
      for (String sibling : siblings) {
        if (withImages < 2 && imagesIn(parent.resolve(sibling)) > 0) {
          withImages++;
        }
      }
      if (withImages >= 2) {
        hint = "; did you mean " + option + " "
            + (root.getParent() != null ? root.getParent() : parent) + " (sub-folders " + siblings + ")?";
      }
    } catch (AugregException e) {
      // the parent cannot be listed: no hint
    }
    return new AugregException(option + " " + root + ": " + images + (images == 1 ? " image" : " images")
        + " directly in the folder, no class sub-folders; training needs one sub-folder per"
        + " class (" + option + " DIR with DIR/CLASS/*.png)" + hint);
  }

  /** Image files directly in {@code folder}; 0 when it cannot be listed. */
  private static long imagesIn(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> ImageFiles.hasImageExtension(p.getFileName().toString()))
          .count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The names of the non-hidden sub-folders of {@code root}, sorted. */
  private static TreeSet<String> subFolders(Path root, String option) {
    TreeSet<String> dirs = new TreeSet<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .forEach(dirs::add);
    } catch (IOException e) {
      throw new AugregException(option + " " + root + ": cannot list (" + e.getMessage() + ")", e);
    }
    return dirs;
  }

  private static ImageFolder scanOrEmpty(Path root) {
    try {
      return ImageFolder.scan(root);
    } catch (AugregException e) {
      return null;
    }
  }

  /**
   * Checks that every class of {@code other} is one of {@code classes} and returns its samples
   * relabelled to indices into {@code classes}.
   *
   * @param other a dev/test folder
   * @param classes the training classes
   * @param option the option naming the folder
   * @return the samples with training labels
   */
  public static List<ImageFolder.Sample> relabel(ImageFolder other, List<String> classes, String option) {
    List<ImageFolder.Sample> out = new ArrayList<>();
    for (ImageFolder.Sample s : other.samples()) {
      String name = other.classes().get(s.label());
      int label = classes.indexOf(name);
      if (label < 0) {
        throw new AugregException(
            option + " " + other.root() + ": class '" + name + "' is not a training class " + classes);
      }
      out.add(new ImageFolder.Sample(s.file(), label));
    }
    return out;
  }

  /**
   * Decodes {@code samples} into a data set; unreadable files are collected, not thrown.
   *
   * @param samples the images with class indices
   * @param format input size, channels and scaling
   * @param labels class → target mapping
   * @param reader the safe reader
   * @param threads decoding threads (&gt;= 1); the result does not depend on it
   * @return the inputs, the kept samples and the failures
   * @throws AugregException when no image at all could be read
   */
  public static Loaded load(
      List<ImageFolder.Sample> samples,
      InputFormat format,
      ClassLabels labels,
      ImageReader reader,
      int threads) {
    int n = samples.size();
    byte[][] pixels = new byte[n][];
    Readable r = decodeEach(samples, reader, threads, (mat, i) -> pixels[i] = format.pixels(mat));
    List<ImageFolder.Sample> kept = r.kept();
    List<BadImageException> failures = r.failures();
    int m = kept.size();
    int features = format.features();
    DMatrixRMaj x = new DMatrixRMaj(features, m);
    DMatrixRMaj y = new DMatrixRMaj(1, m);
    double[] scale = new double[format.channels()];
    double[] mean = format.mean();
    double[] std = format.std();
    for (int c = 0; c < scale.length; c++) {
      scale[c] = 1.0 / std[c];
    }
    boolean plain = !format.standardized();
    int col = 0;
    for (int i = 0; i < n; i++) {
      if (pixels[i] == null) {
        continue;
      }
      byte[] px = pixels[i];
      // x[f, col] = p_f / 255 (then (x - mean_c) / std_c with c = f mod channels)
      for (int f = 0; f < features; f++) {
        double v = (px[f] & 0xFF) / 255.;
        if (!plain) {
          int c = f % scale.length;
          v = (v - mean[c]) * scale[c];
        }
        x.data[f * m + col] = v;
      }
      y.data[col] = labels.target(samples.get(i).label());
      col++;
    }
    return new Loaded(new Dataset(x, y), kept, failures);
  }

  /**
   * The samples that decode and the failures, in input order.
   *
   * @param kept the samples that were read
   * @param failures the samples that could not be read (path and reason)
   */
  public record Readable(List<ImageFolder.Sample> kept, List<BadImageException> failures) {
    /** Copies the lists. */
    public Readable {
      kept = List.copyOf(kept);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Decodes every sample once, keeping nothing but the verdict: which files are images. A split
   * of the readable samples cannot be moved by an unreadable file.
   *
   * @param samples the images
   * @param reader the safe reader
   * @param threads decoding threads (&gt;= 1); the result does not depend on it
   * @return the readable samples and the failures
   * @throws AugregException when no image at all could be read
   */
  public static Readable readable(List<ImageFolder.Sample> samples, ImageReader reader, int threads) {
    return decodeEach(samples, reader, threads, (mat, i) -> { });
  }

  /**
   * Decodes the samples in parallel, handing each decoded Mat (closed afterwards) and its index to
   * {@code use}; unreadable files are collected, not thrown.
   */
  private static Readable decodeEach(List<ImageFolder.Sample> samples, ImageReader reader,
      int threads, ObjIntConsumer<Mat> use) {
    int n = samples.size();
    BadImageException[] bad = new BadImageException[n];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
    try {
      List<Future<?>> futures = new ArrayList<>();
      int chunks = Math.max(1, Math.min(threads, n)) * 4;
      for (int t = 0; t < chunks; t++) {
        int from = (int) ((long) n * t / chunks);
        int to = (int) ((long) n * (t + 1) / chunks);
        futures.add(pool.submit(() -> {
          for (int i = from; i < to; i++) {
            Path p = samples.get(i).file().path();
            try (Mat m = reader.read(p)) {
              use.accept(m, i);
            } catch (BadImageException e) {
              bad[i] = e;
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AugregException("interrupted while reading images", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AugregException("reading images failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<ImageFolder.Sample> kept = new ArrayList<>();
    List<BadImageException> failures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (bad[i] != null) {
        failures.add(bad[i]);
      } else {
        kept.add(samples.get(i));
      }
    }
    if (kept.isEmpty()) {
      throw new AugregException(
          "none of the " + n + " images could be read" + (failures.isEmpty() ? "" : "; first: " + failures.get(0).getMessage()));
    }
    return new Readable(kept, failures);
  }

  /**
   * Per-channel mean and standard deviation of unstandardized inputs (values p/255), for
   * {@link InputFormat#withNormalization}.
   *
   * @param x inputs (features × m) encoded by a format without standardization
   * @param channels channels of that format
   * @return {@code {mean, std}}, each of length {@code channels}; a zero std becomes 1
   */
  public static double[][] channelStatistics(DMatrixRMaj x, int channels) {
    double[] sum = new double[channels];
    double[] sq = new double[channels];
    long[] count = new long[channels];
    int m = x.numCols;
    for (int f = 0; f < x.numRows; f++) {
      int c = f % channels;
      int row = f * m;
      for (int j = 0; j < m; j++) {
        double v = x.data[row + j];
        sum[c] += v;
        sq[c] += v * v;
      }
      count[c] += m;
    }
    double[] mean = new double[channels];
    double[] std = new double[channels];
    for (int c = 0; c < channels; c++) {
      // mean = Σx/n; std = sqrt(Σx²/n − mean²)
      mean[c] = sum[c] / count[c];
      double var = Math.max(0, sq[c] / count[c] - mean[c] * mean[c]);
      std[c] = var > 0 ? Math.sqrt(var) : 1.0;
    }
    return new double[][] {mean, std};
  }

  /**
   * Standardizes in place inputs loaded without standardization: {@code x = (x − mean_c)/std_c}.
   *
   * @param x inputs (features × m), p/255 values
   * @param mean per-channel means
   * @param std per-channel stds
   */
  public static void standardize(DMatrixRMaj x, double[] mean, double[] std) {
    int channels = mean.length;
    int m = x.numCols;
    for (int f = 0; f < x.numRows; f++) {
      int c = f % channels;
      double mu = mean[c];
      double inv = 1.0 / std[c];
      int row = f * m;
      for (int j = 0; j < m; j++) {
        x.data[row + j] = (x.data[row + j] - mu) * inv;
      }
    }
  }
}
