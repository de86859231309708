import io.augreg.football.FootballConfig;
import io.augreg.football.FootballData;
import io.augreg.football.FootballExperiment;
import io.augreg.football.FootballMode;
import io.augreg.football.FootballRun;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * The CPU time of each football training run on its own thread (used by bench/football_runs.sh):
 * the lesson's three runs one after the other, REPS times in one JVM, so the first repetition is a
 * cold run (interpreter, JIT warm-up) and the later ones warm. Prints one line per run:
 * {@code rep MODE train/test seconds}.
 * Usage: java -cp augreg.jar bench/FootballRuns.java ref|default REPS DATA.mat
 */
public class FootballRuns {
  public static void main(String[] args) {
    FootballConfig cfg =
        args[0].equals("ref") ? FootballConfig.lessonReference() : FootballConfig.lesson();
    int reps = Integer.parseInt(args[1]);
    FootballData data = FootballData.load(Path.of(args[2]));
    FootballExperiment ex = new FootballExperiment(cfg);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < reps; r++) {
      for (FootballMode mode : cfg.modes()) {
        long c0 = mx.getCurrentThreadCpuTime();
        FootballRun run = ex.runOne(data, mode, null);
        double s = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("%d %s %.4f/%.3f %.3f%n", r, mode, run.trainAccuracy(),
            run.testAccuracy(), s);
      }
    }
  }
}
