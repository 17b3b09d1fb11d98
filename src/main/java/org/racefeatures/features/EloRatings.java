package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * The {@code h_elo} rating of {@code docs/features.md}: ratings per horse, moved race by race in
 * race-time order, recording each row's rating just before its race. One instance is one
 * chronological pass; a pass may be carried on from where another stopped ({@link Prelude} rates
 * the races before the rows a {@link History} holds, then the history the rest).
 */
final class EloRatings {
  static final double START = 1500;
  static final double K = 32;
  private static final double LN10_OVER_400 = Math.log(10) / 400;

  /** Per horse key: its rating after the races rated so far. */
  private final double[] rating;
  private int[] runs = new int[64];
  private double[] delta = new double[64];
  private double[] strength = new double[64];
  private double[] expected = new double[64];
  private int[] place = new int[64];

  /** Every horse at {@link #START}. */
  EloRatings(int horses) {
    rating = new double[horses];
    java.util.Arrays.fill(rating, START);
  }

  /** The ratings of {@code other} as they are now, to carry on apart from it. */
  EloRatings(EloRatings other) {
    rating = other.rating.clone();
  }

  /**
   * Rates races {@code fromRace .. toRace - 1} in order.
   *
   * @param horseKey, isRun per runner row {@code r} of those races, at {@code r - offset}
   * @param before receives, at {@code r - offset}, the row's horse rating before its race; NaN for a
   *     non-runner row
   */
  void rate(RaceTable races, RunnerTable runners, int fromRace, int toRace, int[] horseKey, boolean[] isRun,
      double[] before, int offset) {
    for (int race = fromRace; race < toRace; race++) {
      rateRace(runners, races.firstRunner(race), races.endRunner(race), horseKey, isRun, before, offset);
    }
  }

  /** Rates the race of rows {@code from .. to - 1}, as {@link #rate}. */
  void rateRace(RunnerTable runners, int from, int to, int[] horseKey, boolean[] isRun, double[] before,
      int offset) {
    int m = 0;
    for (int r = from; r < to; r++) {
      int i = r - offset;
      if (runners.status(r) == RunnerTable.STATUS_NON_RUNNER) {
        before[i] = Double.NaN;
        continue;
      }
      before[i] = rating[horseKey[i]];
      if (isRun[i]) {
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
      return; // a race with one run changes nothing
    }
    // E(a,b) = 1 / (1 + 10^((Rb - Ra) / 400)) = qa / (qa + qb) with q = 10^((R - R0) / 400): one
    // power per run instead of one per pair, and one division per pair since E(b,a) = 1 - E(a,b).
    // R0, the first run's rating, keeps q near 1 whatever the ratings. The result differs from the
    // pairwise form only in the last bits.
    double r0 = before[runs[0] - offset];
    for (int i = 0; i < m; i++) {
      strength[i] = Math.exp((before[runs[i] - offset] - r0) * LN10_OVER_400);
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
      int r = runs[i] - offset;
      rating[horseKey[r]] = before[r] + delta[i];
    }
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
