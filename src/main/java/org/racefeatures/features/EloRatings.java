package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * The {@code h_elo} rating of {@code docs/features.md}: one chronological pass over every race, before
 * the parallel stage, recording each target row's rating just before its race.
 */
final class EloRatings {
  static final double START = 1500;
  static final double K = 32;
  private static final double LN10_OVER_400 = Math.log(10) / 400;

  private EloRatings() {}

  /**
   * @param nRaces the races to rate: {@code 0 .. nRaces - 1}
   * @param horseKey dense horse index per runner row
   * @return per runner row of those races, the horse's rating before its race; NaN for non-runner rows
   */
  static double[] before(RaceTable races, int nRaces, RunnerTable runners, int[] horseKey, int horses,
      boolean[] isRun) {
    double[] rating = new double[horses];
    java.util.Arrays.fill(rating, START);
    double[] before = new double[races.firstRunner(nRaces)];
    int[] runs = new int[64];
    double[] delta = new double[64];
    double[] strength = new double[64];
    double[] expected = new double[64];
    int[] place = new int[64];
    for (int race = 0; race < nRaces; race++) {
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
            strength = new double[2 * m];
            expected = new double[2 * m];
            place = new int[2 * m];
          }
          runs[m++] = r;
        }
      }
      if (m < 2) {
        continue; // a race with one run changes nothing
      }
      // E(a,b) = 1 / (1 + 10^((Rb - Ra) / 400)) = qa / (qa + qb) with q = 10^((R - R0) / 400): one
      // power per run instead of one per pair, and one division per pair since E(b,a) = 1 - E(a,b).
      // R0, the first run's rating, keeps q near 1 whatever the ratings. The result differs from the
      // pairwise form only in the last bits.
      double r0 = before[runs[0]];
      for (int i = 0; i < m; i++) {
        strength[i] = Math.exp((before[runs[i]] - r0) * LN10_OVER_400);
        place[i] = place(runners, runs[i]);
        expected[i] = 0;
      }
      for (int i = 0; i < m; i++) {
        double qa = strength[i];
        for (int j = i + 1; j < m; j++) {
          double e = qa / (qa + strength[j]);
          expected[i] += e;
          expected[j] += 1 - e;
        }
      }
      double scale = K / (m - 1);
      for (int i = 0; i < m; i++) {
        delta[i] = scale * (score(place, m, i) - expected[i]);
      }
      // All horses of the race move together, from their ratings before it.
      for (int i = 0; i < m; i++) {
        rating[horseKey[runs[i]]] = before[runs[i]] + delta[i];
      }
    }
    return before;
  }

  /** Where a run finished, for {@link #score}: its position, or after every position if it did not finish. */
  static int place(RunnerTable runners, int row) {
    return runners.status(row) == RunnerTable.STATUS_FINISHED ? runners.position(row) : Integer.MAX_VALUE;
  }

  /**
   * The sum over the other runs {@code j} of a race of {@code m} runs of {@code S(i, j)}, from the
   * runs' {@link #place}s: 1 when i finished ahead of j, 0.5 when level (a dead heat, or neither
   * finished), else 0; a finisher is ahead of any non-finisher. Counted in halves, so the sum is
   * exact.
   */
  static double score(int[] place, int m, int i) {
    int halves = 0; // 2 per run behind, 1 per run level, the run itself counted level
    for (int j = 0; j < m; j++) {
      halves += 1 + Integer.signum(place[j] - place[i]); // places are 1 .. MAX_VALUE: no overflow
    }
    return (halves - 1) / 2.0;
  }
}
