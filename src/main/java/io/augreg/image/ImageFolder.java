package io.augreg.image;

import io.augreg.core.AugregException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A labelled image folder in the usual "one sub-folder per class" layout ({@code root/cat/*.png},
 * {@code root/dog/*.jpg}, nested folders below a class allowed). Classes are the immediate
 * sub-folders in {@link ImageFiles#PATH_ORDER}; the label of a class is its position in {@link
 * #classes()}. Only files with an image extension are listed; files directly in the root are
 * ignored. Immutable.
 *
 * @param root the root folder
 * @param classes class names, sorted
 * @param samples every image with its label, in {@link ImageFiles#PATH_ORDER}
 */
public record ImageFolder(Path root, List<String> classes, List<Sample> samples) {

  /**
   * One labelled image.
   *
   * @param file the file
   * @param label the index of its class in {@link ImageFolder#classes()}
   */
  public record Sample(SourceFile file, int label) {}

  /** Copies the lists so the record is immutable. */
  public ImageFolder {
    classes = List.copyOf(classes);
    samples = List.copyOf(samples);
  }

  /**
   * Scans {@code root}.
   *
   * @param root a folder with one sub-folder per class
   * @return the classes and labelled samples
   * @throws AugregException when {@code root} is missing or holds no class folder with images
   */
  public static ImageFolder scan(Path root) {
    TreeMap<String, List<SourceFile>> byClass = new TreeMap<>(ImageFiles.PATH_ORDER);
    for (SourceFile f : ImageFiles.walk(root)) {
      int slash = f.relative().indexOf('/');
      if (slash > 0 && ImageFiles.hasImageExtension(f.relative())) {
        byClass.computeIfAbsent(f.relative().substring(0, slash), k -> new ArrayList<>()).add(f);
      }
    }
    if (byClass.isEmpty()) {
      throw new AugregException(
          root + ": no class folders with images (expected ROOT/CLASS/*.png|jpg|...)");
    }
    List<String> classes = new ArrayList<>(byClass.keySet());
    List<Sample> samples = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      for (SourceFile f : byClass.get(classes.get(label))) {
        samples.add(new Sample(f, label));
      }
    }
    return new ImageFolder(root, classes, samples);
  }
}
