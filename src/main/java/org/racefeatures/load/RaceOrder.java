package org.racefeatures.load;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.racefeatures.model.Ids;

/**
 * Race-time order: the kept races sorted by {@code (race_date, off_time, race_id)}, and the runner
 * rows grouped by race in that order, in runner_id order within a race. Race ids of mixed storage
 * classes order as SQLite orders them: integers first, by value, then text, by code point (the
 * order of SQLite's BINARY collation in a UTF-8 file, kept for UTF-16 files too, so the output does
 * not depend on the file's encoding).
 */
final class RaceOrder {
  private static final int MINUTES_PER_DAY = 24 * 60;

  /** Load indexes of the kept races, in race-time order. */
  final int[] races;
  /** Per load index: the race's position in {@link #races}, or -1 if left out. */
  final int[] rank;
  /** Per output runner row: the runner's read index. */
  final int[] rows;
  /** Per race position: its first output runner row; one more entry holds the row count. */
  final int[] firstRunner;

  /**
   * @param raceIds the races' ids by load index
   * @param runnerRace per runner read index: its race's load index, or negative for none
   * @param runners how many runner rows were read
   */
  RaceOrder(int[] day, int[] minute, Ids raceIds, boolean[] drop, IntUnaryOperator runnerRace, int runners) {
    int n = day.length;
    int kept = 0;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      if (!drop[i]) {
        order[kept++] = i;
      }
    }
    order = Arrays.copyOf(order, kept);
    long[] idRank = idRanks(raceIds);
    long[] time = new long[kept];
    long[] id = new long[kept];
    int[] perm = new int[kept];
    boolean sorted = true;
    for (int i = 0; i < kept; i++) {
      time[i] = (long) day[order[i]] * MINUTES_PER_DAY + minute[order[i]];
      id[i] = idRank[order[i]];
      perm[i] = i;
      sorted &= i == 0 || time[i - 1] < time[i] || (time[i - 1] == time[i] && id[i - 1] < id[i]);
    }
    // Races are often stored in time order already (race_id growing with time): then no sort.
    if (!sorted) {
      LongArrays.radixSortIndirect(perm, time, id, false);
    }
    races = new int[kept];
    rank = new int[n];
    Arrays.fill(rank, -1);
    for (int i = 0; i < kept; i++) {
      races[i] = order[perm[i]];
      rank[races[i]] = i;
    }
    // A stable counting sort by race position keeps the read (runner_id) order within a race.
    firstRunner = new int[kept + 1];
    for (int i = 0; i < runners; i++) {
      int race = runnerRace.applyAsInt(i);
      if (race >= 0 && rank[race] >= 0) {
        firstRunner[rank[race] + 1]++;
      }
    }
    for (int i = 0; i < kept; i++) {
      firstRunner[i + 1] += firstRunner[i];
    }
    rows = new int[firstRunner[kept]];
    int[] fill = Arrays.copyOf(firstRunner, kept);
    for (int i = 0; i < runners; i++) {
      int race = runnerRace.applyAsInt(i);
      if (race >= 0 && rank[race] >= 0) {
        rows[fill[rank[race]]++] = i;
      }
    }
  }

  /** Each id's rank among all ids when they are integers only: the id itself; else its sort position. */
  private static long[] idRanks(Ids ids) {
    long[] out = new long[ids.size()];
    boolean allIntegers = true;
    for (int i = 0; i < out.length; i++) {
      if (ids.text(i) == null) {
        out[i] = ids.integer(i);
      } else {
        allIntegers = false;
      }
    }
    if (allIntegers) {
      return out;
    }
    int[] perm = new int[out.length];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    IntArrays.mergeSort(perm, (a, b) -> compareIds(ids.value(a), ids.value(b)));
    for (int i = 0; i < perm.length; i++) {
      out[perm[i]] = i;
    }
    return out;
  }

  /** Integers before text; integers by value; text by code point. */
  static int compareIds(Object a, Object b) {
    if (a instanceof Long x) {
      return b instanceof Long y ? Long.compare(x, y) : -1;
    }
    if (b instanceof Long) {
      return 1;
    }
    return compareCodePoints((String) a, (String) b);
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
