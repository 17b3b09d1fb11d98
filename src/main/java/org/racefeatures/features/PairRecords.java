package org.racefeatures.features;

/**
 * The all-time runs and wins of each pair (a jockey at a course, say) before a race: the runs its
 * {@link RunGroups} lists, from the first row a {@link History} holds, plus the running counts
 * {@link Prelude} kept of the runs before that row. Immutable; safe to read from any thread.
 */
final class PairRecords {
  final RunGroups groups;
  /** Per key, its runs and wins before the groups' first row; null for none (a history of every row). */
  private final int[] earlierRuns;
  private final int[] earlierWins;

  PairRecords(RunGroups groups, Prelude.Counts earlier) {
    this.groups = groups;
    this.earlierRuns = earlier == null ? null : earlier.runs();
    this.earlierWins = earlier == null ? null : earlier.wins();
  }

  /** The pair's key of a target row, or -1 for none. */
  int key(int row) {
    return groups.key(row);
  }

  /** The key's runs before the history that ends at {@code end} (a {@link RunGroups#historyEnd}). */
  int runs(int key, int end) {
    return end - groups.start(key) + (earlierRuns == null ? 0 : earlierRuns[key]);
  }

  /** The key's wins before the history that ends at {@code end}. */
  int wins(int key, int end) {
    return groups.wins(groups.start(key), end) + (earlierWins == null ? 0 : earlierWins[key]);
  }
}
