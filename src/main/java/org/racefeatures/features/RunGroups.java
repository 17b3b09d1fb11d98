package org.racefeatures.features;

/**
 * The runs of each key (a horse, a jockey, a pair...) in race-time order, in one compressed layout:
 * the runs of key {@code g} are positions {@code start(g)} to {@code start(g + 1)} of the flat
 * arrays. Because runner rows are already in race-time order, a stable bucket fill keeps each key's
 * runs chronological, so "history before race R" is always a prefix: for a runner row of R it ends
 * at the row's own position, less any runs of the key at R's time ({@link #historyEnd}).
 *
 * <p>Immutable after construction; safe to read from any number of threads.
 */
final class RunGroups {
  private final int[] start;
  private final int[] row;
  /**
   * Per runner row from {@link #firstRow}: its race index (shared, not copied per position: only
   * {@link #historyEnd} reads it).
   */
  private final int[] rowRace;
  /** Per position: its race's day; null where no window reads it (the pairs' all-time groups). */
  private final int[] day;
  /** {@code winsBefore[k]}: wins among positions {@code 0..k-1}, so any span's wins is a difference. */
  private final int[] winsBefore;
  /** Per runner row from {@link #firstRow}: its key, or -1; a key counts only where {@link #wanted} marks it. */
  private final int[] key;
  /** Per key: whether its runs are listed; null for every key. */
  private final boolean[] wanted;
  /**
   * Per runner row with a key, from {@link #firstQueried} on: the position its run has, or would
   * have, among its key's runs: the number of that key's runs in earlier rows.
   */
  private final int[] positionOfRow;
  /** The first row {@link #historyEnd} may be asked about: rows before it hold no position. */
  private final int firstQueried;
  /** The first row of the per-row arrays: runs in earlier rows are listed only if given as early runs. */
  private final int firstRow;

  /**
   * @param key per runner row {@code r} from {@code firstRow} on, at {@code r - firstRow}: its key,
   *     or -1 for none (a NULL jockey, say); likewise {@code isRun}, {@code won} and {@code rowRace}
   * @param keys number of distinct keys
   * @param wanted per key, whether its runs are listed (the rest are as if -1); null for every key
   * @param isRun per runner row, whether it is a run (only runs make history)
   * @param raceDay per race, its day; null when no reader asks for a position's day (the days of
   *     windows, {@link #windowStart}, {@link #day})
   * @param firstRow the first row of the per-row arrays: a key's history is then its early runs and
   *     its runs from there on (all of them for the horses; none before it for the jockeys' and
   *     trainers' day windows, which look back no further)
   * @param firstQueried the first row whose history is asked for (the first target row), at or
   *     after {@code firstRow}: a chunk or an update holds positions only from there
   * @param early runs before {@code firstRow} to list first, in row order, of wanted keys; null for none
   */
  RunGroups(int[] key, int keys, boolean[] wanted, boolean[] isRun, boolean[] won, int[] rowRace, int[] raceDay,
      int firstRow, int firstQueried, ListedRuns early) {
    if (firstRow < 0 || firstRow > firstQueried) {
      throw new IllegalArgumentException("first row " + firstRow + " is not in 0.." + firstQueried);
    }
    this.key = key;
    this.wanted = wanted;
    this.firstQueried = firstQueried;
    this.firstRow = firstRow; // before key(row) is first asked
    int earlyRuns = early == null ? 0 : early.size();
    start = new int[keys + 1];
    int total = earlyRuns;
    for (int i = 0; i < earlyRuns; i++) {
      start[early.key[i] + 1]++;
    }
    for (int i = 0; i < key.length; i++) {
      if (key(i + firstRow) >= 0 && isRun[i]) {
        start[key[i] + 1]++;
        total++;
      }
    }
    for (int g = 0; g < keys; g++) {
      start[g + 1] += start[g];
    }
    row = new int[total];
    this.rowRace = rowRace;
    day = raceDay == null ? null : new int[total];
    int[] fill = java.util.Arrays.copyOf(start, keys);
    positionOfRow = new int[firstRow + key.length - firstQueried];
    // Each win is noted at its run's slot while the rows are read in order, then summed in
    // position order: no second pass reading rows at random.
    winsBefore = new int[total + 1];
    for (int i = 0; i < earlyRuns; i++) { // earlier than every held row, so first in each key
      int k = fill[early.key[i]]++;
      row[k] = early.row[i];
      if (day != null) {
        day[k] = raceDay[early.race[i]];
      }
      winsBefore[k + 1] = early.won[i] ? 1 : 0;
    }
    for (int i = 0; i < key.length; i++) {
      int r = i + firstRow;
      int g = key(r);
      if (g < 0) {
        continue;
      }
      if (r >= firstQueried) {
        positionOfRow[r - firstQueried] = fill[g];
      }
      if (isRun[i]) {
        int k = fill[g]++;
        row[k] = r;
        if (day != null) {
          day[k] = raceDay[rowRace[i]];
        }
        winsBefore[k + 1] = won[i] ? 1 : 0;
      }
    }
    for (int k = 0; k < total; k++) {
      winsBefore[k + 1] += winsBefore[k];
    }
  }

  /** The key of a runner row, or -1 for none (or one whose runs are not listed). */
  int key(int row) {
    int g = key[row - firstRow];
    return g >= 0 && (wanted == null || wanted[g]) ? g : -1;
  }

  int start(int key) {
    return start[key];
  }

  /**
   * One past the last run of the row's key in a race before {@code firstRaceAtTime}: with the index
   * of the first race at the time of the row's race R, the history of R is {@code start(key) ..
   * historyEnd}. The row must have a key and be at or after {@code firstQueried}.
   *
   * <p>Runs before the row's own position are in earlier rows, so in races up to R; only those at
   * R's time (earlier races at the same time, or R itself) are stepped back over, usually none.
   */
  int historyEnd(int row, int firstRaceAtTime) {
    int first = start[key(row)];
    int end = positionOfRow[row - firstQueried];
    // A run before the first held row is in a race long before any target race's time.
    while (end > first && this.row[end - 1] >= firstRow && rowRace[this.row[end - 1] - firstRow] >= firstRaceAtTime) {
      end--;
    }
    return end;
  }

  /** The first position in {@code start(key) .. end} whose day is at least {@code minDay}. */
  int windowStart(int key, int end, int minDay) {
    return firstAtLeast(day, start[key], end, minDay);
  }

  /**
   * The first index in {@code from .. to - 1} of ascending values whose value is at least {@code
   * value}; {@code to} if none.
   */
  static int firstAtLeast(int[] ascending, int from, int to, int value) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ascending[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Wins among positions {@code from .. to-1}. */
  int wins(int from, int to) {
    return winsBefore[to] - winsBefore[from];
  }

  /** The first row of the per-row arrays. */
  int firstRow() {
    return firstRow;
  }

  /** One past the last runner row the key column covers. */
  int endRow() {
    return firstRow + key.length;
  }

  /** Number of keys. */
  int keys() {
    return start.length - 1;
  }

  /** Number of positions: the runs of all keys. */
  int size() {
    return row.length;
  }

  /** The runner row at a position. */
  int row(int position) {
    return row[position];
  }

  /** The race day at a position. */
  int day(int position) {
    return day[position];
  }
}
