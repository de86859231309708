package io.augreg.tune;

import io.augreg.core.AugregException;
import io.augreg.core.Seeds;
import io.augreg.data.Split;
import io.augreg.data.SplitRatios;
import io.augreg.image.ImageFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Where a tune's runs read their data: the training part (whole or a fraction of it, for the
 * learning curve), the dev part the choice is made on, and the test folder used only by the
 * final runs of the chosen setting.
 */
public interface TuneData {

  /**
   * The folders of one run.
   *
   * @param train training data (an image folder, or the football {@code .mat})
   * @param dev dev images, or null when the data carries its own dev part (football)
   * @param test test images, or null (every search run)
   */
  record Parts(Path train, Path dev, Path test) {}

  /**
   * The parts for a run on {@code fraction} of the training part.
   *
   * @param fraction in (0, 1]
   * @return the folders (made on first use)
   */
  Parts parts(double fraction);

  /** The test folder, or null. */
  Path test();

  /**
   * The whole training data (for a refit of the chosen setting): the training folder as given,
   * before any dev split, without a dev set.
   */
  Path whole();

  /** What the data are, for the report, e.g. {@code "train/ split 80/20 (seed 1): 167 train, 42 dev"}. */
  String describe();

  /**
   * Data that need no preparation: the runner reads {@code train} as it is (for example the
   * football {@code .mat}, which holds its own dev part), with an optional dev and test folder.
   *
   * @param train the training data
   * @param dev dev folder or null
   * @param test test folder or null
   * @return the data (fractions other than 1 are refused)
   */
  static TuneData fixed(Path train, Path dev, Path test) {
    return new TuneData() {
      @Override
      public Parts parts(double fraction) {
        if (fraction != 1.0) {
          throw new AugregException("--sizes needs an image folder for --train (it trains on"
              + " fractions of it), got " + train);
        }
        return new Parts(train, dev, null);
      }

      @Override
      public Path test() {
        return test;
      }

      @Override
      public Path whole() {
        return train;
      }

      @Override
      public String describe() {
        return train + (dev == null ? "" : ", dev " + dev);
      }
    };
  }

  /**
   * Image folders, split or not: with {@code dev} given, the training folder is used as it is;
   * otherwise it is split once, stratified and seeded, into {@code work/train} and {@code
   * work/dev} (hard links, or copies where links are impossible). Fractions of the training part
   * are nested stratified subsets ({@code work/train-0.25} ⊂ {@code work/train-0.5}), seeded too.
   *
   * @param train the training folder (one sub-folder per class)
   * @param dev a dev folder, or null to split {@code train}
   * @param devShare the dev share of the split, in (0, 1) (ignored with {@code dev})
   * @param seed the split's seed
   * @param test test folder or null
   * @param work the tune's data folder (created)
   * @return the data
   */
  static TuneData images(Path train, Path dev, double devShare, long seed, Path test, Path work) {
    return new ImageSplit(train, dev, devShare, seed, test, work);
  }

  /** {@link #images}. */
  final class ImageSplit implements TuneData {
    private final Path source;
    private final Path dev;
    private final double devShare;
    private final long seed;
    private final Path test;
    private final Path work;

    ImageSplit(Path source, Path dev, double devShare, long seed, Path test, Path work) {
      if (dev == null && !(devShare > 0 && devShare < 1)) {
        throw new AugregException("--dev-share must be in (0, 1), got " + devShare);
      }
      this.source = source;
      this.dev = dev;
      this.devShare = devShare;
      this.seed = seed;
      this.test = test;
      this.work = work;
    }

    @Override
    public synchronized Parts parts(double fraction) {
      Path trainPart = source;
      Path devPart = dev;
      if (dev == null) {
        trainPart = work.resolve("train");
        devPart = work.resolve("dev");
        if (!Files.isDirectory(trainPart) || !Files.isDirectory(devPart)) {
          split();
        }
      }
      if (fraction == 1.0) {
        return new Parts(trainPart, devPart, null);
      }
      Path sub = work.resolve("train-" + SearchSpace.format(fraction, 4));
      if (!Files.isDirectory(sub)) {
        subset(trainPart, fraction, sub);
      }
      return new Parts(sub, devPart, null);
    }

    @Override
    public Path test() {
      return test;
    }

    @Override
    public Path whole() {
      return source;
    }

    @Override
    public String describe() {
      return dev != null ? source + " (train), " + dev + " (dev)"
          : String.format(Locale.ROOT, "%s split %s/%s train/dev, stratified, seed %d", source,
              SearchSpace.format(100 * (1 - devShare), 3), SearchSpace.format(100 * devShare, 3), seed);
    }

    /** The seeded stratified split into work/train and work/dev, made in a temporary folder. */
    private void split() {
      ImageFolder f = ImageFolder.scan(source);
      int[] labels = new int[f.samples().size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = f.samples().get(i).label();
      }
      Split s = Split.stratified(labels, new SplitRatios(1 - devShare, devShare, 0), seed);
      Path tmp = work.resolve(".split.part");
      RunStore.deleteTree(tmp);
      link(f, s.train(), tmp.resolve("train"));
      link(f, s.dev(), tmp.resolve("dev"));
      RunStore.deleteTree(work.resolve("train"));
      RunStore.deleteTree(work.resolve("dev"));
      RunStore.move(tmp.resolve("train"), work.resolve("train"));
      RunStore.move(tmp.resolve("dev"), work.resolve("dev"));
      RunStore.deleteTree(tmp);
    }

    /**
     * A stratified subset: per class (in the folder's order) a seeded permutation, of which the
     * first max(1, round(fraction · n)) files are kept; the permutation does not depend on the
     * fraction, so smaller subsets are inside larger ones.
     */
    private void subset(Path from, double fraction, Path to) {
      ImageFolder f = ImageFolder.scan(from);
      TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
      for (int i = 0; i < f.samples().size(); i++) {
        byClass.computeIfAbsent(f.samples().get(i).label(), k -> new ArrayList<>()).add(i);
      }
      List<Integer> keep = new ArrayList<>();
      for (var e : byClass.entrySet()) {
        List<Integer> members = e.getValue();
        int[] order = Seeds.permutation(members.size(), Seeds.generator(seed, 0x73697a65L, e.getKey()));
        long n = Math.max(1, Math.round(fraction * members.size()));
        for (int i = 0; i < n; i++) {
          keep.add(members.get(order[i]));
        }
      }
      int[] idx = keep.stream().mapToInt(Integer::intValue).sorted().toArray();
      Path tmp = to.resolveSibling("." + to.getFileName() + ".part");
      RunStore.deleteTree(tmp);
      link(f, idx, tmp);
      RunStore.move(tmp, to);
    }

    /** Hard-links (or copies) the samples {@code idx} of {@code f} to {@code dest/CLASS/...}. */
    private static void link(ImageFolder f, int[] idx, Path dest) {
      try {
        for (String c : f.classes()) {
          Files.createDirectories(dest.resolve(c));
        }
        for (int i : idx) {
          ImageFolder.Sample s = f.samples().get(i);
          Path target = dest.resolve(s.file().relative());
          Files.createDirectories(target.getParent());
          Path real = s.file().path().toRealPath();
          try {
            Files.createLink(target, real);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(real, target);
          }
        }
      } catch (IOException e) {
        throw new AugregException(dest + ": cannot prepare the tune's data (" + e.getMessage() + ")", e);
      }
    }
  }
}
