package org.racefeatures.features;

/**
 * Prefix sums over the priced runs of each key of a {@link RunGroups} (its runs with a starting
 * price), so that the actual-over-expected and level-stakes return of any span of a key's runs are
 * differences: O(1) per target row, whatever the window.
 *
 * <p>The sums restart at each key (the slot of position {@code p} of key {@code g} is {@code p + g}),
 * so a difference is as exact as summing the key's own runs: a running sum over every key of a
 * large database would lose digits to its size. Immutable; safe to read from any thread.
 */
final class MarketSums {
  private final RunGroups groups;
  private final int[] pricedBefore;
  private final int[] pricedWinsBefore;
  private final double[] probabilityBefore;
  private final double[] returnBefore;

  /**
   * @param probability per runner row, {@code sp_implied_prob} (NaN where the run has no SP)
   * @param won per runner row, whether it was won
   * @param sp per runner row, its starting price (read only where priced)
   */
  MarketSums(RunGroups groups, double[] probability, boolean[] won, java.util.function.IntToDoubleFunction sp) {
    this.groups = groups;
    int slots = groups.size() + groups.keys() + 1;
    pricedBefore = new int[slots];
    pricedWinsBefore = new int[slots];
    probabilityBefore = new double[slots];
    returnBefore = new double[slots];
    for (int g = 0; g < groups.keys(); g++) {
      int end = groups.start(g + 1);
      for (int p = groups.start(g); p < end; p++) {
        int at = p + g;
        int r = groups.row(p);
        boolean priced = !Double.isNaN(probability[r]);
        pricedBefore[at + 1] = pricedBefore[at] + (priced ? 1 : 0);
        pricedWinsBefore[at + 1] = pricedWinsBefore[at] + (priced && won[r] ? 1 : 0);
        probabilityBefore[at + 1] = probabilityBefore[at] + (priced ? probability[r] : 0);
        returnBefore[at + 1] = returnBefore[at] + (!priced ? 0 : won[r] ? sp.applyAsDouble(r) - 1 : -1);
      }
    }
  }

  /** Priced runs among positions {@code from .. to-1} of {@code key}. */
  int priced(int key, int from, int to) {
    return pricedBefore[to + key] - pricedBefore[from + key];
  }

  /**
   * Wins over the sum of {@code sp_implied_prob} among the priced runs of the span: actual over
   * expected; NaN when there is none.
   */
  double actualOverExpected(int key, int from, int to) {
    if (priced(key, from, to) == 0) {
      return Double.NaN;
    }
    int wins = pricedWinsBefore[to + key] - pricedWinsBefore[from + key];
    return wins / (probabilityBefore[to + key] - probabilityBefore[from + key]);
  }

  /**
   * The average return of a unit stake on each priced run of the span ({@code sp - 1} won, {@code -1}
   * lost); NaN when there is none.
   */
  double returnPerRun(int key, int from, int to) {
    int priced = priced(key, from, to);
    return priced == 0 ? Double.NaN : (returnBefore[to + key] - returnBefore[from + key]) / priced;
  }

  RunGroups groups() {
    return groups;
  }
}
