package io.augreg.report;

import io.augreg.data.Split;
import io.augreg.image.ImageData;
import io.augreg.image.ImageFolder;
import io.augreg.imagetrain.ImageTrainConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files of a training run's three sets, found as the run found them: the folders
 * scanned, and {@code --split} redone with the run's seed ({@link Split#stratified}), so the dev
 * and test files are the ones the run held out.
 *
 * @param classes the class names (sorted sub-folders of {@code --train})
 * @param train training files (readable or not)
 * @param dev dev files
 * @param test test files
 */
public record RunSamples(
    List<String> classes, List<ImageFolder.Sample> train, List<ImageFolder.Sample> dev,
    List<ImageFolder.Sample> test) {

  /** Copies the lists. */
  public RunSamples {
    classes = List.copyOf(classes);
    train = List.copyOf(train);
    dev = List.copyOf(dev);
    test = List.copyOf(test);
  }

  /**
   * The sets of a run.
   *
   * @param c the run's configuration
   * @return its files
   */
  public static RunSamples of(ImageTrainConfig c) {
    ImageFolder folder = ImageData.scanForTraining(c.train(), "--train");
    List<String> classes = folder.classes();
    List<ImageFolder.Sample> dev = c.dev() == null ? List.of() : other(c.dev(), classes, "--dev");
    List<ImageFolder.Sample> test = c.test() == null ? List.of() : other(c.test(), classes, "--test");
    if (c.split() == null) {
      return new RunSamples(classes, folder.samples(), dev, test);
    }
    List<ImageFolder.Sample> all = folder.samples();
    int[] classOf = all.stream().mapToInt(ImageFolder.Sample::label).toArray();
    Split s = Split.stratified(classOf, c.split(), c.trainConfig().seed());
    // with --test FOLDER the split is TRAIN/DEV and its second part is the dev set
    return c.test() != null
        ? new RunSamples(classes, pick(all, s.train()), pick(all, s.test()), test)
        : new RunSamples(classes, pick(all, s.train()), pick(all, s.dev()), pick(all, s.test()));
  }

  private static List<ImageFolder.Sample> other(java.nio.file.Path dir, List<String> classes, String option) {
    return ImageData.relabel(ImageData.scanForTraining(dir, option), classes, option);
  }

  private static List<ImageFolder.Sample> pick(List<ImageFolder.Sample> all, int[] idx) {
    List<ImageFolder.Sample> out = new ArrayList<>(idx.length);
    for (int i : idx) {
      out.add(all.get(i));
    }
    return out;
  }

  /**
   * Images per class and set, as a table (class, train, dev, test, all).
   *
   * @return the table with id {@code class-counts}
   */
  Block.Table counts() {
    return counts(List.of("train", "dev", "test"), List.of(train, dev, test));
  }

  /**
   * Images per class of one folder, as a table (class, {@code name}).
   *
   * @param name the column's name
   * @param samples the folder's images
   * @return the table with id {@code class-counts}
   */
  Block.Table counts(String name, List<ImageFolder.Sample> samples) {
    return counts(List.of(name), List.of(samples));
  }

  private Block.Table counts(List<String> names, List<List<ImageFolder.Sample>> sets) {
    List<List<Block.Cell>> rows = new ArrayList<>();
    int n = sets.size();
    int k = classes.size();
    // counts[class][set]; the last row is all classes, the last column all sets
    long[][] counts = new long[k + 1][n + 1];
    for (int s = 0; s < n; s++) {
      for (ImageFolder.Sample x : sets.get(s)) {
        counts[x.label()][s]++;
        counts[x.label()][n]++;
        counts[k][s]++;
        counts[k][n]++;
      }
    }
    int columns = n > 1 ? n + 1 : n;
    for (int c = 0; c <= k; c++) {
      List<Block.Cell> row = new ArrayList<>();
      row.add(Block.Cell.of(c < k ? classes.get(c) : "all"));
      for (int s = 0; s < columns; s++) {
        row.add(Block.Cell.of(counts[c][s]));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("class");
    header.addAll(names);
    if (n > 1) {
      header.add("all");
    }
    return new Block.Table("class-counts", "Image files per class" + (n > 1 ? " and set" : "")
        + " (before unreadable files are skipped)", header, rows, false);
  }
}
