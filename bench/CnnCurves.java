import io.augreg.plot.CurveComparisonChart;
import io.augreg.plot.CurveComparisonChart.Curve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws docs/cnn-learning-curves.png from two `augreg train --out DIR` runs (used by
 * bench/cnn_curves.sh): dev (solid) and train (dashed, clean images) accuracy per epoch of each
 * run, one colour per run.
 * Usage: java -cp target/augreg.jar bench/CnnCurves.java OUT.png NAME=DIR NAME=DIR
 */
public class CnnCurves {
  public static void main(String[] args) throws Exception {
    List<Curve> curves = new ArrayList<>();
    for (int r = 1; r < args.length; r++) {
      String name = args[r].substring(0, args[r].indexOf('='));
      Path history = Path.of(args[r].substring(args[r].indexOf('=') + 1), "history.csv");
      List<String> lines = Files.readAllLines(history);
      List<String> head = List.of(lines.get(0).split(","));
      int epoch = head.indexOf("epoch");
      int train = head.indexOf("train_accuracy");
      int dev = head.indexOf("dev_accuracy");
      int n = lines.size() - 1;
      double[] x = new double[n];
      double[] tr = new double[n];
      double[] dv = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",");
        x[i] = Double.parseDouble(f[epoch]);
        tr[i] = Double.parseDouble(f[train]);
        dv[i] = Double.parseDouble(f[dev]);
      }
      curves.add(new Curve("test, " + name, x, dv, r - 1));
      curves.add(new Curve("train, " + name, x, tr, r - 1));
    }
    CurveComparisonChart.write(
        Path.of(args[0]), "CNN on cat/non-cat: accuracy per epoch", "epoch", "accuracy", curves);
  }
}
