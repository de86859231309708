package io.augreg.spark;

import io.augreg.image.SourceFile;
import io.augreg.offline.PlannedOutput;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One input file as a task receives it: its relative path and its planned outputs (named on the
 * driver, since a name can depend on other files), with the earlier run's manifest line of each
 * output when resuming.
 *
 * @param relative the input's path relative to INPUT, {@code /}-separated
 * @param key its sample key
 * @param copies the copy index of each output ({@link PlannedOutput#ORIGINAL} for the original)
 * @param outputs the relative path of each output
 * @param earlier the earlier manifest line of each output, or null entries
 */
record Item(String relative, long key, int[] copies, String[] outputs, String[] earlier)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The item of a planned source. */
  static Item of(List<PlannedOutput> plan, Map<String, String> earlierLines) {
    int n = plan.size();
    int[] copies = new int[n];
    String[] outputs = new String[n];
    String[] earlier = new String[n];
    for (int j = 0; j < n; j++) {
      PlannedOutput p = plan.get(j);
      copies[j] = p.copy();
      outputs[j] = p.relative();
      earlier[j] = earlierLines.get(p.relative());
    }
    return new Item(plan.get(0).source().relative(), plan.get(0).key(), copies, outputs, earlier);
  }

  /** The source, with its relative path as its path (used for its extension and in messages). */
  SourceFile source() {
    return new SourceFile(Path.of(relative), relative);
  }

  /** The planned outputs again. */
  List<PlannedOutput> plan(SourceFile source) {
    List<PlannedOutput> plan = new ArrayList<>(copies.length);
    for (int j = 0; j < copies.length; j++) {
      plan.add(new PlannedOutput(source, key, copies[j], outputs[j]));
    }
    return plan;
  }

  /** The earlier manifest lines by output path. */
  Map<String, String> earlierLines() {
    Map<String, String> m = new HashMap<>();
    for (int j = 0; j < outputs.length; j++) {
      if (earlier[j] != null) {
        m.put(outputs[j], earlier[j]);
      }
    }
    return m;
  }
}
