package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * {@code sp_rank} and {@code sp_implied_prob} of every target row, over the target rows of its own
 * race: the within-race features of the row, and the market rank and probability its run has when
 * it is a later race's history. Computed once per row a {@link History} holds ({@code base} on, at
 * {@code r - base}), before the parallel stage.
 */
final class RaceMarket {
  final int base;
  /** Per held runner row: {@code sp_rank}, 0 where NULL (no SP, or a non-runner). */
  final int[] rank;
  /** Per held runner row: {@code sp_implied_prob}, NaN where NULL. */
  final double[] probability;

  /** The market of races {@code baseRace .. nRaces - 1}. */
  RaceMarket(RaceTable races, RunnerTable runners, int baseRace, int nRaces) {
    base = races.firstRunner(baseRace);
    rank = new int[races.firstRunner(nRaces) - base];
    probability = new double[rank.length];
    double[] sp = new double[64];
    for (int race = baseRace; race < nRaces; race++) {
      sp = ofRace(runners, races.firstRunner(race), races.endRunner(race), rank, probability, base, sp);
    }
  }

  /**
   * Writes the market of the race of rows {@code from .. to - 1}, each row {@code r} at {@code r -
   * offset} (every slot of the race); {@code sp} is scratch, returned grown if it was too small.
   */
  static double[] ofRace(RunnerTable runners, int from, int to, int[] rank, double[] probability, int offset,
      double[] sp) {
    if (to - from > sp.length) {
      sp = new double[2 * (to - from)];
    }
    // The race's prices in a plain array (NaN: no price, or a non-runner): the pairs read it, not the vectors.
    double inverseSum = 0;
    for (int r = from; r < to; r++) {
      boolean priced = !runners.spIsNull(r) && runners.status(r) != RunnerTable.STATUS_NON_RUNNER;
      sp[r - from] = priced ? runners.sp(r) : Double.NaN;
      if (priced) {
        inverseSum += 1.0 / sp[r - from];
      }
    }
    for (int i = 0; i < to - from; i++) {
      double mine = sp[i];
      if (Double.isNaN(mine)) {
        rank[from + i - offset] = 0;
        probability[from + i - offset] = Double.NaN;
        continue;
      }
      int smaller = 0;
      for (int j = 0; j < to - from; j++) {
        if (sp[j] < mine) { // false for NaN
          smaller++;
        }
      }
      rank[from + i - offset] = 1 + smaller;
      probability[from + i - offset] = (1.0 / mine) / inverseSum;
    }
    return sp;
  }
}
