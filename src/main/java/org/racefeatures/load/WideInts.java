package org.racefeatures.load;

import java.util.Arrays;

/**
 * 64-bit integers held in 32 bits each where they fit, as nearly every id and runner_id of a
 * database does: a value outside the int range goes to a {@code long[]} made at the first such
 * value, flagged per row. Half a {@code long[]}'s bytes for the columns held for every runner row.
 *
 * <p>Like {@link RowBits}, a second reader filling its own rows of the same values shares the int
 * array but keeps its own wide values, {@link #merge}d afterwards.
 */
final class WideInts {
  private int[] small = new int[0];
  private long[] wide;
  private RowBits isWide;

  int capacity() {
    return small.length;
  }

  void ensureCapacity(int rows) {
    if (rows > small.length) {
      small = Arrays.copyOf(small, rows);
      if (wide != null) {
        wide = Arrays.copyOf(wide, rows);
        isWide.ensureCapacity(rows);
      }
    }
  }

  /** Fills {@code whole}'s int array from now on (its rows are sized already); wide values stay here. */
  void share(WideInts whole) {
    small = whole.small;
  }

  /** Takes over the wide values of a reader that {@link #share}d this one's array. */
  void merge(WideInts part) {
    if (part.wide == null) {
      return;
    }
    for (int row = 0; row < part.wide.length; row++) {
      if (part.isWide.get(row)) {
        set(row, part.wide[row]);
      }
    }
  }

  void set(int row, long v) {
    if (v == (int) v) {
      small[row] = (int) v;
      return;
    }
    if (wide == null) {
      wide = new long[small.length];
      isWide = new RowBits(small.length);
    }
    wide[row] = v;
    isWide.set(row);
  }

  /**
   * The int array itself, for a caller that overwrites it row by row once each row's value is read
   * (an id column's keys take its place), then {@link #release}s this.
   */
  int[] array() {
    return small;
  }

  /** Drops every value (the array now belongs to the caller of {@link #array}): read nothing afterwards. */
  void release() {
    small = new int[0];
    wide = null;
    isWide = null;
  }

  long get(int row) {
    return wide != null && isWide.get(row) ? wide[row] : small[row];
  }
}
