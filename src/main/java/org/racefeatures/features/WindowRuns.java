package org.racefeatures.features;

import java.util.Arrays;

/**
 * Jockeys' or trainers' runs before the first row a {@link History} holds that their day windows
 * still read (from {@link WindowCursors#LONGEST_WINDOW_DAYS} before the history's first race), with
 * each run's {@code sp_implied_prob} in its own race for their {@link MarketSums}. Listed by a
 * {@link Past}; read-only afterwards.
 */
final class WindowRuns extends ListedRuns {
  /** {@code sp_implied_prob} of the run, NaN where it has no SP. */
  double[] probability = new double[1024];

  void add(int row, int key, int race, boolean won, double probability) {
    int i = append(row, key, race, won); // before the array is read: appending may grow it
    this.probability[i] = probability;
  }

  @Override
  void grow(int n) {
    probability = Arrays.copyOf(probability, n);
  }
}
