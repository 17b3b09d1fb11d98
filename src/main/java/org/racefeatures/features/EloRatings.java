package org.racefeatures.features;

import org.racefeatures.load.RaceTable;
import org.racefeatures.load.RunnerTable;

/**
 * The {@code h_elo} rating of {@code features.md}: one chronological pass over every race, before
 * the parallel stage, recording each target row's rating just before its race.
 */
final class EloRatings {
  static final double START = 1500;
  static final double K = 32;

  private EloRatings() {}

  /**
   * @param horseKey dense horse index per runner row
   * @return per runner row, the horse's rating before its race; NaN for non-runner rows
   */
  static double[] before(RaceTable races, RunnerTable runners, int[] horseKey, int horses,
      boolean[] isRun) {
    double[] rating = new double[horses];
    java.util.Arrays.fill(rating, START);
    double[] before = new double[runners.size()];
    int[] runs = new int[64];
    double[] delta = new double[64];
    for (int race = 0; race < races.size(); race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      int m = 0;
      for (int r = from; r < to; r++) {
        if (runners.status(r) == RunnerTable.STATUS_NON_RUNNER) {
          before[r] = Double.NaN;
          continue;
        }
        before[r] = rating[horseKey[r]];
        if (isRun[r]) {
          if (m == runs.length) {
            runs = java.util.Arrays.copyOf(runs, 2 * m);
            delta = new double[2 * m];
          }
          runs[m++] = r;
        }
      }
      if (m < 2) {
        continue; // a race with one run changes nothing
      }
      double scale = K / (m - 1);
      for (int i = 0; i < m; i++) {
        double ra = before[runs[i]];
        double sum = 0;
        for (int j = 0; j < m; j++) {
          if (j != i) {
            double rb = before[runs[j]];
            sum += score(runners, runs[i], runs[j]) - 1.0 / (1.0 + Math.pow(10.0, (rb - ra) / 400.0));
          }
        }
        delta[i] = scale * sum;
      }
      // All horses of the race move together, from their ratings before it.
      for (int i = 0; i < m; i++) {
        rating[horseKey[runs[i]]] = before[runs[i]] + delta[i];
      }
    }
    return before;
  }

  /** {@code S(a, b)}: 1 when a finished ahead of b, 0.5 when level, else 0. */
  static double score(RunnerTable runners, int a, int b) {
    boolean fa = runners.status(a) == RunnerTable.STATUS_FINISHED;
    boolean fb = runners.status(b) == RunnerTable.STATUS_FINISHED;
    if (fa && fb) {
      int pa = runners.position(a);
      int pb = runners.position(b);
      return pa < pb ? 1.0 : pa == pb ? 0.5 : 0.0;
    }
    return fa ? 1.0 : fb ? 0.0 : 0.5;
  }
}
