package org.racefeatures.features;

import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.racefeatures.model.RaceTable;

/**
 * The dense keys of a pair (a, b) of row keys (a jockey and a course, say) per runner row a
 * {@link History} holds ({@code base} on, at {@code r - base}); -1 where a side is -1, or, for a
 * selection of races, where the pair is not one of a target row (only target rows ask for their
 * pair's runs). A pair is {@code a * bKeys + b} before numbering.
 */
final class PairKeys {
  final int base;
  final int[] key;
  final int keys;
  private final int bKeys;
  /** For a selection: each target row's pair, by its key; null when every pair is kept. */
  private final Long2IntOpenHashMap wanted;

  /** Every pair of rows {@code 0 ..}, numbered in row order. */
  PairKeys(int[] a, int aKeys, int[] b, int bKeys) {
    base = 0;
    this.bKeys = bKeys;
    wanted = null;
    DenseKeys dense = new DenseKeys(0, (long) aKeys * bKeys - 1);
    key = new int[a.length];
    for (int r = 0; r < a.length; r++) {
      key[r] = a[r] < 0 || b[r] < 0 ? -1 : dense.key(pair(a[r], b[r], bKeys));
    }
    keys = dense.size();
  }

  /**
   * The pairs of the rows of the races {@code targets}, numbered as first met there; every other
   * held row's key is -1.
   *
   * @param a, b per held row {@code r} (rows {@code base ..}), at {@code r - base}
   */
  PairKeys(int[] a, int[] b, int bKeys, int[] targets, RaceTable races, int base) {
    this.base = base;
    this.bKeys = bKeys;
    wanted = new Long2IntOpenHashMap();
    wanted.defaultReturnValue(-1);
    for (int race : targets) {
      for (int r = races.firstRunner(race) - base; r < races.endRunner(race) - base; r++) {
        if (a[r] >= 0 && b[r] >= 0) {
          wanted.putIfAbsent(pair(a[r], b[r], bKeys), wanted.size());
        }
      }
    }
    key = new int[a.length];
    for (int r = 0; r < a.length; r++) {
      // The small map of wanted pairs stays in cache.
      key[r] = a[r] < 0 || b[r] < 0 ? -1 : wanted.get(pair(a[r], b[r], bKeys));
    }
    keys = wanted.size();
  }

  /** For a selection: the key of the pair (a, b), both sides non-negative; -1 for a pair no target row has. */
  int keyOf(int a, int b) {
    return wanted.get(pair(a, b, bKeys));
  }

  /** For a selection: per key, its pair as {@link #pair} packs it. */
  long[] pairs() {
    if (wanted == null) {
      throw new IllegalStateException("every pair is numbered densely: there is no selection's list");
    }
    long[] pairs = new long[keys];
    for (Long2IntMap.Entry e : wanted.long2IntEntrySet()) {
      pairs[e.getIntValue()] = e.getLongKey();
    }
    return pairs;
  }

  /** The pair (a, b) as one number, {@code a * bKeys + b}. */
  static long pair(int a, int b, int bKeys) {
    return (long) a * bKeys + b;
  }
}
