package io.augreg.offline;

import io.augreg.augment.AppliedStep;
import io.augreg.core.AugregException;
import io.augreg.image.BadImageException;
import io.augreg.image.ImageFiles;
import io.augreg.image.ImageReader;
import io.augreg.image.MatImages;
import io.augreg.image.SourceFile;
import io.augreg.plot.ContactSheet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Builds the contact sheet of {@code augreg preview}: one row per image, the original first
 * (framed, labelled with its file name, size and folder) followed by its variants, each labelled
 * with the parameters it was made with ({@link StepLabels}).
 *
 * <p>Variant {@code k} of an image uses the generator of {@code augment} for copy {@code k} (same
 * seed, epoch 0, key = {@link OutputPlan#sampleKey} of the path relative to INPUT): the sheet shows
 * exactly the first outputs an {@code augment} run with the same pipeline and seed would write.
 */
public final class PreviewSheet {
  private PreviewSheet() {}

  /**
   * What a preview produced.
   *
   * @param sheet the contact sheet
   * @param images the images shown
   * @param failures files that could not be read (skipped)
   */
  public record Result(BufferedImage sheet, List<SourceFile> images, List<Failure> failures) {
    /** Copies the lists. */
    public Result {
      images = List.copyOf(images);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Builds the sheet.
   *
   * @param c the settings
   * @return the sheet and what went into it
   * @throws AugregException when no image could be read
   */
  public static Result build(PreviewConfig c) {
    List<SourceFile> files = ImageFiles.walk(c.input());
    if (Files.isDirectory(c.input())) {
      files = files.stream().filter(f -> ImageFiles.hasImageExtension(f.relative())).toList();
    }
    if (files.isEmpty()) {
      throw new AugregException(c.input() + ": no image files (png, jpg, ...) found");
    }
    ImageReader reader = new ImageReader(c.maxPixels());
    List<List<ContactSheet.Tile>> rows = new ArrayList<>();
    List<SourceFile> shown = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (SourceFile f : pick(files, c.maxImages())) {
      try (Mat src = reader.read(f.path());
          Mat dst = new Mat()) {
        List<ContactSheet.Tile> row = new ArrayList<>();
        row.add(
            new ContactSheet.Tile(
                MatImages.toBufferedImage(src),
                List.of(
                    f.relative().substring(f.relative().lastIndexOf('/') + 1),
                    src.cols()
                        + "x"
                        + src.rows()
                        + (f.folder().isEmpty() ? "" : " · " + f.folder())),
                true));
        long key = OutputPlan.sampleKey(f.relative());
        for (int k = 0; k < c.variants(); k++) {
          List<AppliedStep> steps = c.pipeline().apply(src, dst, c.seed(), 0, key, k);
          List<String> label = new ArrayList<>();
          label.add(
              "#"
                  + k
                  + (dst.cols() == src.cols() && dst.rows() == src.rows()
                      ? ""
                      : " " + dst.cols() + "x" + dst.rows()));
          label.addAll(StepLabels.lines(steps));
          row.add(new ContactSheet.Tile(MatImages.toBufferedImage(dst), label, false));
        }
        rows.add(row);
        shown.add(f);
      } catch (BadImageException e) {
        failures.add(new Failure(f.path(), e.reason()));
      }
    }
    if (rows.isEmpty()) {
      throw new AugregException(c.input() + ": no readable image (" + failures.get(0) + ")");
    }
    String title = "augreg preview · seed " + c.seed() + " · " + c.pipeline().toSpec();
    return new Result(ContactSheet.render(title, rows, c.tileSize()), shown, failures);
  }

  /** Up to {@code n} files spread evenly through the sorted list (all of them when fewer). */
  static List<SourceFile> pick(List<SourceFile> files, int n) {
    if (files.size() <= n) {
      return files;
    }
    List<SourceFile> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(files.get((int) ((long) i * files.size() / n)));
    }
    return out;
  }
}
