package io.augreg.offline;

import io.augreg.image.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names every output of a run, in input order, before any pixel is touched.
 *
 * <p>Scheme: the sub-folder of the source is kept; augmented copy {@code k} of {@code
 * cat/img001.png} is {@code cat/img001_aug<k>.<ext>}; the kept original is {@code
 * cat/img001.<ext>}, where {@code <ext>} follows {@link OutputFormat}. When two planned names would
 * be equal ignoring case (e.g. {@code a.png} and {@code a.jpg} both written as PNG), the later one
 * in input order gets {@code _2}, {@code _3}, ... before its extension, so no output overwrites
 * another on any file system.
 *
 * <p>The sample key of a source is the 64-bit FNV-1a hash of its relative path (UTF-8). It feeds
 * the seed derivation, so an image's augmentations depend only on (seed, its path, copy): adding or
 * removing other files does not change them, and {@code --resume} stays valid.
 */
public final class OutputPlan {
  private OutputPlan() {}

  /**
   * Plans the outputs of {@code sources}.
   *
   * @param sources the inputs in processing order
   * @param copies augmented copies per input
   * @param keepOriginal whether the original is written too (listed before the copies)
   * @param format the output format
   * @return one list of outputs per source, in the same order
   */
  public static List<List<PlannedOutput>> plan(
      List<SourceFile> sources, int copies, boolean keepOriginal, OutputFormat format) {
    Set<String> taken = new HashSet<>();
    List<List<PlannedOutput>> all = new ArrayList<>(sources.size());
    for (SourceFile s : sources) {
      String folder = s.folder().isEmpty() ? "" : s.folder() + "/";
      String ext = "." + format.extensionFor(s.extension());
      long key = sampleKey(s.relative());
      List<PlannedOutput> outs = new ArrayList<>(copies + 1);
      if (keepOriginal) {
        outs.add(
            new PlannedOutput(
                s, key, PlannedOutput.ORIGINAL, unique(taken, folder + s.stem(), ext)));
      }
      for (int k = 0; k < copies; k++) {
        outs.add(new PlannedOutput(s, key, k, unique(taken, folder + s.stem() + "_aug" + k, ext)));
      }
      all.add(List.copyOf(outs));
    }
    return all;
  }

  /**
   * The sample key of a relative path: 64-bit FNV-1a over its UTF-8 bytes.
   *
   * @param relative the {@code /}-separated path relative to INPUT
   * @return the key
   */
  public static long sampleKey(String relative) {
    // h = (h XOR byte) * FNV_PRIME, starting from the FNV offset basis
    long h = 0xcbf29ce484222325L;
    for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static String unique(Set<String> taken, String base, String ext) {
    String name = base + ext;
    for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
      name = base + "_" + n + ext;
    }
    return name;
  }
}
