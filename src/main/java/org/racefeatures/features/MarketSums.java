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
  /** Sums per slot, side by side so that one slot's four are one cache line's read. */
  private static final int PRICED = 0;
  private static final int PRICED_WINS = 1;
  private static final int PROBABILITY = 2;
  private static final int RETURN = 3;
  /** Sums per key or slot. */
  static final int STRIDE = 4;

  private final RunGroups groups;
  /**
   * Per slot, the sums over the key's runs before it: priced runs, priced wins (both whole numbers,
   * exact in a double), sp_implied_prob and return.
   */
  private final double[] before;

  /**
   * @param probability per runner row {@code r} from the groups' first row on, at {@code r -
   *     firstRow}: {@code sp_implied_prob} (NaN where the run has no SP); likewise {@code won} and
   *     {@code isRun} (the runs are what {@code groups} lists)
   * @param sp per runner row, its starting price (read only where priced)
   * @param earlier per key, its running sums ({@link #STRIDE} each, as {@link #add} keeps them) over
   *     its runs before those the groups list; null for none
   * @param early the runs the groups list before their first row (their first positions), with
   *     their {@code sp_implied_prob}; null for none
   */
  MarketSums(RunGroups groups, double[] probability, boolean[] won, boolean[] isRun,
      java.util.function.IntToDoubleFunction sp, double[] earlier, WindowRuns early) {
    this.groups = groups;
    int keys = groups.keys();
    before = new double[(groups.size() + keys + 1) * STRIDE];
    // In row order, which is each key's run order: the rows' facts are read in sequence and each
    // key's running sums stay in a small array, instead of reading rows at random key by key.
    int[] next = new int[keys];
    // Runs before those listed have no slot, but count in the sums: so every slot holds the same
    // running sum, added in the same order, as when every run is listed.
    double[] running = earlier == null ? new double[keys * STRIDE] : earlier.clone();
    for (int g = 0; g < keys; g++) {
      keep(running, g, groups.start(g) + g); // the slot before a key's first listed run
      next[g] = groups.start(g) + g + 1; // the slot after a key's run p is p + g + 1
    }
    for (int i = 0, n = early == null ? 0 : early.size(); i < n; i++) { // earlier than every held row
      int g = early.key[i];
      add(running, g * STRIDE, early.probability[i], early.won[i], sp, early.row[i]);
      keep(running, g, next[g]++);
    }
    int base = groups.firstRow();
    for (int r = base; r < groups.endRow(); r++) {
      int g = groups.key(r);
      if (g < 0 || !isRun[r - base]) {
        continue;
      }
      add(running, g * STRIDE, probability[r - base], won[r - base], sp, r);
      keep(running, g, next[g]++);
    }
  }

  /** Copies key {@code g}'s running sums to {@code slot}. */
  private void keep(double[] running, int g, int slot) {
    System.arraycopy(running, g * STRIDE, before, slot * STRIDE, STRIDE);
  }

  /** Adds a run's terms to the running sums at {@code sums}, if it is priced. */
  static void add(double[] running, int sums, double probability, boolean won,
      java.util.function.IntToDoubleFunction sp, int row) {
    if (!Double.isNaN(probability)) {
      running[sums + PRICED] += 1;
      running[sums + PRICED_WINS] += won ? 1 : 0;
      running[sums + PROBABILITY] += probability;
      running[sums + RETURN] += won ? sp.applyAsDouble(row) - 1 : -1;
    }
  }

  private double sum(int field, int key, int from, int to) {
    return before[(to + key) * STRIDE + field] - before[(from + key) * STRIDE + field];
  }

  /** Priced runs among positions {@code from .. to-1} of {@code key}. */
  int priced(int key, int from, int to) {
    return (int) sum(PRICED, key, from, to);
  }

  /**
   * Wins over the sum of {@code sp_implied_prob} among the priced runs of the span: actual over
   * expected; NaN when there is none.
   */
  double actualOverExpected(int key, int from, int to) {
    if (priced(key, from, to) == 0) {
      return Double.NaN;
    }
    return sum(PRICED_WINS, key, from, to) / sum(PROBABILITY, key, from, to);
  }

  /**
   * The average return of a unit stake on each priced run of the span ({@code sp - 1} won, {@code -1}
   * lost); NaN when there is none.
   */
  double returnPerRun(int key, int from, int to) {
    int priced = priced(key, from, to);
    return priced == 0 ? Double.NaN : sum(RETURN, key, from, to) / priced;
  }

  RunGroups groups() {
    return groups;
  }
}
