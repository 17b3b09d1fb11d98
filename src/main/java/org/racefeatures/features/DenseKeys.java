package org.racefeatures.features;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * Numbers ids 0, 1, 2... in the order they are first seen. Ids known to lie in a range no larger
 * than {@link #MAX_TABLE} use a table indexed by {@code id - min}, one array read per id; other
 * ids use a hash map. Either way an id gets the same key, so the choice never shows in the output.
 */
final class DenseKeys {
  /** Largest range kept as a table (16 MB of ints); wider ranges use the hash map. */
  static final long MAX_TABLE = 1L << 22;

  private final long min;
  private final int[] table;
  private final Long2IntOpenHashMap map;
  private int size;

  /** Keys for ids in {@code min..max}; an empty range ({@code max < min}) is allowed. */
  DenseKeys(long min, long max) {
    // max - min may overflow a long for extreme ids: compare in doubles first.
    boolean small = max < min || (double) max - (double) min < MAX_TABLE;
    this.min = min;
    if (small) {
      table = new int[max < min ? 0 : (int) (max - min + 1)];
      java.util.Arrays.fill(table, -1);
      map = null;
    } else {
      table = null;
      map = new Long2IntOpenHashMap();
      map.defaultReturnValue(-1);
    }
  }

  /** The key of an id in the declared range, assigning the next key if it is new. */
  int key(long id) {
    if (table != null) {
      int i = (int) (id - min);
      int k = table[i];
      if (k < 0) {
        k = size++;
        table[i] = k;
      }
      return k;
    }
    int k = map.get(id);
    if (k < 0) {
      k = size++;
      map.put(id, k);
    }
    return k;
  }

  /** Number of keys assigned. */
  int size() {
    return size;
  }
}
