package org.racefeatures.load;

import java.util.Arrays;

/**
 * One bit per row (a NULL flag, say): an eighth of a {@code boolean[]}'s bytes, for columns held for
 * every input row. Two readers filling their own rows of one column each keep their own bits
 * (neighbouring rows share a word) and {@link #or} them together afterwards.
 */
final class RowBits {
  private long[] words;

  RowBits(int rows) {
    words = new long[words(rows)];
  }

  private static int words(int rows) {
    return (rows + 63) >>> 6;
  }

  /** Makes room for at least {@code rows} rows (new rows clear). */
  void ensureCapacity(int rows) {
    if (words(rows) > words.length) {
      words = Arrays.copyOf(words, words(rows));
    }
  }

  void set(int row) {
    words[row >>> 6] |= 1L << row;
  }

  boolean get(int row) {
    return (words[row >>> 6] & 1L << row) != 0;
  }

  /** Sets every bit that {@code other} has set. */
  void or(RowBits other) {
    ensureCapacity(other.words.length << 6);
    for (int i = 0; i < other.words.length; i++) {
      words[i] |= other.words[i];
    }
  }
}
