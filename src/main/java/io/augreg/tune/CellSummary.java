package io.augreg.tune;

import io.augreg.train.Diagnosis;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One cell of a tune (one setting) summed up over its seeds: mean and sample standard deviation
 * of the errors, the mean stop and best epochs, and the bias/variance verdict of the mean errors
 * (with how often each verdict came out per seed).
 *
 * @param setting the setting
 * @param round the refine round that first ran it (1 = the search asked for)
 * @param runs the finished runs (one per seed), in seed order
 * @param train train error over the seeds
 * @param dev dev error over the seeds
 * @param test test error over the seeds (final runs only; else NaN)
 * @param stopEpoch mean stop epoch
 * @param bestEpoch mean epoch of the kept weights
 * @param diagnosis the diagnosis of the mean train and dev errors
 * @param seedVerdicts verdict → number of seeds with it
 */
public record CellSummary(Setting setting, int round, List<RunResult> runs, Stat train, Stat dev,
    Stat test, double stopEpoch, double bestEpoch, Diagnosis diagnosis,
    Map<Diagnosis.Verdict, Integer> seedVerdicts) {

  /**
   * A mean and a spread.
   *
   * @param mean the mean (NaN without values)
   * @param sd the sample standard deviation (0 for one value, NaN without values)
   * @param n the number of finite values
   */
  public record Stat(double mean, double sd, int n) {
    /** The statistics of the finite values in {@code v}. */
    public static Stat of(double[] v) {
      double sum = 0;
      int n = 0;
      for (double x : v) {
        if (Double.isFinite(x)) {
          sum += x;
          n++;
        }
      }
      if (n == 0) {
        return new Stat(Double.NaN, Double.NaN, 0);
      }
      double mean = sum / n;
      // sample variance: Σ (x − mean)² / (n − 1)
      double ss = 0;
      for (double x : v) {
        if (Double.isFinite(x)) {
          ss += (x - mean) * (x - mean);
        }
      }
      return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
    }
  }

  /** Copies the collections. */
  public CellSummary {
    runs = List.copyOf(runs);
    seedVerdicts = Map.copyOf(seedVerdicts);
  }

  /**
   * Sums up the runs of one setting.
   *
   * @param setting the setting
   * @param round its round
   * @param runs its finished runs (at least one)
   * @param baseError the base error of the diagnosis
   * @return the summary
   */
  public static CellSummary of(Setting setting, int round, List<RunResult> runs, double baseError) {
    int n = runs.size();
    double[][] v = new double[5][n];
    Map<Diagnosis.Verdict, Integer> verdicts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      RunResult r = runs.get(i);
      v[0][i] = r.trainError();
      v[1][i] = r.devError();
      v[2][i] = r.testError();
      v[3][i] = r.stopEpoch();
      v[4][i] = r.bestEpoch();
      if (Double.isFinite(r.trainError())) {
        verdicts.merge(diagnose(r.trainError(), r.devError(), baseError).verdict(), 1, Integer::sum);
      }
    }
    Stat train = Stat.of(v[0]);
    Stat dev = Stat.of(v[1]);
    return new CellSummary(setting, round, runs, train, dev, Stat.of(v[2]), Stat.of(v[3]).mean(),
        Stat.of(v[4]).mean(), diagnose(train.mean(), dev.mean(), baseError), verdicts);
  }

  private static Diagnosis diagnose(double train, double dev, double baseError) {
    return Diagnosis.of(clamp(train), Double.isFinite(dev) ? clamp(dev) : Double.NaN, baseError);
  }

  private static double clamp(double e) {
    return Double.isFinite(e) ? Math.max(0, Math.min(1, e)) : 1;
  }

  /** {@code "HIGH_VARIANCE×2 FINE×1"}. */
  public String seedVerdictText() {
    StringBuilder b = new StringBuilder();
    seedVerdicts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        b.append(b.length() == 0 ? "" : " ").append(e.getKey().name()).append('x').append(e.getValue()));
    return b.toString();
  }
}
