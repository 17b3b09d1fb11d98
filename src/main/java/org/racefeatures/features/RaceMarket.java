package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * {@code sp_rank} and {@code sp_implied_prob} of every target row, over the target rows of its own
 * race: the within-race features of the row, and the market rank and probability its run has when
 * it is a later race's history. Computed once per row, before the parallel stage.
 */
final class RaceMarket {
  /** Per runner row: {@code sp_rank}, 0 where NULL (no SP, or a non-runner). */
  final int[] rank;
  /** Per runner row: {@code sp_implied_prob}, NaN where NULL. */
  final double[] probability;

  RaceMarket(RaceTable races, RunnerTable runners) {
    rank = new int[runners.size()];
    probability = new double[runners.size()];
    java.util.Arrays.fill(probability, Double.NaN);
    for (int race = 0; race < races.size(); race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      double inverseSum = 0;
      for (int r = from; r < to; r++) {
        if (priced(runners, r)) {
          inverseSum += 1.0 / runners.sp(r);
        }
      }
      for (int r = from; r < to; r++) {
        if (!priced(runners, r)) {
          continue;
        }
        double sp = runners.sp(r);
        int smaller = 0;
        for (int other = from; other < to; other++) {
          if (priced(runners, other) && runners.sp(other) < sp) {
            smaller++;
          }
        }
        rank[r] = 1 + smaller;
        probability[r] = (1.0 / sp) / inverseSum;
      }
    }
  }

  /** A target row (not a non-runner) with a starting price. */
  private static boolean priced(RunnerTable runners, int r) {
    return !runners.spIsNull(r) && runners.status(r) != RunnerTable.STATUS_NON_RUNNER;
  }
}
